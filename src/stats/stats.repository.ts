import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../identity/auth-context';
import type { SlaTargets } from '../support-tickets/sla-policy';
import { SupportTicketEntity } from '../support-tickets/support-ticket.entity';
import { OVERDUE_SQL, SupportTicketsRepository } from '../support-tickets/support-tickets.repository';
import { CATEGORIES, PRIORITIES, STATUSES } from '../support-tickets/ticket-rules';
import { SlaReportQuery, StatsQuery } from './dto/stats.query.dto';

const countsBy = (column: string, values: readonly string[]) =>
  values.map((v) => `count(*) FILTER (WHERE t.${column} = '${v}')::int AS "${column}:${v}"`).join(', ');

export interface SlaGroupRow {
  grp: string | number | null;
  is_total: boolean;
  total: number;
  met_response: number;
  met_resolution: number;
}

/** The statistics queries: one aggregate each (FILTER, ROLLUP), over the tickets the caller may see. */
@Injectable()
export class StatsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: SupportTicketsRepository,
  ) {}

  async totals(auth: AuthContext, query: StatsQuery): Promise<Record<string, number | string | null>> {
    const qb = this.tickets.scope(
      this.dataSource.getRepository(SupportTicketEntity).createQueryBuilder('t'),
      auth,
    );
    this.period(qb, query.start_date, query.end_date);
    if (query.assignee_id) qb.andWhere('t.assignee_id = :assignee', { assignee: query.assignee_id });
    const row = await qb
      .select('count(*)::int', 'total')
      .addSelect(
        `${countsBy('status', STATUSES)}, ${countsBy('priority', PRIORITIES)}, ${countsBy('category', CATEGORIES)}`,
      )
      .addSelect('avg(extract(epoch FROM t.response_time - t.created_at))', 'avg_response')
      .addSelect('avg(extract(epoch FROM t.resolved_time - t.created_at))', 'avg_resolution')
      .addSelect('count(*) FILTER (WHERE t.resolved_time IS NOT NULL)::int', 'resolved')
      .addSelect(
        'count(*) FILTER (WHERE t.resolved_time IS NOT NULL AND t.resolved_time <= t.sla_due_time)::int',
        'resolved_in_sla',
      )
      .addSelect(`count(*) FILTER (WHERE ${OVERDUE_SQL})::int`, 'overdue')
      .getRawOne<Record<string, number | string | null>>();
    return row!;
  }

  async mine(userId: number): Promise<Record<string, number>> {
    const [row] = await this.dataSource.query(
      `SELECT
         count(*) FILTER (WHERE creator_id = $1)::int AS created_total,
         count(*) FILTER (WHERE creator_id = $1 AND status NOT IN ('resolved', 'closed'))::int AS created_open,
         count(*) FILTER (WHERE creator_id = $1 AND status = 'resolved')::int AS created_resolved,
         count(*) FILTER (WHERE creator_id = $1 AND status = 'closed')::int AS created_closed,
         count(*) FILTER (WHERE assignee_id = $1)::int AS assigned_total,
         count(*) FILTER (WHERE assignee_id = $1 AND status = 'in_progress')::int AS assigned_in_progress,
         count(*) FILTER (WHERE assignee_id = $1 AND status = 'pending')::int AS assigned_pending,
         count(*) FILTER (WHERE assignee_id = $1 AND status = 'resolved')::int AS assigned_resolved,
         count(*) FILTER (WHERE assignee_id = $1 AND ${OVERDUE_SQL})::int AS overdue_assigned,
         avg(extract(epoch FROM resolved_time - created_at)) FILTER (WHERE assignee_id = $1) AS avg_resolution
       FROM support_tickets t WHERE t.creator_id = $1 OR t.assignee_id = $1`,
      [userId],
    );
    return row;
  }

  slaByGroup(query: SlaReportQuery, sla: SlaTargets): Promise<SlaGroupRow[]> {
    const responseTarget = `(CASE t.priority WHEN 'urgent' THEN ${sla.urgent.responseMinutes} WHEN 'high' THEN ${sla.high.responseMinutes}
                             WHEN 'medium' THEN ${sla.medium.responseMinutes} ELSE ${sla.low.responseMinutes} END) * interval '1 minute'`;
    const group = { assignee: 't.assignee_id', priority: 't.priority', category: 't.category' }[
      query.group_by
    ];
    return this.dataSource.query(
      `SELECT ${group} AS grp, GROUPING(${group}) = 1 AS is_total, count(*)::int AS total,
              count(*) FILTER (WHERE t.response_time IS NOT NULL AND t.response_time <= t.created_at + ${responseTarget})::int AS met_response,
              count(*) FILTER (WHERE t.resolved_time IS NOT NULL AND t.resolved_time <= t.sla_due_time)::int AS met_resolution
         FROM support_tickets t
        WHERE t.created_at >= $1::date AND t.created_at < $2::date + 1
        GROUP BY ROLLUP (${group})`,
      [query.start_date, query.end_date],
    );
  }

  private period(
    qb: { andWhere(sql: string, params?: object): unknown },
    start?: string,
    end?: string,
  ): void {
    if (start) qb.andWhere('t.created_at >= :start::date', { start });
    if (end) qb.andWhere(`t.created_at < :end::date + 1`, { end });
  }
}
