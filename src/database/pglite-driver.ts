import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { EventEmitter, once } from 'node:events';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DatabaseConfig } from '../config/database.config';
import { countStatement } from './statement-counter';

/**
 * The data dir `npm run build` makes from the migrations (build-pglite-seed.ts): a fresh
 * database starts as a copy of it instead of running initdb and replaying every migration.
 */
export const PGLITE_SEED = join(__dirname, '..', 'pglite-seed');

export const PGLITE_EXTENSIONS = { pg_trgm };

/** Where the embedded database keeps its files: DATA_DIR/pglite, or in memory. */
export function pgliteDataDir(db: Pick<DatabaseConfig, 'dataDir'>): string {
  return db.dataDir === 'memory://' ? 'memory://' : join(db.dataDir, 'pglite');
}

/** Opens the embedded database in `dataDir`; a fresh one starts as a copy of the build's seed when there is one. */
export async function openPglite(dataDir: string, seed = PGLITE_SEED): Promise<PGlite> {
  // V8 compiles the WASM on background threads: it overlaps the seed copy (and, from main.ts, module loading).
  const wasm = compilePgliteWasm();
  if (dataDir !== 'memory://') {
    mkdirSync(dirname(dataDir), { recursive: true });
    const fresh = !existsSync(dataDir) || readdirSync(dataDir).length === 0;
    if (fresh && existsSync(join(seed, 'PG_VERSION'))) await copySeed(seed, dataDir);
  }
  return PGlite.create(dataDir, { extensions: PGLITE_EXTENSIONS, pgliteWasmModule: await wasm });
}

/** Opens begun by `startOpeningPglite`, each waiting for the first driver on its data dir. */
const early = new Map<string, Promise<PGlite>>();

/**
 * Starts opening the embedded database before the app's modules load (main.ts): the seed copy
 * and the WASM compile run on other threads meanwhile. The driver for `dataDir` takes it over.
 */
export function startOpeningPglite(dataDir: string): void {
  const opening = openPglite(dataDir);
  // Reported to the driver that takes it over, not as an unhandled rejection now.
  opening.catch(() => undefined);
  early.set(dataDir, opening);
}

function takeEarlyOpen(dataDir: string): Promise<PGlite> | undefined {
  const opening = early.get(dataDir);
  early.delete(dataDir);
  return opening;
}

/** Node's global; the project's type libraries (ES2023, node) do not declare it. */
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<PGliteOptions['pgliteWasmModule']> };

function compilePgliteWasm(): Promise<PGliteOptions['pgliteWasmModule']> {
  return readFile(join(dirname(require.resolve('@electric-sql/pglite')), 'pglite.wasm')).then((bytes) => WebAssembly.compile(bytes));
}

const COPY_DIRECTORY = `
  const { cpSync } = require('node:fs');
  const { workerData } = require('node:worker_threads');
  cpSync(workerData.from, workerData.to, { recursive: true });
`;

/**
 * Copies the seed in a worker thread, so the main thread keeps loading modules meanwhile (a
 * thousand small files: hundreds of ms on a slow disk). Copied aside, then renamed: a boot cut
 * short never leaves half a database behind.
 */
async function copySeed(seed: string, dataDir: string): Promise<void> {
  const copying = `${dataDir}.copying-${process.pid}`;
  const worker = new Worker(COPY_DIRECTORY, { eval: true, workerData: { from: seed, to: copying } });
  const [code] = await once(worker, 'exit');
  if (code !== 0) throw new Error(`copying the embedded database seed to ${copying} failed (exit ${code})`);
  await rm(dataDir, { recursive: true, force: true });
  await rename(copying, dataDir);
}

/**
 * A `pg`-shaped driver over one embedded PGlite instance, for TypeORM's postgres driver.
 *
 * PGlite is a single connection. Handing it to two query runners at once would interleave
 * their transactions, so `connect()` grants an exclusive lease that lasts until the runner
 * releases it: transactions are serialized, which is what one embedded process needs.
 * Consequence: inside a transaction, query only through its EntityManager; a query on
 * another connection would wait for a lease the transaction holds.
 */
export function createPgliteDriver(dataDir: string, openDatabase: () => Promise<PGlite> = () => takeEarlyOpen(dataDir) ?? openPglite(dataDir)): { Pool: new () => unknown } {
  let database: Promise<PGlite> | undefined;
  let queue: Promise<void> = Promise.resolve();

  // pg_trgm: trigram indexes for substring search (the migrations create the extension).
  const open = (): Promise<PGlite> => (database ??= openDatabase());

  /**
   * Resolves with a release function once every earlier lease has been released. Each grant
   * waits for the event loop's next turn: PGlite answers on the main thread, so leases granted
   * straight from the previous release would chain as microtasks and keep sockets unread (new
   * requests would wait for every queued statement, not take their turn).
   */
  const acquire = (): Promise<() => void> => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const granted = queue.then(() => new Promise<() => void>((resolve) => setImmediate(resolve, release)));
    queue = granted.then(() => released);
    return granted;
  };

  /** The database and the release of an exclusive lease on it (released at once if it cannot open). */
  const lease = async (): Promise<[PGlite, () => void]> => {
    const release = await acquire();
    try {
      return [await open(), release];
    } catch (err) {
      release();
      throw err;
    }
  };

  class PgliteConnection extends EventEmitter {
    constructor(private readonly db: PGlite) {
      super();
    }

    query(sql: string | NamedQuery, params?: unknown[] | QueryCallback, callback?: QueryCallback): Promise<unknown> {
      const cb = typeof params === 'function' ? params : callback;
      countStatement();
      const values = Array.isArray(params) ? params : undefined;
      const result = typeof sql !== 'string' ? executeNamed(this.db, sql) : values && values.length > 0 ? this.db.query(sql, values) : lastOf(this.db.exec(sql));
      return result.then(
        (res) => {
          cb?.(null, res);
          return res;
        },
        (err: unknown) => {
          if (cb) cb(err, null);
          throw err;
        },
      );
    }
  }

  class PglitePool extends EventEmitter {
    connect(callback: (err: unknown, connection: PgliteConnection | null, release: () => void) => void): void {
      lease().then(
        ([db, release]) => callback(null, new PgliteConnection(db), release),
        (err: unknown) => callback(err, null, () => undefined),
      );
    }

    end(callback?: (err?: unknown) => void): void {
      const closing = database ? database.then((db) => db.close()) : Promise.resolve();
      database = undefined;
      closing.then(
        () => callback?.(),
        (err: unknown) => callback?.(err),
      );
    }
  }

  return { Pool: PglitePool };
}

type QueryCallback = (err: unknown, result: unknown) => void;

/** pg's query config for a named statement (see NamedStatement). */
interface NamedQuery {
  name: string;
  text: string;
  values?: unknown[];
}

/** Per database: the SQL name each named statement was prepared under. */
const prepared = new WeakMap<PGlite, Map<string, string>>();

/**
 * A named statement as pg runs one on PostgreSQL: parsed and planned once per database (PREPARE),
 * then only executed, which on PGlite spares the main thread a parse and a plan per request.
 * EXECUTE takes no bind parameters here, so the values travel as quoted literals, typed by the
 * prepared statement's parameter types as bound values would be.
 */
async function executeNamed(db: PGlite, { name, text, values = [] }: NamedQuery): Promise<unknown> {
  let ids = prepared.get(db);
  if (!ids) prepared.set(db, (ids = new Map()));
  let id = ids.get(name);
  if (id === undefined) {
    // A name of our own: the caller's may be longer than an identifier or need quoting.
    const candidate = `named_${ids.size + 1}`;
    await db.exec(`PREPARE ${candidate} AS ${text}`);
    ids.set(name, (id = candidate));
  }
  return lastOf(db.exec(values.length ? `EXECUTE ${id}(${values.map(sqlLiteral).join(', ')})` : `EXECUTE ${id}`));
}

/** A parameter value as a SQL literal of the text PGlite would bind for it. */
function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  const text = parameterText(value);
  const quoted = `'${text.replace(/'/g, "''")}'`;
  // E'' reads backslashes the same whatever standard_conforming_strings says.
  return text.includes('\\') ? `E${quoted.replace(/\\/g, '\\\\')}` : quoted;
}

function parameterText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  if (Array.isArray(value)) return `{${value.map(arrayElement).join(',')}}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (Array.isArray(value)) return parameterText(value);
  return `"${parameterText(value).replace(/["\\]/g, '\\$&')}"`;
}

/** exec() answers one result per statement; pg answers the last one. */
async function lastOf(results: Promise<Array<{ rows: unknown[] }>>): Promise<unknown> {
  const all = await results;
  return all[all.length - 1] ?? { rows: [], rowCount: 0 };
}
