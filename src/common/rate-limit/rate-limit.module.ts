import { Global, Logger, Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { redisConfig } from '../../config/redis.config';
import { MemoryRateLimitStore } from './memory-rate-limit.store';
import { RateLimitStore } from './rate-limit.store';
import { RedisRateLimitStore } from './redis-rate-limit.store';

@Global()
@Module({
  providers: [
    {
      provide: RateLimitStore,
      inject: [redisConfig.KEY],
      useFactory: (redis: ConfigType<typeof redisConfig>): RateLimitStore => {
        if (!redis.url) return new MemoryRateLimitStore();
        new Logger('RateLimit').log('Rate-limit counters are kept in Redis');
        return new RedisRateLimitStore(redis.url, `${redis.keyPrefix}rl:`);
      },
    },
  ],
  exports: [RateLimitStore],
})
export class RateLimitModule {}
