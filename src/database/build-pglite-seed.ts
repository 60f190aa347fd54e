import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { writeFileSync } from 'node:fs';
import { DataSource, DataSourceOptions } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';
import { createPgliteDriver, PGLITE_SEED } from './pglite-driver';

/**
 * Run by `npm run build`: applies every migration to an empty in-memory PGlite and writes its
 * data dir as dist/pglite-seed.tar.gz, so a fresh embedded database opens from it in about a
 * second instead of running initdb and the migrations (several seconds). Generated, never committed.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const db = await PGlite.create('memory://', { extensions: { pg_trgm } });
  const options = buildDataSourceOptions({ url: undefined, dataDir: 'memory://', migrationsRun: false, poolSize: 1, logging: false });
  const source = new DataSource({ ...options, driver: createPgliteDriver('memory://', () => Promise.resolve(db)) } as DataSourceOptions);
  await source.initialize();
  const applied = await source.runMigrations({ transaction: 'each' });
  await db.exec('CHECKPOINT');
  const archive = await db.dumpDataDir('gzip');
  writeFileSync(PGLITE_SEED, Buffer.from(await archive.arrayBuffer()));
  await source.destroy();
  process.stdout.write(`Embedded database seed: ${applied.length} migrations in ${PGLITE_SEED} (${(archive.size / 1e6).toFixed(1)} MB, ${Date.now() - started} ms)\n`);
}

main().catch((err: unknown) => {
  console.error('Could not build the embedded database seed (fresh embedded databases will run the migrations instead):', err);
  process.exit(1);
});
