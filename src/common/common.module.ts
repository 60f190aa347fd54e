import { Global, Logger, Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { hkdfSync } from 'node:crypto';
import { authConfig } from '../config/auth.config';
import { redisConfig } from '../config/redis.config';
import { storageConfig } from '../config/storage.config';
import { BlobStore } from './blob-store/blob-store';
import { FsBlobStore } from './blob-store/fs-blob-store';
import { MemoryBlobStore } from './blob-store/memory-blob-store';
import { S3BlobStore } from './blob-store/s3-blob-store';
import { CursorCodec } from './cursor';
import { RouteCatalog } from './http/route-catalog';
import { MemoryRateLimitStore } from './rate-limit/memory-rate-limit.store';
import { RateLimitStore } from './rate-limit/rate-limit.store';
import { RedisRateLimitStore } from './rate-limit/redis-rate-limit.store';

/** What every module may inject: rate-limit counters, blobs, cursors (each chosen by configuration), and the route catalog. */
@Global()
@Module({
  providers: [
    RouteCatalog,
    {
      provide: RateLimitStore,
      inject: [redisConfig.KEY],
      useFactory: (redis: ConfigType<typeof redisConfig>): RateLimitStore => {
        if (!redis.url) return new MemoryRateLimitStore();
        new Logger('RateLimit').log('Rate-limit counters are kept in Redis');
        return new RedisRateLimitStore(redis.url, `${redis.keyPrefix}rl:`);
      },
    },
    {
      provide: BlobStore,
      inject: [storageConfig.KEY],
      useFactory: (storage: ConfigType<typeof storageConfig>): BlobStore => {
        if (storage.kind === 'memory') return new MemoryBlobStore();
        if (storage.kind === 'fs') return new FsBlobStore(storage.dir);
        new Logger('BlobStore').log(`Blobs are kept in S3 bucket ${storage.bucket}${storage.endpoint ? ' (S3-compatible endpoint)' : ''}`);
        return new S3BlobStore(storage);
      },
    },
    {
      provide: CursorCodec,
      inject: [authConfig.KEY],
      // A key of its own, derived from the JWT secret: cursors stay valid across restarts and instances.
      useFactory: (auth: ConfigType<typeof authConfig>) =>
        new CursorCodec(Buffer.from(hkdfSync('sha256', auth.jwtSecret, 'ticket-platform', 'keyset cursors', 32))),
    },
  ],
  exports: [RateLimitStore, BlobStore, CursorCodec, RouteCatalog],
})
export class CommonModule {}
