import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../identity/auth-context';
import { SupportRollupsRepository } from './support-rollups.repository';
import { OVERDUE_SQL, SupportTicketsRepository } from './support-tickets.repository';
import { isFinished, type TicketCategory, type TicketPriority, type TicketStatus } from './ticket-rules';
import { SlaReportQuery, StatsQuery } from './dto/stats.query.dto';

const OVERDUE_COUNT_SQL = `count(*) FILTER (WHERE ${OVERDUE_SQL})::int`;

/** One grouping set of `totals`: counts by status, by priority, by category, or (all null) the whole. */
export interface TotalsRow {
  status: TicketStatus | null;
  priority: TicketPriority | null;
  category: TicketCategory | null;
  total: number;
  /** Seconds, as PostgreSQL numeric text; null when nothing to average. */
  avg_response: string | null;
  avg_resolution: string | null;
  resolved: number;
  resolved_in_sla: number;
  /** Exact on the whole (all null); the rollup path leaves it null on the groups. */
  overdue: number | null;
}

/** Per status of the user's tickets, and (status null) over all of them. */
export interface MyStatsRow {
  status: TicketStatus | null;
  created: number;
  assigned: number;
  overdue_assigned: number;
  avg_resolution: string | null;
}

export interface SlaGroupRow {
  /** The assignee id (as text), priority or category; null for unassigned tickets and for the total. */
  grp: string | null;
  is_total: boolean;
  total: number;
  met_response: number;
  met_resolution: number;
}

/**
 * The statistics: read from the rollups (SupportRollupsRepository), which do not grow with the
 * number of tickets. The raw aggregation (`rawTotals`: one aggregate, GROUPING SETS, FILTER)
 * answers the scopes the rollups do not split by (a user or agent filtering by another assignee:
 * bounded by what they created).
 */
@Injectable()
export class SupportStatsRepository {
  constructor(
    private readonly tickets: SupportTicketsRepository,
    private readonly rollups: SupportRollupsRepository,
  ) {}

  /** Over the tickets the caller may see, created in the period (UTC days), optionally of one assignee. */
  async totals(auth: AuthContext, query: StatsQuery): Promise<TotalsRow[]> {
    const rows = await this.rollups.totals({ auth, start: query.start_date, end: query.end_date, assigneeId: query.assignee_id });
    return rows ?? this.rawTotals(auth, query);
  }

  /** Tickets the user created or is assigned, by status (and the whole, status null). */
  async mine(userId: number): Promise<MyStatsRow[]> {
    const parts = await this.rollups.mine(userId);
    const rows = new Map<TicketStatus | null, MyStatsRow>();
    const row = (status: TicketStatus | null) =>
      rows.get(status) ?? rows.set(status, { status, created: 0, assigned: 0, overdue_assigned: 0, avg_resolution: null }).get(status)!;
    let resolutionSeconds = 0;
    let resolved = 0;
    let notYetDue = 0;
    for (const part of parts) {
      if (part.side === 'd') {
        notYetDue = part.n;
        continue;
      }
      const status = part.status!;
      if (part.side === 'c') {
        row(status).created += part.n;
        row(null).created += part.n;
      } else {
        row(status).assigned += part.n;
        row(null).assigned += part.n;
        if (!isFinished(status)) row(null).overdue_assigned += part.n;
        resolutionSeconds += Number(part.resolution_seconds ?? 0);
        resolved += part.resolved ?? 0;
      }
    }
    const whole = row(null);
    whole.overdue_assigned -= notYetDue;
    whole.avg_resolution = resolved === 0 ? null : String(resolutionSeconds / resolved);
    return [...rows.values()];
  }

  /** SLA compliance per group and overall, over tickets created in the period (UTC days). */
  slaByGroup(query: SlaReportQuery): Promise<SlaGroupRow[]> {
    return this.rollups.slaByGroup(query.start_date, query.end_date, query.group_by);
  }

  /** The raw aggregation of `totals` (periods in UTC days, as the rollups count them). */
  private rawTotals(auth: AuthContext, query: StatsQuery): Promise<TotalsRow[]> {
    const qb = this.tickets.visibleTo(auth);
    if (query.start_date) qb.andWhere("t.created_at >= (:start::date::timestamp AT TIME ZONE 'UTC')", { start: query.start_date });
    if (query.end_date) qb.andWhere("t.created_at < ((:end::date + 1)::timestamp AT TIME ZONE 'UTC')", { end: query.end_date });
    if (query.assignee_id) qb.andWhere('t.assignee_id = :assignee', { assignee: query.assignee_id });
    return qb
      .select(['t.status AS status', 't.priority AS priority', 't.category AS category'])
      .addSelect('count(*)::int', 'total')
      .addSelect('avg(extract(epoch FROM t.response_time - t.created_at))', 'avg_response')
      .addSelect('avg(extract(epoch FROM t.resolved_time - t.created_at))', 'avg_resolution')
      .addSelect('count(*) FILTER (WHERE t.resolved_time IS NOT NULL)::int', 'resolved')
      .addSelect('count(*) FILTER (WHERE t.resolved_time IS NOT NULL AND t.resolved_time <= t.sla_due_time)::int', 'resolved_in_sla')
      .addSelect(OVERDUE_COUNT_SQL, 'overdue')
      .groupBy('GROUPING SETS ((t.status), (t.priority), (t.category), ())')
      .getRawMany<TotalsRow>();
  }
}
