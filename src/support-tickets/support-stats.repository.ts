import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';
import type { AuthContext } from '../identity/auth-context';
import type { SlaTargets } from './sla-policy';
import { SupportRollupsRepository } from './support-rollups.repository';
import { OVERDUE_SQL, SupportTicketsRepository } from './support-tickets.repository';
import { isFinished, PRIORITIES, type TicketCategory, type TicketPriority, type TicketStatus } from './ticket-rules';
import { SlaReportQuery, StatsQuery } from './dto/stats.query.dto';

const OVERDUE_COUNT_SQL = `count(*) FILTER (WHERE ${OVERDUE_SQL})::int`;
const OVERDUE_ASSIGNED_COUNT_SQL = `count(*) FILTER (WHERE t.assignee_id = :me AND ${OVERDUE_SQL})::int`;

/**
 * Response and resolution SLA met, per group and overall (ROLLUP), over tickets created in a
 * period ($1, $2). $3 names the group; the response targets come as parallel arrays of
 * priorities ($4) and minutes ($5).
 */
const SLA_BY_GROUP_SQL = `
  SELECT g.grp, GROUPING(g.grp) = 1 AS is_total, count(*)::int AS total,
         count(*) FILTER (WHERE g.response_time IS NOT NULL
                            AND g.response_time <= g.created_at + g.response_minutes * interval '1 minute')::int AS met_response,
         count(*) FILTER (WHERE g.resolved_time IS NOT NULL AND g.resolved_time <= g.sla_due_time)::int AS met_resolution
    FROM (SELECT CASE $3::text WHEN 'assignee' THEN t.assignee_id::text WHEN 'priority' THEN t.priority::text ELSE t.category::text END AS grp,
                 t.created_at, t.response_time, t.resolved_time, t.sla_due_time, target.response_minutes
            FROM support_tickets t
            LEFT JOIN unnest($4::text[], $5::int[]) AS target (priority, response_minutes) ON target.priority = t.priority
           WHERE t.created_at >= $1::date AND t.created_at < $2::date + 1) g
   GROUP BY ROLLUP (g.grp)`;

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
 * number of tickets. The raw aggregations (`raw*`: one aggregate each, GROUPING SETS, ROLLUP,
 * FILTER) answer the scopes the rollups do not split by (a user or agent filtering by another
 * assignee: bounded by what they created) and are what the property test checks the rollups against.
 */
@Injectable()
export class SupportStatsRepository {
  constructor(
    private readonly db: Db,
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

  /** The raw aggregation of `totals`. */
  rawTotals(auth: AuthContext, query: StatsQuery): Promise<TotalsRow[]> {
    const qb = this.tickets.visibleTo(auth);
    if (query.start_date) qb.andWhere('t.created_at >= :start::date', { start: query.start_date });
    if (query.end_date) qb.andWhere('t.created_at < :end::date + 1', { end: query.end_date });
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

  /** The raw aggregation of `mine`. */
  rawMine(userId: number): Promise<MyStatsRow[]> {
    return this.tickets
      .all()
      .select('t.status AS status')
      .addSelect('count(*) FILTER (WHERE t.creator_id = :me)::int', 'created')
      .addSelect('count(*) FILTER (WHERE t.assignee_id = :me)::int', 'assigned')
      .addSelect(OVERDUE_ASSIGNED_COUNT_SQL, 'overdue_assigned')
      .addSelect('avg(extract(epoch FROM t.resolved_time - t.created_at)) FILTER (WHERE t.assignee_id = :me)', 'avg_resolution')
      .where('(t.creator_id = :me OR t.assignee_id = :me)', { me: userId })
      .groupBy('ROLLUP (t.status)')
      .getRawMany<MyStatsRow>();
  }

  /** The raw aggregation of `slaByGroup`, with the response targets of `sla`. */
  rawSlaByGroup(query: SlaReportQuery, sla: SlaTargets): Promise<SlaGroupRow[]> {
    const responseMinutes = PRIORITIES.map((p) => sla[p].responseMinutes);
    return this.db.manager.query(SLA_BY_GROUP_SQL, [query.start_date, query.end_date, query.group_by, [...PRIORITIES], responseMinutes]);
  }
}
