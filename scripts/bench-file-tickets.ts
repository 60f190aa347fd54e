/**
 * Seed 003 file tickets: upload of one ticket of 10 files (50 MB in all) and the download of
 * its zip, in MB/s, with the server's peak memory growth during each (the goal: heap growth
 * under 32 MB, so a ticket streams through instead of being held). The server runs with a
 * small probe (--require) that samples process.memoryUsage() every 2 ms and, on SIGUSR2,
 * reports the peaks since the last report and starts over from a collected heap.
 *
 *   npm run bench:file-tickets    (BENCH_DATABASE_URL; BENCH_FILES=10; BENCH_FILE_MB=5)
 */
import './bench-env';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestServer } from '../test/support/test-server';

const FILES = Number(process.env.BENCH_FILES ?? 10);
const FILE_BYTES = Number(process.env.BENCH_FILE_MB ?? 5) * 1_000_000;
const MB = 1_000_000;
const MiB = 1024 * 1024;
const HEAP_BUDGET = 32 * MiB;

const PROBE = `
const { writeFileSync } = require('node:fs');
const out = process.env.MEMORY_PROBE_FILE;
const sample = () => { const m = process.memoryUsage(); return { heap: m.heapUsed, buffers: m.arrayBuffers, rss: m.rss }; };
let base = sample(), peak = { ...base };
const timer = setInterval(() => { const s = sample(); for (const k of Object.keys(s)) if (s[k] > peak[k]) peak[k] = s[k]; }, 2);
timer.unref();
process.on('SIGUSR2', () => {
  const s = sample();
  for (const k of Object.keys(s)) if (s[k] > peak[k]) peak[k] = s[k];
  writeFileSync(out, JSON.stringify({ base, peak }));
  if (global.gc) global.gc();
  base = sample();
  peak = { ...base };
});
`;

interface Memory {
  base: { heap: number; buffers: number; rss: number };
  peak: { heap: number; buffers: number; rss: number };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-file-tickets-'));
  const probe = join(dir, 'probe.cjs');
  const report = join(dir, 'memory.json');
  writeFileSync(probe, PROBE);
  const t = await TestServer.start({
    LOG_LEVEL: 'silent',
    WEBHOOK_DISPATCHER_ENABLED: 'false',
    SLA_SCAN_INTERVAL_MS: '0',
    FILE_TICKET_MAX_FILE_BYTES: String(FILE_BYTES),
    HTTP_REQUEST_TIMEOUT_MS: '600000',
    NODE_OPTIONS: `--require ${probe} --expose-gc`,
    MEMORY_PROBE_FILE: report,
  });
  /** The peaks since the last call, then a collected heap as the next baseline. */
  const memory = async (): Promise<Memory> => {
    process.kill(t.pid, 'SIGUSR2');
    await new Promise((r) => setTimeout(r, 300));
    return JSON.parse(readFileSync(report, 'utf8'));
  };
  try {
    const { token } = await t.userWithToken(['user']);
    const files = Array.from({ length: FILES }, () => randomBytes(FILE_BYTES));
    const total = FILES * FILE_BYTES;
    const upload = async (contents: Buffer[]) => {
      const form = new FormData();
      contents.forEach((content, i) => form.append('files', new File([content], `bench/file-${i}.bin`)));
      form.set('data', JSON.stringify({ is_public: 'false', remark: 'bench' }));
      const res = await fetch(`${t.baseUrl}/ticket`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      const body = (await res.json()) as { id: string };
      if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${JSON.stringify(body)}`);
      return body.id;
    };
    const download = async (id: string) => {
      const res = await fetch(`${t.baseUrl}/ticket/@me/${id}/download`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`download answered ${res.status}`);
      let size = 0;
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) size += chunk.length;
      return size;
    };
    // Warm up: JIT, the realm's root delegate, the first blob directories.
    const warm = await upload([randomBytes(64 * 1024), randomBytes(FILE_BYTES)]);
    await download(warm);
    await memory();

    let started = performance.now();
    const id = await upload(files);
    const uploadSeconds = (performance.now() - started) / 1000;
    const uploadMemory = await memory();

    started = performance.now();
    const zipBytes = await download(id);
    const downloadSeconds = (performance.now() - started) / 1000;
    const downloadMemory = await memory();
    if (zipBytes < total) throw new Error(`the zip holds ${zipBytes} bytes, fewer than the ${total} uploaded`);

    const growth = (m: Memory) => ({ heap: m.peak.heap - m.base.heap, withBuffers: m.peak.heap + m.peak.buffers - m.base.heap - m.base.buffers, rss: m.peak.rss - m.base.rss });
    const mib = (bytes: number) => (bytes / MiB).toFixed(1);
    const rows = [
      ['upload (POST /ticket, multipart)', total / MB / uploadSeconds, growth(uploadMemory)],
      ['zip download (GET …/download)', zipBytes / MB / downloadSeconds, growth(downloadMemory)],
    ] as const;
    console.log(`One ticket of ${FILES} files × ${FILE_BYTES / MB} MB (${total / MB} MB), random bytes; server on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, 4 MiB CAS nodes\n`);
    console.log('| what | MB/s | peak heap growth (MiB) | heap + buffers (MiB) | RSS (MiB) |');
    console.log('|---|---|---|---|---|');
    for (const [what, rate, g] of rows) console.log(`| ${what} | ${rate.toFixed(0)} | ${mib(g.heap)} | ${mib(g.withBuffers)} | ${mib(g.rss)} |`);
    const worst = Math.max(...rows.map(([, , g]) => g.heap));
    console.log(`\nPeak heap growth ${mib(worst)} MiB: ${worst < HEAP_BUDGET ? 'within' : 'OVER'} the 32 MiB budget`);
    if (worst >= HEAP_BUDGET) process.exitCode = 1;
  } finally {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
