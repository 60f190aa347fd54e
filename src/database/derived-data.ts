import type { Logger } from '@nestjs/common';
import type { Transactions } from './transactions';

/**
 * Derived tables (counters, rollups) that triggers keep exact in the writing transaction. What
 * triggers cannot see (rows restored or imported with triggers off, a configuration the figures
 * depend on) a boot probe can: each set says why it cannot be trusted, and how to recompute it.
 */
export interface DerivedData {
  /** What the set is, for the log: "Support rollups". */
  readonly name: string;
  /** Why the derived figures cannot be trusted, or null when they can. */
  staleness(): Promise<string | null>;
  /** Recomputes them from the raw rows, in the open transaction (the same SQL function `npm run db:rebuild-derived` calls). */
  rebuild(): Promise<unknown>;
}

/** At boot, before the server listens: rebuilds `derived` when its probe finds it stale, so no request reads wrong figures. */
export async function rebuildWhenStale(derived: DerivedData, transactions: Transactions, logger: Logger): Promise<void> {
  const why = await derived.staleness();
  if (why === null) return;
  logger.warn(`${derived.name} are stale (${why}): rebuilding them from the raw rows`);
  const started = Date.now();
  await transactions.run(() => derived.rebuild());
  logger.log(`${derived.name} rebuilt in ${Date.now() - started} ms`);
}
