import type { DomainEvent } from '../webhooks/outbox.service';
import type { PublishedEvent } from '../webhooks/webhook-events';
import type { UserSummary } from '../identity/users.service';
import type { SupportTicketEntity } from './support-ticket.entity';
import { personView } from './support-ticket.view';

/** A ticket event with seed 001 §8.2's data, plus what the event itself adds. */
export function ticketEvent(
  type: PublishedEvent,
  ticket: Pick<SupportTicketEntity, 'id' | 'number' | 'title' | 'status' | 'priority'>,
  creator: UserSummary | undefined,
  appUrl: string,
  extra: Record<string, unknown> = {},
  internal = false,
): DomainEvent {
  return {
    type,
    aggregateType: 'support_ticket',
    aggregateId: ticket.id,
    internal,
    payload: {
      ticket_id: ticket.id,
      number: ticket.number,
      title: ticket.title,
      status: ticket.status,
      priority: ticket.priority,
      creator: personView(creator),
      url: `${appUrl}/tickets/${ticket.id}`,
      ...extra,
    },
  };
}
