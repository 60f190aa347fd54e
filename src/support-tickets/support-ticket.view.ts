import { isoSeconds } from '../common/time';
import type { UserSummary } from '../identity/users.service';
import type { SupportTicketChangeEntity, TrackedField } from './support-ticket-change.entity';
import type { SupportTicketEntity } from './support-ticket.entity';
import type { TicketListRow } from './support-tickets.repository';
import { isOverdue, type TicketCategory, type TicketPriority, type TicketStatus } from './ticket-rules';

/*
 * Seed 001's ticket bodies: snake_case, ISO 8601 UTC times to the second (`2024-10-23T10:30:00Z`).
 * The classes document them (Swagger plugin); the functions below build them, once each.
 */

/** A user as a ticket shows them. */
export class PersonView {
  id: number;
  name: string;
  email: string;
}

/** Who did something: a history entry's actor, a new comment's author. */
export class ActorView {
  id: number;
  name: string;
}

export class TicketCreatedView {
  ticket_id: number;
  /** T-YYYYMMDD-NNNN, numbered per UTC day. @example T-20241023-0001 */
  number: string;
  title: string;
  status: TicketStatus;
  priority: TicketPriority;
  /** created_at plus the priority's resolution target. */
  sla_due_time: string;
  created_at: string;
}

export class TicketDetailView {
  id: number;
  number: string;
  title: string;
  description: string;
  category: TicketCategory;
  priority: TicketPriority;
  status: TicketStatus;
  creator: PersonView | null;
  assignee: PersonView | null;
  tags: string[];
  metadata: Record<string, any>;
  sla_due_time: string;
  /** The first agent/admin public comment or status change. */
  response_time: string | null;
  resolved_time: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** Comments the caller may read (internal notes count for agents and admins only). */
  comments_count: number;
  /** Past sla_due_time and not resolved or closed. */
  is_overdue: boolean;
}

export class TicketListItemView {
  id: number;
  number: string;
  title: string;
  category: TicketCategory;
  priority: TicketPriority;
  status: TicketStatus;
  creator_name: string;
  assignee_name: string | null;
  created_at: string;
  updated_at: string;
  is_overdue: boolean;
}

export class TicketAssignedView {
  ticket_id: number;
  assignee_id: number;
  /** `open` when the ticket was new. */
  status: TicketStatus;
  updated_at: string;
}

export class TicketStatusChangedView {
  ticket_id: number;
  old_status: TicketStatus;
  new_status: TicketStatus;
  updated_at: string;
}

export class TicketPriorityChangedView {
  ticket_id: number;
  old_priority: TicketPriority;
  new_priority: TicketPriority;
  /** Recomputed from created_at and the new priority. */
  sla_due_time: string;
  updated_at: string;
}

export class TicketClosedView {
  ticket_id: number;
  /** `closed` */
  status: TicketStatus;
  closed_at: string;
}

export class TicketReopenedView {
  ticket_id: number;
  /** `reopened` */
  status: TicketStatus;
  updated_at: string;
}

/** One entry of a ticket's history. */
export class TicketChangeView {
  id: number;
  field: TrackedField;
  old_value: string | null;
  new_value: string | null;
  /** Null when the user no longer exists. */
  actor: ActorView | null;
  reason: string | null;
  created_at: string;
}

export function personView(u: UserSummary | undefined): PersonView | null {
  return u ? { id: u.id, name: u.name, email: u.email } : null;
}

export function ticketCreatedView(t: SupportTicketEntity): TicketCreatedView {
  return {
    ticket_id: t.id,
    number: t.number,
    title: t.title,
    status: t.status,
    priority: t.priority,
    sla_due_time: isoSeconds(t.slaDueTime),
    created_at: isoSeconds(t.createdAt),
  };
}

export function ticketDetailView(t: SupportTicketEntity, users: Map<number, UserSummary>, commentsCount: number): TicketDetailView {
  return {
    id: t.id,
    number: t.number,
    title: t.title,
    description: t.description,
    category: t.category,
    priority: t.priority,
    status: t.status,
    creator: personView(users.get(t.creatorId)),
    assignee: t.assigneeId === null ? null : personView(users.get(t.assigneeId)),
    tags: t.tags,
    metadata: t.metadata,
    sla_due_time: isoSeconds(t.slaDueTime),
    response_time: isoSeconds(t.responseTime),
    resolved_time: isoSeconds(t.resolvedTime),
    created_at: isoSeconds(t.createdAt),
    updated_at: isoSeconds(t.updatedAt),
    closed_at: isoSeconds(t.closedAt),
    comments_count: commentsCount,
    is_overdue: isOverdue(t),
  };
}

export function ticketListItemView(row: TicketListRow): TicketListItemView {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    category: row.category,
    priority: row.priority,
    status: row.status,
    creator_name: row.creator_name,
    assignee_name: row.assignee_name,
    created_at: isoSeconds(row.created_at),
    updated_at: isoSeconds(row.updated_at),
    is_overdue: row.is_overdue,
  };
}

export function ticketChangeView(c: SupportTicketChangeEntity, actor: UserSummary | undefined): TicketChangeView {
  return {
    id: Number(c.id),
    field: c.field,
    old_value: c.oldValue,
    new_value: c.newValue,
    actor: actor ? { id: actor.id, name: actor.name } : null,
    reason: c.reason,
    created_at: isoSeconds(c.createdAt),
  };
}
