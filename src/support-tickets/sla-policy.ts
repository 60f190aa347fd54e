import type { TicketPriority } from './ticket-rules';

export type SlaTargets = Record<TicketPriority, { responseMinutes: number; resolutionMinutes: number }>;

/** sla_due_time: created_at plus the priority's resolution target. */
export function slaDueTime(createdAt: Date, priority: TicketPriority, targets: SlaTargets): Date {
  return new Date(createdAt.getTime() + targets[priority].resolutionMinutes * 60_000);
}

/** Seconds as the seed writes durations: `2h 15m`. Null stays null (nothing to average). */
export function formatDuration(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return null;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

/** A percentage with one decimal, as the seed shows them (94.5); null when there is nothing to measure. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10;
}
