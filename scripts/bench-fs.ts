/**
 * Realm filesystem operations (04-filesystem.md) under load: fs/write of 1,000 files into one
 * directory (each write based on the previous root, so the directory grows to 1,000 entries),
 * fs/ls of that directory, and fs/rewrite of 100 entries; requests per second and p50/p99.
 *
 *   npm run bench:fs    (BENCH_DATABASE_URL; BENCH_FILES=1000, BENCH_LS=300, BENCH_REWRITES=50)
 */
import './bench-env';
import { TestServer } from '../test/support/test-server';

const FILES = Number(process.env.BENCH_FILES ?? 1000);
const LS_RUNS = Number(process.env.BENCH_LS ?? 300);
const REWRITES = Number(process.env.BENCH_REWRITES ?? 50);
const EMPTY = 'nod_240B5PHBGEC2A705WTKKMVRS30';

interface Figures {
  requests: number;
  seconds: number;
  latencies: number[];
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

function row(what: string, { requests, seconds, latencies }: Figures): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  return `| ${what} | ${requests} | ${(requests / seconds).toFixed(0)} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 99).toFixed(1)} |`;
}

/** Runs `count` calls of `call`, `concurrency` at a time, timing each. */
async function measure(count: number, concurrency: number, call: (i: number) => Promise<void>): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await call(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { requests: count, seconds: (performance.now() - started) / 1000, latencies };
}

async function main(): Promise<void> {
  const t = await TestServer.start({ ...(process.env.BLOB_STORE_URL ? { BLOB_STORE_URL: process.env.BLOB_STORE_URL } : {}), LOG_LEVEL: 'silent', WEBHOOK_DISPATCHER_ENABLED: 'false', SLA_SCAN_INTERVAL_MS: '0' });
  try {
    const owner = await t.userWithToken(['user']);
    const base = `${t.baseUrl}/api/realm/usr_${owner.user.id}/nodes`;
    const call = async (method: string, url: string, body: string | undefined, contentType: string): Promise<any> => {
      const res = await fetch(url, { method, headers: { authorization: `Bearer ${owner.token}`, 'content-type': contentType }, body });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`${method} ${url} answered ${res.status}: ${text}`);
      return JSON.parse(text);
    };
    const write = (root: string, path: string, content: string) => call('POST', `${base}/${root}/fs/write?path=${encodeURIComponent(path)}`, content, 'text/plain');

    // Warm up: root delegate, JIT, first blob directories.
    let root = (await write(EMPTY, 'warm/up.txt', 'x')).newRoot;

    const writes = await measure(FILES, 1, async (i) => {
      root = (await write(root, `dir/file-${String(i).padStart(5, '0')}.txt`, `content of file ${i}`)).newRoot;
    });
    const listing = await call('GET', `${base}/${root}/fs/ls?path=dir&limit=1000`, undefined, 'application/json');
    if (listing.total !== FILES) throw new Error(`ls answered ${listing.total} entries, expected ${FILES}`);

    const lsFull = await measure(LS_RUNS, 4, async () => {
      await call('GET', `${base}/${root}/fs/ls?path=dir&limit=1000`, undefined, 'application/json');
    });
    const lsPage = await measure(LS_RUNS, 4, async (i) => {
      const page = await call('GET', `${base}/${root}/fs/ls?path=dir&limit=100`, undefined, 'application/json');
      if (i === 0 && page.children.length !== 100) throw new Error('short page');
    });

    // 100 entries: 50 files moved into a new directory (from + delete), 50 new empty directories.
    const rewriteBody = (round: number) =>
      JSON.stringify({
        entries: Object.fromEntries([
          ...Array.from({ length: 50 }, (_, i) => [`moved-${round}/file-${i}.txt`, { from: `dir/file-${String(i).padStart(5, '0')}.txt` }]),
          ...Array.from({ length: 25 }, (_, i) => [`empty-${round}/d${i}`, { dir: true }]),
        ]),
        deletes: Array.from({ length: 25 }, (_, i) => `dir/file-${String(i).padStart(5, '0')}.txt`),
      });
    const rewrites = await measure(REWRITES, 1, async (round) => {
      await call('POST', `${base}/${root}/fs/rewrite`, rewriteBody(round), 'application/json');
    });

    console.log(`${FILES} files written into one directory, then listed; rewrites of 100 entries against it\n`);
    console.log('| operation | requests | requests/s | p50 ms | p99 ms |');
    console.log('|---|---|---|---|---|');
    console.log(row(`fs/write, one at a time, directory growing to ${FILES}`, writes));
    console.log(row(`fs/ls of the ${FILES}-entry directory, limit 1000, 4 at once`, lsFull));
    console.log(row(`fs/ls of the ${FILES}-entry directory, limit 100, 4 at once`, lsPage));
    console.log(row('fs/rewrite of 100 entries (50 from, 25 dir, 25 deletes), one at a time', rewrites));
  } finally {
    await t.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
