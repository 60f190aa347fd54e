import { Logger } from '@nestjs/common';
import { registerAs } from '@nestjs/config';
import { IsEmail, IsInt, IsOptional, IsString, Matches, Min, MinLength } from 'class-validator';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, DURATION_PATTERN, durationToSeconds, parseEnv } from './env';
import { databaseConfig } from './database.config';

class AuthEnv {
  /** HS256 key for user JWTs (at least 32 characters). Required in production. */
  @IsOptional() @IsString() @MinLength(32) JWT_SECRET?: string;
  /** Access token lifetime: seconds or 15m / 1h / 7d. */
  @Matches(DURATION_PATTERN, { message: 'JWT_EXPIRES_IN must be a duration such as 900, 15m, 1h or 7d' })
  JWT_EXPIRES_IN: string = '15m';
  /** Refresh token lifetime. */
  @Matches(DURATION_PATTERN, { message: 'REFRESH_TOKEN_TTL must be a duration such as 30d' })
  REFRESH_TOKEN_TTL: string = '30d';
  /** With ADMIN_PASSWORD: the admin created at first boot when there are no users. */
  @IsOptional() @IsEmail() ADMIN_EMAIL?: string;
  /** Password of that first admin (at least 8 characters). */
  @IsOptional() @IsString() @MinLength(8) ADMIN_PASSWORD?: string;
  /** Failed logins allowed per email from one client IP in LOGIN_FAILURE_WINDOW before that IP gets 429 for that email. */
  @IsInt() @Min(1) LOGIN_MAX_FAILURES_PER_EMAIL: number = 10;
  /** Window of the per-email failure count. */
  @Matches(DURATION_PATTERN, { message: 'LOGIN_FAILURE_WINDOW must be a duration such as 15m' })
  LOGIN_FAILURE_WINDOW: string = '15m';
  /** Login attempts allowed per client IP per minute before 429. */
  @IsInt() @Min(1) LOGIN_MAX_ATTEMPTS_PER_IP: number = 100;
}

/** A secret generated for a process that keeps nothing (DATA_DIR=memory://): the same for every read. */
let ephemeralSecret: string | undefined;

/**
 * Without JWT_SECRET, development keeps a generated one under DATA_DIR (only in memory with
 * DATA_DIR=memory://, so tokens die with the process); production refuses to start.
 */
function jwtSecret(env: AuthEnv): string {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  if (process.env.NODE_ENV === 'production') {
    throw new ConfigError(['JWT_SECRET is required when NODE_ENV=production']);
  }
  const dir = databaseConfig().dataDir;
  if (dir === 'memory://') return (ephemeralSecret ??= randomBytes(48).toString('base64url'));
  const file = join(dir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  new Logger('Config').warn(`JWT_SECRET is not set: generated one and kept it in ${file}`);
  return secret;
}

export const authConfig = registerAs('auth', () => {
  const env = parseEnv(AuthEnv);
  if (!!env.ADMIN_EMAIL !== !!env.ADMIN_PASSWORD) {
    throw new ConfigError(['ADMIN_EMAIL and ADMIN_PASSWORD must be set together']);
  }
  return {
    jwtSecret: jwtSecret(env),
    accessTokenTtlSeconds: durationToSeconds(env.JWT_EXPIRES_IN),
    refreshTokenTtlSeconds: durationToSeconds(env.REFRESH_TOKEN_TTL),
    bootstrapAdmin: env.ADMIN_EMAIL ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD! } : undefined,
    loginMaxFailuresPerEmail: env.LOGIN_MAX_FAILURES_PER_EMAIL,
    loginFailureWindowSeconds: durationToSeconds(env.LOGIN_FAILURE_WINDOW),
    loginMaxAttemptsPerIp: env.LOGIN_MAX_ATTEMPTS_PER_IP,
  };
});

export type AuthConfig = ReturnType<typeof authConfig>;
