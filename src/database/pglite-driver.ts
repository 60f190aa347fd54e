import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { EventEmitter } from 'node:events';
import { cpSync, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { countStatement } from './statement-counter';

/**
 * The data dir `npm run build` makes from the migrations (build-pglite-seed.ts): a fresh
 * database starts as a copy of it instead of running initdb and replaying every migration.
 */
export const PGLITE_SEED = join(__dirname, '..', 'pglite-seed');

export const PGLITE_EXTENSIONS = { pg_trgm };

/** Opens the embedded database in `dataDir`; a fresh one starts as a copy of the build's seed when there is one. */
export function openPglite(dataDir: string, seed = PGLITE_SEED): Promise<PGlite> {
  const fresh = dataDir !== 'memory://' && (!existsSync(dataDir) || readdirSync(dataDir).length === 0);
  if (fresh && existsSync(join(seed, 'PG_VERSION'))) {
    // Copied aside, then renamed: a boot cut short never leaves half a database behind.
    const copying = `${dataDir}.copying-${process.pid}`;
    cpSync(seed, copying, { recursive: true });
    rmSync(dataDir, { recursive: true, force: true });
    renameSync(copying, dataDir);
  }
  return PGlite.create(dataDir, { extensions: PGLITE_EXTENSIONS });
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
export function createPgliteDriver(dataDir: string, openDatabase: () => Promise<PGlite> = () => openPglite(dataDir)): { Pool: new () => unknown } {
  let database: Promise<PGlite> | undefined;
  let queue: Promise<void> = Promise.resolve();

  // pg_trgm: trigram indexes for substring search (the migrations create the extension).
  const open = (): Promise<PGlite> => (database ??= openDatabase());

  /** Resolves with a release function once every earlier lease has been released. */
  const acquire = (): Promise<() => void> => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const granted = queue.then(() => release);
    queue = queue.then(() => released);
    return granted;
  };

  class PgliteConnection extends EventEmitter {
    constructor(private readonly db: PGlite) {
      super();
    }

    query(sql: string, params?: unknown[] | QueryCallback, callback?: QueryCallback): Promise<unknown> {
      const cb = typeof params === 'function' ? params : callback;
      countStatement();
      const values = Array.isArray(params) ? params : undefined;
      const result = values && values.length > 0 ? this.db.query(sql, values) : lastOf(this.db.exec(sql));
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
      Promise.all([acquire(), open()]).then(
        ([release, db]) => callback(null, new PgliteConnection(db), release),
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

/** exec() answers one result per statement; pg answers the last one. */
async function lastOf(results: Promise<Array<{ rows: unknown[] }>>): Promise<unknown> {
  const all = await results;
  return all[all.length - 1] ?? { rows: [], rowCount: 0 };
}
