import { registerAs } from '@nestjs/config';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { resolve } from 'node:path';
import { EnvBoolean, parseEnv } from './env';

class DatabaseEnv {
  /** postgres://user:pass@host:5432/db. Unset: the embedded PGlite database under DATA_DIR. */
  @IsOptional() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres:// or postgresql://' })
  DATABASE_URL?: string;
  /** Where embedded data lives: the PGlite database, generated secrets, blobs (`memory://`: nothing kept). */
  @IsString() DATA_DIR: string = './data';
  /** Run pending migrations at boot. */
  @EnvBoolean() @IsBoolean() DB_MIGRATIONS_RUN: boolean = true;
  /** Connections in the PostgreSQL pool. */
  @IsInt() @Min(1) @Max(200) DB_POOL_SIZE: number = 10;
  /** Log every SQL statement (debugging only). */
  @EnvBoolean() @IsBoolean() DB_LOGGING: boolean = false;
  /** Count the SQL statements each request sends and answer them as `X-DB-Statements` (benchmarks, tests). */
  @EnvBoolean() @IsBoolean() DB_STATEMENT_COUNT: boolean = false;
}

export const databaseConfig = registerAs('database', () => {
  const env = parseEnv(DatabaseEnv);
  return {
    url: env.DATABASE_URL,
    mode: env.DATABASE_URL ? ('postgres' as const) : ('embedded' as const),
    dataDir: env.DATA_DIR === 'memory://' ? env.DATA_DIR : resolve(env.DATA_DIR),
    migrationsRun: env.DB_MIGRATIONS_RUN,
    poolSize: env.DB_POOL_SIZE,
    logging: env.DB_LOGGING,
    statementCount: env.DB_STATEMENT_COUNT,
  };
});

export type DatabaseConfig = ReturnType<typeof databaseConfig>;
