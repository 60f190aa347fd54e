/**
 * Every event the platform publishes through the outbox: what webhook subscriptions may name
 * (besides `*`), and the only types DomainEvent accepts, so a typo fails at compile time on
 * one side and with a validation error on the other.
 */
export const PUBLISHED_EVENTS = [
  'ticket.created',
  'ticket.assigned',
  'ticket.status_changed',
  'ticket.comment_added',
  'ticket.closed',
  'ticket.reopened',
  'ticket.sla_violated',
  'workflow.transition',
  'workflow.qc_passed',
  'workflow.qc_failed',
  'realm_ticket.submitted',
] as const;

export type PublishedEvent = (typeof PUBLISHED_EVENTS)[number];

/** What a subscription may list: a published event, or `*` for all of them. */
export const SUBSCRIBABLE_EVENTS: readonly string[] = [...PUBLISHED_EVENTS, '*'];
