import type { EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';

/**
 * A read on a hot path, sent by name: on PostgreSQL each connection parses and plans it once
 * (then runs a cached plan) instead of on every request; the embedded database PREPAREs it once
 * (see pglite-driver.ts). For fixed SQL texts only: every distinct name stays prepared on every
 * pooled connection.
 */
export interface NamedStatement {
  readonly name: string;
  readonly text: string;
}

export const namedStatement = (name: string, text: string): NamedStatement => ({ name, text });

/**
 * What repositories get: the EntityManager of the transaction in progress (see Transactions),
 * or of the pool outside one. Only `*.repository.ts` files may import it (eslint.config.mjs).
 */
export abstract class Db {
  abstract readonly manager: EntityManager;
  abstract repository<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T>;
  /** The rows of a named statement, in the transaction in progress or on a pooled connection (see NamedStatement). */
  abstract query<T = Record<string, any>>(statement: NamedStatement, params: unknown[]): Promise<T[]>;
}
