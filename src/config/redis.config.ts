import { registerAs } from '@nestjs/config';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { parseEnv } from './env';

class RedisEnv {
  /** redis://host:6379. Set it to share rate-limit counters between instances; unset keeps them in memory. */
  @IsOptional() @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must start with redis:// or rediss://' })
  REDIS_URL?: string;
  /** Prefix of this deployment's keys in Redis. */
  @IsString() @MaxLength(100) REDIS_KEY_PREFIX: string = 'tickets:';
}

export const redisConfig = registerAs('redis', () => {
  const env = parseEnv(RedisEnv);
  return { url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX };
});

export type RedisConfig = ReturnType<typeof redisConfig>;
