/** ISO 8601 UTC to the second, as seed 001 writes times (`2024-10-23T10:30:00Z`); null stays null. */
export function isoSeconds(date: Date | string | null | undefined): string | null {
  return date ? new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
}
