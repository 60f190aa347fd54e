import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { offsetOf } from '../common/pagination';
import { escapeLike } from '../database/sql';
import type { AuthContext } from '../identity/auth-context';
import { ListTicketsQuery } from './dto/list-tickets.query.dto';
import { SupportCommentEntity } from './support-comment.entity';
import { SupportTicketEntity } from './support-ticket.entity';
import { supportTier } from './ticket-rules';

/** true when the ticket is past its SLA and not finished: is_overdue and overdue=true agree. */
export const OVERDUE_SQL = `(t.status NOT IN ('resolved', 'closed') AND t.sla_due_time < now())`;

export interface TicketListRow {
  id: number;
  number: string;
  title: string;
  category: string;
  priority: string;
  status: string;
  creator_name: string;
  assignee_name: string | null;
  created_at: Date;
  updated_at: Date;
  is_overdue: boolean;
}

const SORT_COLUMN = {
  created_at: 't.created_at',
  sla_due_time: 't.sla_due_time',
  priority: `(CASE t.priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END)`,
} as const;

/** Ticket queries, always scoped to what the caller may see. */
@Injectable()
export class SupportTicketsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Row-level visibility: a user sees tickets they created; an agent also those assigned to
   * them and the unassigned queue; an admin sees all.
   */
  scope<T extends object>(qb: SelectQueryBuilder<T>, auth: AuthContext): SelectQueryBuilder<T> {
    switch (supportTier(auth.roles)) {
      case 'admin':
        return qb;
      case 'agent':
        return qb.andWhere('(t.creator_id = :me OR t.assignee_id = :me OR t.assignee_id IS NULL)', { me: auth.userId });
      case 'user':
        return qb.andWhere('t.creator_id = :me', { me: auth.userId });
    }
  }

  /** The ticket if the caller may see it; locked for update when `manager` is a transaction's. */
  findVisible(auth: AuthContext, id: number, manager: EntityManager = this.dataSource.manager, lock = false): Promise<SupportTicketEntity | null> {
    const qb = this.scope(manager.getRepository(SupportTicketEntity).createQueryBuilder('t').where('t.id = :id', { id }), auth);
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async list(auth: AuthContext, q: ListTicketsQuery): Promise<{ rows: TicketListRow[]; total: number }> {
    const qb = this.scope(this.dataSource.getRepository(SupportTicketEntity).createQueryBuilder('t'), auth);
    if (q.status) qb.andWhere('t.status = :status', { status: q.status });
    if (q.priority) qb.andWhere('t.priority = :priority', { priority: q.priority });
    if (q.category) qb.andWhere('t.category = :category', { category: q.category });
    if (q.assignee_id) qb.andWhere('t.assignee_id = :assignee', { assignee: q.assignee_id });
    if (q.creator_id) qb.andWhere('t.creator_id = :creator', { creator: q.creator_id });
    if (q.overdue !== undefined) qb.andWhere(q.overdue ? OVERDUE_SQL : `NOT ${OVERDUE_SQL}`);
    if (q.tags?.length) qb.andWhere('t.tags @> :tags::text[]', { tags: q.tags });
    if (q.search) qb.andWhere('(t.title ILIKE :search OR t.description ILIKE :search)', { search: `%${escapeLike(q.search)}%` });

    const direction = q.sort_order === 'asc' ? 'ASC' : 'DESC';
    // The page and its count are two queries run side by side; names come by join, in the same
    // round trip as the page (the hot path: each round trip to PostgreSQL costs more than the SQL).
    const [rows, total] = await Promise.all([
      qb
        .clone()
        .leftJoin('t.creator', 'creator')
        .leftJoin('t.assignee', 'assignee')
        .select(['t.id AS id', 't.number AS number', 't.title AS title', 't.category AS category', 't.priority AS priority', 't.status AS status'])
        .addSelect(['creator.name AS creator_name', 'assignee.name AS assignee_name', 't.created_at AS created_at', 't.updated_at AS updated_at'])
        .addSelect(`${OVERDUE_SQL} AS is_overdue`)
        .orderBy(SORT_COLUMN[q.sort_by], direction)
        .addOrderBy('t.id', direction)
        .offset(offsetOf(q))
        .limit(q.page_size)
        .getRawMany<TicketListRow>(),
      qb.select('count(*)::int', 'total').getRawOne<{ total: number }>().then((r) => r!.total),
    ]);
    return { rows, total };
  }

  /** Comments on a ticket the viewer can read (internal ones only for agents and admins). */
  countComments(ticketId: number, includeInternal: boolean): Promise<number> {
    return this.dataSource.getRepository(SupportCommentEntity).count({ where: { ticketId, ...(includeInternal ? {} : { isInternal: false }) } });
  }

  /** Next T-YYYYMMDD-NNNN for a UTC day: one atomic upsert, unique across instances. */
  async nextNumber(manager: EntityManager, now: Date): Promise<string> {
    const day = now.toISOString().slice(0, 10);
    const [{ last }] = await manager.query(
      `INSERT INTO support_ticket_number_counters (day, last) VALUES ($1, 1)
       ON CONFLICT (day) DO UPDATE SET last = support_ticket_number_counters.last + 1
       RETURNING last`,
      [day],
    );
    return `T-${day.replace(/-/g, '')}-${String(last).padStart(4, '0')}`;
  }
}
