import { OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { RateLimitStore, WindowCount } from './rate-limit.store';

// INCR and start the window's expiry on its first hit, atomically: answers {count, ms left}.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

export class RedisRateLimitStore extends RateLimitStore implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    super();
    this.redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
    this.redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const [count, ttl] = (await (this.redis as unknown as RateLimitCommands).rateLimitHit(this.prefix + key, windowMs)) as [
      number,
      number,
    ];
    return { count, resetAt: Date.now() + ttl };
  }

  async peek(key: string): Promise<WindowCount> {
    const [[, count], [, ttl]] = (await this.redis.multi().get(this.prefix + key).pttl(this.prefix + key).exec()) as [
      [unknown, string | null],
      [unknown, number],
    ];
    return { count: count ? Number(count) : 0, resetAt: Date.now() + Math.max(ttl, 0) };
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

interface RateLimitCommands {
  rateLimitHit(key: string, windowMs: number): Promise<unknown>;
}
