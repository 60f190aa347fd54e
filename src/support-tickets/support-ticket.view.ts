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
  /** @example 1 */
  id: number;
  /** @example 张三 */
  name: string;
  /** @example zhangsan@example.com */
  email: string;
}

/** Who did something: a history entry's actor, a new comment's author. */
export class ActorView {
  /** @example 5 */
  id: number;
  /** @example 客服李四 */
  name: string;
}

export class TicketCreatedView {
  /** @example 123 */
  ticket_id: number;
  /** T-YYYYMMDD-NNNN, numbered per UTC day. @example T-20241023-0001 */
  number: string;
  /** @example 无法登录账号 */
  title: string;
  /** Always `new`. @example new */
  status: TicketStatus;
  /** @example high */
  priority: TicketPriority;
  /** created_at plus the priority's resolution target. @example 2024-10-24T10:30:00Z */
  sla_due_time: string;
  /** @example 2024-10-23T10:30:00Z */
  created_at: string;
}

export class TicketDetailView {
  /** @example 123 */
  id: number;
  /** @example T-20241023-0001 */
  number: string;
  /** @example 无法登录账号 */
  title: string;
  /** @example 我尝试使用正确的密码登录，但系统提示密码错误。我已经重置过密码，但问题依然存在。 */
  description: string;
  /** @example technical */
  category: TicketCategory;
  /** @example high */
  priority: TicketPriority;
  /** @example in_progress */
  status: TicketStatus;
  /** Null when the user no longer exists. @example {"id":1,"name":"张三","email":"zhangsan@example.com"} */
  creator: PersonView | null;
  /** Null while unassigned. @example {"id":5,"name":"客服李四","email":"lisi@example.com"} */
  assignee: PersonView | null;
  /** @example ["login","password"] */
  tags: string[];
  /** @example {"browser":"Chrome 120","os":"Windows 11"} */
  metadata: Record<string, any>;
  /** @example 2024-10-24T10:30:00Z */
  sla_due_time: string;
  /** The first agent/admin public comment or status change. @example 2024-10-23T11:15:00Z */
  response_time: string | null;
  /** Set on `resolved`, cleared on reopen. */
  resolved_time: string | null;
  /** @example 2024-10-23T10:30:00Z */
  created_at: string;
  /** @example 2024-10-23T14:20:00Z */
  updated_at: string;
  closed_at: string | null;
  /** Comments the caller may read (internal notes count for agents and admins only). @example 3 */
  comments_count: number;
  /** Past sla_due_time and not resolved or closed. @example false */
  is_overdue: boolean;
}

export class TicketListItemView {
  /** @example 123 */
  id: number;
  /** @example T-20241023-0001 */
  number: string;
  /** @example 无法登录账号 */
  title: string;
  /** @example technical */
  category: TicketCategory;
  /** @example high */
  priority: TicketPriority;
  /** @example in_progress */
  status: TicketStatus;
  /** @example 张三 */
  creator_name: string;
  /** Null while unassigned. @example 客服李四 */
  assignee_name: string | null;
  /** @example 2024-10-23T10:30:00Z */
  created_at: string;
  /** @example 2024-10-23T14:20:00Z */
  updated_at: string;
  /** @example false */
  is_overdue: boolean;
}

export class TicketAssignedView {
  /** @example 123 */
  ticket_id: number;
  /** @example 5 */
  assignee_id: number;
  /** `open` when the ticket was new. @example open */
  status: TicketStatus;
  /** @example 2024-10-23T14:20:00Z */
  updated_at: string;
}

export class TicketStatusChangedView {
  /** @example 123 */
  ticket_id: number;
  /** @example open */
  old_status: TicketStatus;
  /** @example in_progress */
  new_status: TicketStatus;
  /** @example 2024-10-23T14:25:00Z */
  updated_at: string;
}

export class TicketPriorityChangedView {
  /** @example 123 */
  ticket_id: number;
  /** @example high */
  old_priority: TicketPriority;
  /** @example urgent */
  new_priority: TicketPriority;
  /** Recomputed from created_at and the new priority. @example 2024-10-23T14:30:00Z */
  sla_due_time: string;
  /** @example 2024-10-23T14:30:00Z */
  updated_at: string;
}

export class TicketClosedView {
  /** @example 123 */
  ticket_id: number;
  /** `closed` @example closed */
  status: TicketStatus;
  /** @example 2024-10-23T16:00:00Z */
  closed_at: string;
}

export class TicketReopenedView {
  /** @example 123 */
  ticket_id: number;
  /** `reopened` @example reopened */
  status: TicketStatus;
  /** @example 2024-10-24T09:00:00Z */
  updated_at: string;
}

/** One entry of a ticket's history. */
export class TicketChangeView {
  /** @example 1 */
  id: number;
  /** @example status */
  field: TrackedField;
  /** @example open */
  old_value: string | null;
  /** @example in_progress */
  new_value: string | null;
  /** Null when the user no longer exists. */
  actor: ActorView | null;
  /** @example 开始处理此问题 */
  reason: string | null;
  /** @example 2024-10-23T14:25:00Z */
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
