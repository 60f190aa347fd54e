import { Client } from 'pg';

/**
 * With TEST_DATABASE_URL (a PostgreSQL server, any database on it): every test server gets a
 * fresh database of its own there, migrated by the server at boot and dropped afterwards.
 * Without it: every test server runs on an in-memory embedded database.
 */
export const serverUrl = process.env.TEST_DATABASE_URL || undefined;

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function onServer<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(): Promise<string> {
  const name = `${process.env.TEST_RUN_PREFIX}_${process.env.JEST_WORKER_ID ?? 0}_${Math.random().toString(36).slice(2, 8)}`;
  await onServer((c) => c.query(`CREATE DATABASE "${name}"`));
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  await onServer((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
