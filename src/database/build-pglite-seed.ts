import { PGlite } from '@electric-sql/pglite';
import { rmSync } from 'node:fs';
import { DataSource, DataSourceOptions } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';
import { createPgliteDriver, PGLITE_EXTENSIONS, PGLITE_SEED } from './pglite-driver';

/**
 * Run by `npm run build`: applies every migration to an empty PGlite data dir, dist/pglite-seed,
 * so a fresh embedded database starts as a copy of it instead of running initdb and the
 * migrations (several seconds). Generated, never committed.
 */
async function main(): Promise<void> {
  const started = Date.now();
  rmSync(PGLITE_SEED, { recursive: true, force: true });
  const db = await PGlite.create(PGLITE_SEED, { extensions: PGLITE_EXTENSIONS });
  const options = buildDataSourceOptions({ url: undefined, dataDir: PGLITE_SEED, migrationsRun: false, poolSize: 1, logging: false });
  const source = new DataSource({ ...options, driver: createPgliteDriver(PGLITE_SEED, () => Promise.resolve(db)) } as DataSourceOptions);
  await source.initialize();
  const applied = await source.runMigrations({ transaction: 'each' });
  await dropTemplateDatabases(db);
  await db.exec('CHECKPOINT');
  await source.destroy();
  process.stdout.write(`Embedded database seed: ${applied.length} migrations in ${PGLITE_SEED} (${Date.now() - started} ms)\n`);
}

/**
 * template0 and template1 only serve CREATE DATABASE, which the embedded server never runs (it
 * uses \`postgres\`). Without them the seed has half the files, and a fresh boot copies it in half the time.
 */
async function dropTemplateDatabases(db: PGlite): Promise<void> {
  await db.exec(`UPDATE pg_database SET datistemplate = false WHERE datname IN ('template0', 'template1')`);
  // One statement per call: DROP DATABASE refuses to run in the implicit transaction of a multi-statement string.
  await db.exec('DROP DATABASE template0');
  await db.exec('DROP DATABASE template1');
}

main().catch((err: unknown) => {
  console.error('Could not build the embedded database seed (fresh embedded databases will run the migrations instead):', err);
  rmSync(PGLITE_SEED, { recursive: true, force: true });
  process.exit(1);
});
