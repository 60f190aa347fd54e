/**
 * CPU cost of hostile request bodies at the body limit (1 MiB by default): for each body, the
 * server's own CPU time per request (from /proc, so client work is not counted) and the
 * latency, sent one at a time. The goal: under 50 ms of CPU for any body on any route.
 *
 *   npm run bench:bodies    (BENCH_DATABASE_URL; BENCH_REPEAT=20; TEST_SERVER_MAIN=<other build>/dist/main.js for a baseline)
 */
import './bench-env';
import { readFileSync } from 'node:fs';
import { TestServer } from '../test/support/test-server';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 20);
const LIMIT = 1_048_576;
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND; // utime + stime
}

/** Repeats `unit` (a JSON fragment) to fill the body up to the limit. */
function fill(prefix: string, unit: (i: number) => string, suffix: string, separator = ','): string {
  const parts: string[] = [];
  let size = prefix.length + suffix.length;
  for (let i = 0; ; i++) {
    const next = unit(i);
    if (size + next.length + separator.length > LIMIT - 16) break;
    parts.push(next);
    size += next.length + separator.length;
  }
  return prefix + parts.join(separator) + suffix;
}

async function main(): Promise<void> {
  const t = await TestServer.start({ RATE_LIMIT_USER_PER_MINUTE: '1000000', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000', LOGIN_MAX_ATTEMPTS_PER_IP: '1000000', LOG_LEVEL: 'silent', WEBHOOK_DISPATCHER_ENABLED: 'false', SLA_SCAN_INTERVAL_MS: '0' });
  try {
    const user = await t.userWithToken(['user']);
    const admin = await t.adminToken();
    const ticket = '"title":"t","description":"d","category":"other","priority":"low"';
    const bodies: Array<{ name: string; method: string; path: string; token?: string; body: string }> = [
      { name: 'login: flat object, max keys', method: 'POST', path: '/api/oauth/login', body: fill('{"email":"a@example.com","password":"x",', (i) => `"k${i}":1`, '}') },
      { name: 'ticket: metadata, max keys', method: 'POST', path: '/v1/tickets', token: user.token, body: fill(`{${ticket},"metadata":{`, (i) => `"k${i}":1`, '}}') },
      { name: 'ticket: metadata, 1000-key objects of 100-char strings', method: 'POST', path: '/v1/tickets', token: user.token, body: fill(`{${ticket},"metadata":{`, (i) => `"o${i}":{${Array.from({ length: 1000 }, (_, j) => `"k${j}":"${'x'.repeat(100)}"`).join(',')}}`, '}}') },
      { name: 'ticket: nesting at the limit', method: 'POST', path: '/v1/tickets', token: user.token, body: '['.repeat(LIMIT / 2 - 8) + ']'.repeat(LIMIT / 2 - 8) },
      { name: 'ticket: tags, max items', method: 'POST', path: '/v1/tickets', token: user.token, body: fill(`{${ticket},"tags":[`, () => '"a"', ']}') },
      { name: 'ticket: 1 MiB title', method: 'POST', path: '/v1/tickets', token: user.token, body: `{"title":"${'题'.repeat(LIMIT / 3 - 40)}","description":"d","category":"other","priority":"low"}` },
      { name: 'users: admin create, max keys', method: 'POST', path: '/api/admin/users', token: admin, body: fill('{"email":"x@example.com","password":"password-1","name":"n",', (i) => `"k${i}":1`, '}') },
      { name: 'workflow rules: max keys', method: 'PUT', path: '/api/v1/rules/config/', token: admin, body: fill('{"reason":"r","ticket_xp":{', (i) => `"k${i}":1`, '}}') },
    ];
    console.log(`server pid ${t.pid}; ${REPEAT} requests per body, sent one at a time\n`);
    console.log('| body | bytes | status | CPU ms/request | p50 ms | max ms |');
    console.log('|---|---|---|---|---|---|');
    for (const b of bodies) {
      const latencies: number[] = [];
      let status = 0;
      const before = cpuMs(t.pid);
      for (let i = 0; i < REPEAT; i++) {
        const started = performance.now();
        const res = await fetch(t.baseUrl + b.path, {
          method: b.method,
          headers: { 'content-type': 'application/json', ...(b.token ? { authorization: `Bearer ${b.token}` } : {}) },
          body: b.body,
        });
        await res.arrayBuffer();
        status = res.status;
        latencies.push(performance.now() - started);
      }
      const cpu = (cpuMs(t.pid) - before) / REPEAT;
      latencies.sort((x, y) => x - y);
      console.log(`| ${b.name} | ${Buffer.byteLength(b.body)} | ${status} | ${cpu.toFixed(1)} | ${latencies[Math.floor(REPEAT / 2)].toFixed(1)} | ${latencies[REPEAT - 1].toFixed(1)} |`);
    }
  } finally {
    await t.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
