/**
 * The benchmark of issue 14. For each size (10,000 rows, then 1,000,000 support tickets with
 * 100,000 workflow tickets) it starts the built server on a fresh PostgreSQL database, seeds it
 * with SQL, counts the statements each scenario sends (DB_STATEMENT_COUNT), restarts the server
 * without counting, and loads each scenario with autocannon (10 connections). The two details
 * are also run against a bare Fastify + pg handler (bench-bare.ts), alternating, several rounds.
 * Server and bare handler are pinned to core 0 and the load to core 1 when taskset exists.
 * Prints one table: scenario, rows, p50, p99, req/s, statements per request, p99 against the
 * smallest size, req/s against bare (median, min–max); then the embedded database's table
 * (bench-embedded.ts: boot to healthy, idle RSS, 50 connections against PostgreSQL).
 *
 *   npm run bench        BENCH_DATABASE_URL, BENCH_SIZES=10000,1000000, BENCH_SECONDS=5, BENCH_ROUNDS=5
 *   npm run bench:smoke  10,000 rows, short runs; exit 1 when a statements-per-request figure
 *                        exceeds scripts/bench-baseline.json (BENCH_WRITE_BASELINE=1 rewrites it)
 */
import './bench-env';
import { median, pin, QUIET_SERVER, TASKSET } from './bench-common';
import autocannon from 'autocannon';
import { ChildProcess, fork } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, TestServer } from '../test/support/test-server';
import { printEmbeddedTable, runEmbeddedBench } from './bench-embedded';
import { finishSeeding, People, seedPeople, seedSupportTickets, seedWorkflowTickets } from './bench-seed';

const SMOKE = process.env.BENCH_SMOKE === '1';
const SIZES = (process.env.BENCH_SIZES ?? (SMOKE ? '10000' : '10000,1000000')).split(',').map(Number).sort((a, b) => a - b);
const SECONDS = Number(process.env.BENCH_SECONDS ?? (SMOKE ? 2 : 5));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (SMOKE ? 1 : 5));
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? (SMOKE ? 1 : 3));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const BASELINE_FILE = join(__dirname, 'bench-baseline.json');
/** Workflow tickets seeded beside `supportRows` support tickets: a tenth, at least 10,000. */
const workflowRowsFor = (supportRows: number) => Math.max(10_000, Math.round(supportRows / 10));

interface Scenario {
  name: string;
  token: string;
  path: () => string;
  /** Which bare route answers the same request, for the ratio to bare. */
  bare?: boolean;
}

interface Row {
  scenario: string;
  rows: number;
  p50: number;
  p99: number;
  rps: number;
  statements: number | null;
  errors: number;
  bare?: { median: number; min: number; max: number };
}

/**
 * `seconds` of load; a scenario too slow to complete a few requests per connection in that time
 * (an all-time report at 1M rows) is run again until 3 per connection have completed instead.
 */
async function load(baseUrl: string, s: Scenario, seconds: number): Promise<autocannon.Result> {
  const timed = await loadOnce(baseUrl, s, { duration: seconds });
  if (timed.requests.total >= 3 * CONNECTIONS) return timed;
  return loadOnce(baseUrl, s, { amount: 3 * CONNECTIONS });
}

function loadOnce(baseUrl: string, s: Scenario, limit: { duration: number } | { amount: number }): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: baseUrl,
        connections: CONNECTIONS,
        ...limit,
        timeout: 60,
        requests: [{ method: 'GET', setupRequest: (req: any) => ({ ...req, path: s.path(), headers: { authorization: `Bearer ${s.token}` } }) }],
      },
      (err: Error | null, result: autocannon.Result) => (err ? reject(err) : resolve(result)),
    );
  });
}

/** Statements of one request of `s`, as the counting server reports them (the largest of a few: no cache luck). */
async function statementsOf(server: TestServer, s: Scenario): Promise<number> {
  let most = 0;
  for (let i = 0; i < 3; i++) {
    const res = await fetch(server.baseUrl + s.path(), { headers: { authorization: `Bearer ${s.token}` } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${s.name}: ${res.status} for ${s.path()}`);
    most = Math.max(most, Number(res.headers.get('x-db-statements')));
  }
  return most;
}

async function startBare(databaseUrl: string, secret: string): Promise<{ baseUrl: string; child: ChildProcess }> {
  const port = await freePort();
  const child = fork(join(__dirname, 'bench-bare.ts'), [], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
    env: { ...process.env, BARE_DATABASE_URL: databaseUrl, BARE_JWT_SECRET: secret, BARE_PORT: String(port), BARE_POOL_SIZE: '10' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  pin(child.pid!, 0);
  return { baseUrl: `http://127.0.0.1:${port}`, child };
}

async function runSize(supportRows: number): Promise<Row[]> {
  const workflowRows = workflowRowsFor(supportRows);
  const server = await TestServer.start({ ...QUIET_SERVER, DB_POOL_SIZE: '10', DB_STATEMENT_COUNT: 'true' });
  const db = new Client({ connectionString: server.env.DATABASE_URL });
  await db.connect();
  let bare: { baseUrl: string; child: ChildProcess } | undefined;
  try {
    const admin = await server.adminToken();
    const [user, agent, master, technician] = await Promise.all([
      server.userWithToken(['user']),
      server.userWithToken(['agent']),
      server.userWithToken(['master']),
      server.userWithToken(['technician']),
    ]);
    const started = Date.now();
    const people: People = await seedPeople(db, { users: [user.user.id], agents: [agent.user.id], masters: [master.user.id], technicians: [technician.user.id] });
    await seedSupportTickets(db, supportRows, people);
    await seedWorkflowTickets(db, workflowRows, people);
    await finishSeeding(db, server.env.DATABASE_URL);
    console.log(`${supportRows} support + ${workflowRows} workflow tickets seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const supportId = () => 1 + Math.floor(Math.random() * supportRows);
    const workflowId = () => 1 + Math.floor(Math.random() * workflowRows);
    const scenarios: Scenario[] = [
      { name: 'support list: admin, page 1', token: admin, path: () => '/v1/tickets?page=1&page_size=20' },
      { name: 'support list: admin, page 500', token: admin, path: () => '/v1/tickets?page=500&page_size=20' },
      { name: 'support list: agent, status+priority by SLA', token: agent.token, path: () => '/v1/tickets?status=in_progress&priority=high&sort_by=sla_due_time&sort_order=asc' },
      { name: 'support list: user, search 登录', token: user.token, path: () => `/v1/tickets?search=${encodeURIComponent('登录')}` },
      { name: 'support detail (admin, random id)', token: admin, path: () => `/v1/tickets/${supportId()}`, bare: true },
      { name: 'support stats, all time (admin)', token: admin, path: () => '/v1/tickets/stats' },
      { name: 'support my-stats (agent)', token: agent.token, path: () => '/v1/tickets/my-stats' },
      { name: 'support SLA report, one year (admin)', token: admin, path: () => `/v1/tickets/sla-report?start_date=${day(-365)}&end_date=${day(0)}&group_by=priority` },
      { name: 'workflow list (super_admin, page 1)', token: admin, path: () => '/api/v1/tickets/' },
      { name: 'workflow detail (super_admin, random id)', token: admin, path: () => `/api/v1/tickets/${workflowId()}/`, bare: true },
    ];

    // Statements per request, on the counting server; then the same server without counting for load.
    const statements = new Map<string, number>();
    for (const s of scenarios) statements.set(s.name, await statementsOf(server, s));
    server.env.DB_STATEMENT_COUNT = 'false';
    await server.restart();
    pin(server.pid, 0);
    if (TASKSET) pin(process.pid, 1);

    const rows: Row[] = [];
    for (const s of scenarios) {
      await load(server.baseUrl, s, 1); // warm-up: JIT, caches, pool
      const r = await load(server.baseUrl, s, SECONDS);
      rows.push({ scenario: s.name, rows: s.name.startsWith('workflow') ? workflowRows : supportRows, p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, statements: statements.get(s.name)!, errors: r.non2xx + r.errors + r.timeouts });
    }

    // The bare handler on the same database, alternating with the server, ROUNDS rounds.
    bare = await startBare(server.env.DATABASE_URL, server.env.JWT_SECRET);
    for (const s of scenarios.filter((x) => x.bare)) {
      await load(bare.baseUrl, s, 1);
      const ratios: number[] = [];
      const bareRps: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const ours = await load(server.baseUrl, s, ROUND_SECONDS);
        const theirs = await load(bare.baseUrl, s, ROUND_SECONDS);
        if (theirs.non2xx + theirs.errors > 0) throw new Error(`bare ${s.name}: ${theirs.non2xx} non-2xx, ${theirs.errors} errors`);
        ratios.push(ours.requests.average / theirs.requests.average);
        bareRps.push(theirs.requests.average);
      }
      const row = rows.find((r) => r.scenario === s.name)!;
      row.bare = { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) };
      rows.push({ scenario: `  bare Fastify + pg: ${s.name.split(' (')[0]}`, rows: row.rows, p50: NaN, p99: NaN, rps: median(bareRps), statements: null, errors: 0 });
    }
    return rows;
  } finally {
    bare?.child.kill('SIGTERM');
    await db.end();
    await server.close();
  }
}

function printTable(all: Row[]): void {
  // The first row of a scenario is its smallest size (sizes run in ascending order).
  const base = new Map<string, Row>();
  for (const r of all) if (!base.has(r.scenario)) base.set(r.scenario, r);
  const num = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : '');
  console.log(`\nissue-14 benchmark: ${CONNECTIONS} connections, ${SECONDS} s per scenario, ${ROUNDS} alternating rounds of ${ROUND_SECONDS} s against bare; ${TASKSET ? 'server on core 0, load on core 1' : 'no taskset: not pinned'}; PostgreSQL ${process.env.TEST_DATABASE_URL}`);
  console.log('| scenario | rows | p50 ms | p99 ms | req/s | statements/req | p99 vs smallest | req/s vs bare (min–max) | errors |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of all) {
    const ref = base.get(r.scenario);
    const vsSmall = ref && ref !== r && Number.isFinite(r.p99) ? `${(r.p99 / Math.max(ref.p99, 1)).toFixed(2)}×` : '';
    const vsBare = r.bare ? `${r.bare.median.toFixed(2)}× (${r.bare.min.toFixed(2)}–${r.bare.max.toFixed(2)})` : '';
    console.log(`| ${r.scenario} | ${r.rows.toLocaleString('en')} | ${num(r.p50)} | ${num(r.p99)} | ${num(r.rps)} | ${r.statements ?? ''} | ${vsSmall} | ${vsBare} | ${r.errors} |`);
  }
}

/** The smoke check: statements per request may not grow past the committed baseline. */
function checkBaseline(rows: Row[]): boolean {
  const measured = Object.fromEntries(rows.filter((r) => r.statements !== null).map((r) => [r.scenario, r.statements]));
  if (process.env.BENCH_WRITE_BASELINE === '1' || !existsSync(BASELINE_FILE)) {
    writeFileSync(BASELINE_FILE, `${JSON.stringify(measured, null, 2)}\n`);
    console.log(`wrote ${BASELINE_FILE}`);
    return true;
  }
  const baseline: Record<string, number> = JSON.parse(readFileSync(BASELINE_FILE, 'utf8'));
  let ok = true;
  for (const [scenario, count] of Object.entries(measured)) {
    const allowed = baseline[scenario];
    if (allowed === undefined) console.log(`statements: ${scenario}: ${count} (no baseline yet)`);
    else if (count! > allowed) {
      console.error(`statements: ${scenario}: ${count} per request, baseline ${allowed}: it grew (scripts/bench-baseline.json)`);
      ok = false;
    } else if (count! < allowed) console.log(`statements: ${scenario}: ${count} per request, below the baseline of ${allowed}: lower it in scripts/bench-baseline.json`);
  }
  return ok;
}

async function main(): Promise<void> {
  const started = Date.now();
  const all: Row[] = [];
  // The embedded database's figures (boot, idle RSS, 50 connections) first, on a quiet machine:
  // after the million-row runs PostgreSQL is still writing them out. Not in the smoke run.
  const embedded = SMOKE ? [] : await runEmbeddedBench();
  for (const size of SIZES) all.push(...(await runSize(size)));
  printTable(all);
  if (embedded.length) printEmbeddedTable(embedded);
  console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (SMOKE) {
    const ok = checkBaseline(all);
    const failed = all.filter((r) => r.errors > 0);
    for (const r of failed) console.error(`${r.scenario}: ${r.errors} failed requests`);
    console.log(`bench smoke: ${ok && !failed.length ? 'ok' : 'FAILED'}`);
    if (!ok || failed.length) process.exit(1);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
