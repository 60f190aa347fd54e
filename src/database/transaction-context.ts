import { AsyncLocalStorage } from 'node:async_hooks';
import type { QueryConfig } from 'pg';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import { Db, type NamedStatement } from './db';
import { Transactions } from './transactions';

/** What runs a named statement: a pooled or leased connection (pg's or the embedded driver's). */
interface NamedQueryClient {
  query(config: QueryConfig): Promise<{ rows: unknown[] }>;
}

interface OpenTransaction {
  manager: EntityManager;
  afterCommit: Array<() => void>;
}

/**
 * The one way to carry a transaction. `run(work)` opens a transaction, or joins the one the
 * caller is already in, and keeps its EntityManager in an async context for as long as `work`
 * runs. Repositories reach the database only through `manager`, which is that transaction's
 * when one is open: no manager is passed around, so none can be forgotten. (On the embedded
 * database a forgotten one would wait forever for the connection the transaction holds.)
 *
 * Services see it as `Transactions` (run, afterCommit), repositories as `Db` (manager).
 */
export class TransactionContext implements Transactions, Db {
  private readonly open = new AsyncLocalStorage<OpenTransaction>();

  constructor(private readonly dataSource: DataSource) {}

  /** The open transaction's manager, or the pool's outside a transaction. */
  get manager(): EntityManager {
    return this.open.getStore()?.manager ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.open.getStore() !== undefined;
  }

  repository<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return this.manager.getRepository(entity);
  }

  /**
   * A named statement through the driver's connection itself (prepared once per connection, no
   * TypeORM query round of its own): the open transaction's, or one leased for it. Both drivers,
   * pg's and the embedded one, take pg's `{ name, text, values }`. The connection is awaited here,
   * not handed over by pg's Pool.query callback, so the statement runs in the request's async
   * context (where the statement counter finds its tally).
   */
  async query<T = Record<string, any>>(statement: NamedStatement, params: unknown[]): Promise<T[]> {
    const config: QueryConfig = { name: statement.name, text: statement.text, values: params };
    const open = this.open.getStore()?.manager.queryRunner;
    const runner = open ?? this.dataSource.createQueryRunner();
    try {
      const client: NamedQueryClient = await runner.connect();
      return (await client.query(config)).rows as T[];
    } finally {
      if (!open) await runner.release();
    }
  }

  /** Runs `work` in a transaction: the caller's if one is open, else a new one committed when `work` resolves. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.open.getStore()) return work();
    const afterCommit: Array<() => void> = [];
    const result = await this.dataSource.transaction((manager) => this.open.run({ manager, afterCommit }, work));
    for (const callback of afterCommit) callback();
    return result;
  }

  /** Calls `callback` once the open transaction has committed (never if it rolls back); at once outside one. */
  afterCommit(callback: () => void): void {
    const transaction = this.open.getStore();
    if (transaction) transaction.afterCommit.push(callback);
    else callback();
  }
}
