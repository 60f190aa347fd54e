/** ISO 8601 UTC to the second, as seed 001 writes times (`2024-10-23T10:30:00Z`); null stays null. */
export function isoSeconds(date: Date | string): string;
export function isoSeconds(date: Date | string | null | undefined): string | null;
export function isoSeconds(date: Date | string | null | undefined): string | null {
  if (!date) return null;
  const iso = (date instanceof Date ? date : new Date(date)).toISOString();
  return `${iso.slice(0, -5)}Z`; // `….sssZ` without its milliseconds
}

/** ISO 8601 UTC with milliseconds, as seed 004 (DRF) writes times; null stays null. */
export function isoMillis(date: Date | null | undefined): string | null {
  return date ? date.toISOString() : null;
}

/** Epoch milliseconds, as the realm and file-ticket surfaces write times; null stays null. */
export function epochMs(date: Date | null | undefined): number | null {
  return date ? date.getTime() : null;
}
