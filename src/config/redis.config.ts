import { registerAs } from '@nestjs/config';
import { IsOptional, Matches } from 'class-validator';
import { parseEnv } from './env';

class RedisEnv {
  /** redis://host:6379. Set it to share rate-limit counters between instances; unset keeps them in memory. */
  @IsOptional() @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must start with redis:// or rediss://' })
  REDIS_URL?: string;
}

export const redisConfig = registerAs('redis', () => ({ url: parseEnv(RedisEnv).REDIS_URL }));

export type RedisConfig = ReturnType<typeof redisConfig>;
