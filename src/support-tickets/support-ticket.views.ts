import { isoSeconds } from '../common/time';
import type { UserSummary } from '../identity/users.service';
import type { SupportCommentEntity } from './support-comment.entity';
import type { SupportTicketEntity } from './support-ticket.entity';
import type { TicketListRow } from './support-tickets.repository';

/** Seed 001's JSON: snake_case, ISO 8601 UTC times to the second. Mapping lives here, once. */

export const person = (u: UserSummary | undefined) => (u ? { id: u.id, name: u.name, email: u.email } : null);

export function isOverdue(t: Pick<SupportTicketEntity, 'status' | 'slaDueTime'>, now = new Date()): boolean {
  return t.status !== 'resolved' && t.status !== 'closed' && t.slaDueTime.getTime() < now.getTime();
}

export function ticketDetail(t: SupportTicketEntity, users: Map<number, UserSummary>, commentsCount: number) {
  return {
    id: t.id,
    number: t.number,
    title: t.title,
    description: t.description,
    category: t.category,
    priority: t.priority,
    status: t.status,
    creator: person(users.get(t.creatorId)),
    assignee: t.assigneeId === null ? null : person(users.get(t.assigneeId)),
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

export function ticketListItem(row: TicketListRow) {
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

export function commentView(c: SupportCommentEntity, author: UserSummary | undefined) {
  return {
    id: c.id,
    ticket_id: c.ticketId,
    user: author ? { id: author.id, name: author.name, avatar: author.avatarUrl } : null,
    content: c.content,
    is_internal: c.isInternal,
    created_at: isoSeconds(c.createdAt),
    updated_at: isoSeconds(c.updatedAt),
  };
}
