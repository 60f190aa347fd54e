/**
 * Recomputes every derived figure from the raw ticket rows (the support rollups behind list
 * totals, stats, my-stats and the SLA report; the workflow list's ticket counts): `npm run db:rebuild-derived`, with the same database
 * settings as the app (DATABASE_URL, or the embedded database under DATA_DIR) and the same SLA
 * settings (SLA_*_RESPONSE_MINUTES).
 *
 * Safe on a live database: one transaction per set; writers of the tickets wait until it commits
 * (seconds at a million tickets), readers keep the previous figures meanwhile, and never see a
 * half-built rollup.
 */
import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { databaseConfig } from '../src/config/database.config';
import { supportConfig } from '../src/config/support.config';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { responseMinutes } from '../src/support-tickets/support-rollups.repository';

async function main(): Promise<void> {
  const db = databaseConfig();
  if (db.mode === 'embedded') mkdirSync(db.dataDir, { recursive: true });
  const source = new DataSource(buildDataSourceOptions({ ...db, migrationsRun: false }, { entities: [] }));
  await source.initialize();
  try {
    const started = Date.now();
    const targets = JSON.stringify(responseMinutes(supportConfig().sla));
    const generation = await source.transaction(async (manager) => {
      const [row] = await manager.query('SELECT support_rollup_rebuild($1::jsonb) AS generation', [targets]);
      return row.generation as number;
    });
    const [{ tickets }] = await source.query('SELECT count(*)::int AS tickets FROM support_tickets');
    console.log(`Support rollups rebuilt from ${tickets} tickets in ${Date.now() - started} ms (generation ${generation})`);
    const counted = Date.now();
    const [{ workflowTickets }] = await source.transaction((manager) => manager.query('SELECT workflow_counts_rebuild() AS "workflowTickets"'));
    console.log(`Workflow ticket counts rebuilt from ${workflowTickets} tickets in ${Date.now() - counted} ms`);
  } finally {
    await source.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
