/**
 * The embedded database's benchmark (issue 14): how long the built server takes from spawn to
 * its first healthy answer, on a fresh data dir (the seed is copied) and on an existing one; its
 * idle RSS; and a 50-connection mix of support detail, support list page 1 and workflow detail
 * on 10,000 support + 10,000 workflow tickets, on the embedded database and on PostgreSQL.
 *
 *   npm run bench:embedded   BENCH_DATABASE_URL, BENCH_BOOTS=5, BENCH_SECONDS=10, BENCH_CONNECTIONS=50
 *
 * `runEmbeddedBench()` answers the rows without printing (scripts/bench.ts can call it).
 * Boots are not pinned (the embedded database opens on a worker and V8's compile threads while
 * modules load); under load the server runs on core 0 and autocannon on core 1, when taskset exists.
 */
import './bench-env';
import { median, pin, QUIET_SERVER, TASKSET } from './bench-common';
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { openPglite } from '../src/database/pglite-driver';
import { freePort, TestServer } from '../test/support/test-server';
import { finishSeeding, People, seedPeople, seedSupportTickets, seedWorkflowTickets } from './bench-seed';

const BOOTS = Number(process.env.BENCH_BOOTS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TICKETS = 10_000;
/** The build under test, as TestServer picks it (TEST_SERVER_MAIN: another build, for before/after figures). */
const MAIN = process.env.TEST_SERVER_MAIN ?? join(__dirname, '..', 'dist', 'main.js');

export interface EmbeddedRow {
  scenario: string;
  /** ms; for a boot, the median boot; for idle RSS, the MB figure sits in p50. */
  p50: number;
  p99: number;
  max: number;
  rps: number;
  errors: number;
}

function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kb / 1024;
}

/**
 * Spawns the built server on `dataDir` (embedded) and answers the ms from spawn to its first 200
 * from /api/health (polled every 10 ms: TestServer's 100 ms is too coarse for this), with the
 * process, still running.
 */
async function bootToHealthy(dataDir: string): Promise<{ ms: number; child: ChildProcess }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, ...QUIET_SERVER, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789', ADMIN_EMAIL: 'bench-admin@example.com', ADMIN_PASSWORD: 'bench-admin-password' };
  delete env.DATABASE_URL;
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = once(child, 'exit');
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} during boot`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      await res.arrayBuffer();
      if (res.status === 200) return { ms: performance.now() - started, child };
    } catch {
      // not listening yet
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10))]);
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** Boots on fresh data dirs, then again on each (existing), alternating; and the idle RSS after a fresh boot. */
async function measureBoots(): Promise<EmbeddedRow[]> {
  const fresh: number[] = [];
  const existing: number[] = [];
  const idle: number[] = [];
  const root = mkdtempSync(join(tmpdir(), 'bench-boot-'));
  try {
    for (let i = 0; i < BOOTS; i++) {
      const dir = join(root, `data-${i}`);
      const first = await bootToHealthy(dir);
      fresh.push(first.ms);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      idle.push(rssMb(first.child.pid!));
      await stopChild(first.child);
      const again = await bootToHealthy(dir);
      existing.push(again.ms);
      await stopChild(again.child);
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const row = (scenario: string, xs: number[]): EmbeddedRow => ({ scenario, p50: median(xs), p99: NaN, max: Math.max(...xs), rps: NaN, errors: 0 });
  return [row(`boot to healthy, fresh data dir (median of ${BOOTS})`, fresh), row(`boot to healthy, existing data dir (median of ${BOOTS})`, existing), row('idle RSS after a fresh boot, MB (median)', idle)];
}

/** The admin the mix reads as, and one user of each role the seeded rows belong to, made through the server. */
async function makePeople(server: TestServer): Promise<{ token: string; known: People }> {
  const token = await server.adminToken();
  const [user, agent, master, technician] = await Promise.all([
    server.userWithToken(['user']),
    server.userWithToken(['agent']),
    server.userWithToken(['master']),
    server.userWithToken(['technician']),
  ]);
  return { token, known: { users: [user.user.id], agents: [agent.user.id], masters: [master.user.id], technicians: [technician.user.id] } };
}

/** The tickets, through any client with pg's query(sql, params). */
async function seedTickets(db: Client, known: People): Promise<void> {
  const people = await seedPeople(db, known);
  await seedSupportTickets(db, TICKETS, people);
  await seedWorkflowTickets(db, TICKETS, people);
}

/** 50 connections, each cycling support detail, support list page 1 and workflow detail (random ids). */
function loadMix(baseUrl: string, token: string, seconds: number): Promise<autocannon.Result> {
  const id = () => 1 + Math.floor(Math.random() * TICKETS);
  const get = (path: () => string) => ({ method: 'GET' as const, setupRequest: (req: any) => ({ ...req, path: path(), headers: { authorization: `Bearer ${token}` } }) });
  return new Promise((resolve, reject) => {
    autocannon(
      { url: baseUrl, connections: CONNECTIONS, duration: seconds, timeout: 30, requests: [get(() => `/v1/tickets/${id()}`), get(() => '/v1/tickets?page=1'), get(() => `/api/v1/tickets/${id()}/`)] },
      (err: Error | null, result: autocannon.Result) => (err ? reject(err) : resolve(result)),
    );
  });
}

async function measureMix(scenario: string, server: TestServer, token: string): Promise<EmbeddedRow> {
  pin(server.pid, 0);
  if (TASKSET) pin(process.pid, 1);
  try {
    await loadMix(server.baseUrl, token, 2); // warm-up: JIT, plans, caches
    const r = await loadMix(server.baseUrl, token, SECONDS);
    return { scenario, p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max, rps: r.requests.average, errors: r.non2xx + r.errors + r.timeouts };
  } finally {
    pin(process.pid, '0-1'); // the load generator back on every core
  }
}

/**
 * A pg-Client-shaped handle on the embedded data dir while its server is stopped (PGlite is one
 * process's: never open beside the server), opened on first use, so it can be closed around the
 * rebuild command, which opens the dir itself.
 */
function embeddedClient(pgliteDir: string): { client: Client; close: () => Promise<void> } {
  let db: Promise<PGlite> | undefined;
  const client = { query: async (sql: string, params?: unknown[]) => (await (db ??= openPglite(pgliteDir))).query(sql, params) } as unknown as Client;
  const close = async () => {
    const open = db;
    db = undefined;
    if (open) await (await open).close();
  };
  return { client, close };
}

async function mixOnEmbedded(): Promise<EmbeddedRow> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-embedded-'));
  // DATABASE_URL empty: embedded, whatever TEST_DATABASE_URL says.
  const server = await TestServer.start({ ...QUIET_SERVER, DATABASE_URL: '', DATA_DIR: dataDir });
  try {
    const { token, known } = await makePeople(server);
    await server.stop();
    const started = Date.now();
    const { client, close } = embeddedClient(join(dataDir, 'pglite'));
    await seedTickets(client, known);
    await close();
    // The rebuild command reads DATA_DIR; its DATABASE_URL is empty: embedded.
    const previous = process.env.DATA_DIR;
    process.env.DATA_DIR = dataDir;
    try {
      await finishSeeding(client, '');
    } finally {
      if (previous === undefined) delete process.env.DATA_DIR;
      else process.env.DATA_DIR = previous;
      await close();
    }
    console.error(`embedded: ${TICKETS} support + ${TICKETS} workflow tickets seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await server.restart();
    return await measureMix('mix, embedded PGlite', server, token);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function mixOnPostgres(): Promise<EmbeddedRow> {
  const server = await TestServer.start({ ...QUIET_SERVER, DB_POOL_SIZE: '10' });
  const db = new Client({ connectionString: server.env.DATABASE_URL });
  await db.connect();
  try {
    const { token, known } = await makePeople(server);
    const started = Date.now();
    await seedTickets(db, known);
    await finishSeeding(db, server.env.DATABASE_URL);
    console.error(`postgres: ${TICKETS} support + ${TICKETS} workflow tickets seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return await measureMix('mix, PostgreSQL', server, token);
  } finally {
    await db.end();
    await server.close();
  }
}

/** Every figure of this benchmark, as rows; prints nothing (progress goes to stderr). */
export async function runEmbeddedBench(): Promise<EmbeddedRow[]> {
  return [...(await measureBoots()), await mixOnEmbedded(), await mixOnPostgres()];
}

export function printEmbeddedTable(rows: EmbeddedRow[]): void {
  const num = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : '');
  console.log(`\nembedded benchmark: ${CONNECTIONS} connections, ${SECONDS} s of the mix; ${TASKSET ? 'under load, server on core 0 and load on core 1' : 'no taskset: not pinned'}; PostgreSQL ${process.env.TEST_DATABASE_URL}`);
  console.log('| scenario | p50 ms | p99 ms | max ms | req/s | errors |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.scenario} | ${num(r.p50)} | ${num(r.p99)} | ${num(r.max)} | ${num(r.rps)} | ${r.errors} |`);
}

if (require.main === module) {
  runEmbeddedBench().then(printEmbeddedTable, (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
