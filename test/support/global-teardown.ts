import { onServer, serverUrl } from './test-database';

/** Drops whatever this run created, even when a spec crashed before its own cleanup. */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.TEST_RUN_PREFIX;
  if (!serverUrl || !run) return;
  await onServer(async (c) => {
    const { rows } = await c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${run}%`]);
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
