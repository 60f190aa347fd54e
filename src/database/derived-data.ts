import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Transactions } from './transactions';

/**
 * Derived tables (counters, rollups) that triggers keep exact in the writing transaction. What
 * triggers cannot see (rows restored or imported with triggers off, a configuration the figures
 * depend on) a boot probe can: each set says why it cannot be trusted, and how to recompute it.
 * At boot, before the server listens, a stale set is rebuilt, so no request reads wrong figures.
 */
export abstract class DerivedData implements OnApplicationBootstrap {
  /** What the set is, for the log: "Support rollups". */
  abstract readonly name: string;

  constructor(private readonly transactions: Transactions) {}

  /** Why the derived figures cannot be trusted, or null when they can. */
  abstract staleness(): Promise<string | null>;

  /** Recomputes them from the raw rows, in the open transaction (the same SQL function `npm run db:rebuild-derived` calls). */
  abstract rebuild(): Promise<unknown>;

  async onApplicationBootstrap(): Promise<void> {
    const why = await this.staleness();
    if (why === null) return;
    const logger = new Logger(this.constructor.name);
    logger.warn(`${this.name} are stale (${why}): rebuilding them from the raw rows`);
    const started = Date.now();
    await this.transactions.run(() => this.rebuild());
    logger.log(`${this.name} rebuilt in ${Date.now() - started} ms`);
  }
}
