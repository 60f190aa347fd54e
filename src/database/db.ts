import type { EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';

/**
 * What repositories get: the EntityManager of the transaction in progress (see Transactions),
 * or of the pool outside one. Only `*.repository.ts` files may import it (eslint.config.mjs).
 */
export abstract class Db {
  abstract readonly manager: EntityManager;
  abstract repository<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T>;
}
