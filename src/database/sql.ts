import { QueryFailedError } from 'typeorm';

/** True when a query failed on a unique constraint (optionally: that one, by name). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const driverError = err.driverError as { code?: string; constraint?: string } | undefined;
  if (driverError?.code !== '23505') return false;
  return constraint === undefined || driverError.constraint === constraint || err.message.includes(constraint);
}

/** Escapes `%`, `_` and `\` so user text matches literally inside LIKE/ILIKE. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Runs an UPDATE/DELETE … RETURNING and answers its rows. (TypeORM answers such statements
 * as `[rows, affectedCount]`, unlike SELECT and INSERT.)
 */
export async function queryReturning<T>(
  runner: { query(sql: string, params?: unknown[]): Promise<unknown> },
  sql: string,
  params: unknown[],
): Promise<T[]> {
  const result = await runner.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
