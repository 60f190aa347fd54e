/** A fixed-window counter: how many hits a key has in its current window, and when that window ends. */
export interface WindowCount {
  count: number;
  resetAt: number;
}

/**
 * Where rate-limit counters live. In memory for one instance; in Redis when REDIS_URL is set,
 * so that every instance spends from one budget.
 */
export abstract class RateLimitStore {
  /** Adds one hit to `key` and answers the window's count after it. */
  abstract hit(key: string, windowMs: number): Promise<WindowCount>;
  /** The window's count without adding a hit (0 when the key has none). */
  abstract peek(key: string): Promise<WindowCount>;
  abstract reset(key: string): Promise<void>;
}
