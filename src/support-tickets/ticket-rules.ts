import { Role } from '../identity/roles';

export const STATUSES = ['new', 'open', 'in_progress', 'pending', 'resolved', 'closed', 'reopened'] as const;
export type TicketStatus = (typeof STATUSES)[number];
/** From least to most urgent: the one priority order (sorting by priority follows it). */
export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type TicketPriority = (typeof PRIORITIES)[number];
export const CATEGORIES = ['technical', 'account', 'billing', 'feature', 'complaint', 'other'] as const;
export type TicketCategory = (typeof CATEGORIES)[number];

/** Statuses that count as finished: never overdue, not open work (SQL takes them as a parameter). */
export const FINISHED_STATUSES: readonly TicketStatus[] = ['resolved', 'closed'];

export function isFinished(status: TicketStatus): boolean {
  return FINISHED_STATUSES.includes(status);
}

/** Past its SLA due time and not finished: the one definition (SQL: OVERDUE_SQL in support-tickets.repository.ts). */
export function isOverdue(ticket: { status: TicketStatus; slaDueTime: Date }, now = new Date()): boolean {
  return !isFinished(ticket.status) && ticket.slaDueTime.getTime() < now.getTime();
}

/**
 * The one table of allowed status changes. `open` is entered by assignment only; `closed` and
 * `reopened` also have their own endpoints with their own role rules.
 */
export const TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['open', 'closed'],
  open: ['in_progress', 'pending', 'closed'],
  in_progress: ['pending', 'resolved', 'closed'],
  pending: ['in_progress', 'resolved', 'closed'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['in_progress', 'pending', 'resolved', 'closed'],
};

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** On the support surface a user acts with the strongest of user < agent < admin they hold. */
export type SupportTier = 'user' | 'agent' | 'admin';

export function supportTier(roles: readonly Role[]): SupportTier {
  if (roles.includes(Role.Admin)) return 'admin';
  if (roles.includes(Role.Agent)) return 'agent';
  return 'user';
}
