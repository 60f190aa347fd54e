import type { Logger } from '@nestjs/common';

/**
 * Runs `task` every `intervalMs` (never two at once; 0 disables) and answers a stop function.
 * For in-process background work that is safe on every instance (it coordinates in the database).
 */
export function runPeriodically(intervalMs: number, task: () => Promise<unknown>, logger: Logger, name: string): () => void {
  if (intervalMs <= 0) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    task()
      .catch((err: unknown) => logger.warn(`${name} failed: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => (running = false));
  }, intervalMs);
  return () => clearInterval(timer);
}
