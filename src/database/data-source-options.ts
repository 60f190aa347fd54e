import { join } from 'node:path';
import { types } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/database.config';
import { createPgliteDriver, pgliteDataDir } from './pglite-driver';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// bigint (int8) as a JS number, as PGlite does: counts and sums stay far below 2^53.
types.setTypeParser(types.builtins.INT8, (value: string) => Number(value));

export const MIGRATIONS_GLOB = join(__dirname, 'migrations', '*.{ts,js}');

/** One definition of the data source, for the app, the TypeORM CLI and the tests. */
export function buildDataSourceOptions(
  db: Pick<DatabaseConfig, 'url' | 'dataDir' | 'migrationsRun' | 'poolSize' | 'logging'>,
  extra: Partial<DataSourceOptions> = {},
): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    synchronize: false,
    migrations: [MIGRATIONS_GLOB],
    migrationsRun: db.migrationsRun,
    migrationsTransactionMode: 'each' as const,
    // gen_random_uuid() is core since PostgreSQL 13: no extension to install.
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: db.logging,
  };
  if (db.url) {
    return { ...common, url: db.url, poolSize: db.poolSize, applicationName: 'ticket-platform', ...extra } as DataSourceOptions;
  }
  return { ...common, driver: createPgliteDriver(pgliteDataDir(db)), ...extra } as DataSourceOptions;
}
