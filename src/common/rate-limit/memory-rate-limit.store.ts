import type { OnModuleDestroy } from '@nestjs/common';
import { RateLimitStore, WindowCount } from './rate-limit.store';

export class MemoryRateLimitStore extends RateLimitStore implements OnModuleDestroy {
  private readonly windows = new Map<string, WindowCount>();
  /** Expired windows are dropped once a minute so the map does not grow without bound. */
  private readonly sweeper = setInterval(() => this.sweep(), 60_000).unref();

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { ...window };
  }

  async peek(key: string): Promise<WindowCount> {
    const window = this.windows.get(key);
    if (!window || window.resetAt <= Date.now()) return { count: 0, resetAt: Date.now() };
    return { ...window };
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
