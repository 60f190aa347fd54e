import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { supportConfig } from '../config/support.config';
import type { AuthContext } from '../identity/auth-context';
import { UsersService } from '../identity/users.service';
import { formatDuration, percent } from '../support-tickets/sla-policy';
import { SupportTicketEntity } from '../support-tickets/support-ticket.entity';
import { OVERDUE_SQL, SupportTicketsRepository } from '../support-tickets/support-tickets.repository';
import { SupportError, SupportErrorCode } from '../support-tickets/support-tickets.errors';
import { CATEGORIES, PRIORITIES, STATUSES } from '../support-tickets/ticket-rules';
import { SlaReportQuery, StatsQuery } from './dto/stats.query.dto';

const countsBy = (column: string, values: readonly string[]) =>
  values.map((v) => `count(*) FILTER (WHERE t.${column} = '${v}')::int AS "${column}:${v}"`).join(', ');

/** Support statistics, computed in SQL (FILTER aggregates), over the tickets the caller may see. */
@Injectable()
export class StatsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: SupportTicketsRepository,
    private readonly users: UsersService,
    @Inject(supportConfig.KEY) private readonly config: ConfigType<typeof supportConfig>,
  ) {}

  async stats(auth: AuthContext, query: StatsQuery) {
    const qb = this.tickets.scope(this.dataSource.getRepository(SupportTicketEntity).createQueryBuilder('t'), auth);
    this.period(qb, query.start_date, query.end_date);
    if (query.assignee_id) qb.andWhere('t.assignee_id = :assignee', { assignee: query.assignee_id });
    const row = await qb
      .select('count(*)::int', 'total')
      .addSelect(`${countsBy('status', STATUSES)}, ${countsBy('priority', PRIORITIES)}, ${countsBy('category', CATEGORIES)}`)
      .addSelect('avg(extract(epoch FROM t.response_time - t.created_at))', 'avg_response')
      .addSelect('avg(extract(epoch FROM t.resolved_time - t.created_at))', 'avg_resolution')
      .addSelect('count(*) FILTER (WHERE t.resolved_time IS NOT NULL)::int', 'resolved')
      .addSelect('count(*) FILTER (WHERE t.resolved_time IS NOT NULL AND t.resolved_time <= t.sla_due_time)::int', 'resolved_in_sla')
      .addSelect(`count(*) FILTER (WHERE ${OVERDUE_SQL})::int`, 'overdue')
      .getRawOne<Record<string, number | string | null>>();
    const pick = (column: string, values: readonly string[]) => Object.fromEntries(values.map((v) => [v, Number(row![`${column}:${v}`])]));
    return {
      total_tickets: Number(row!.total),
      by_status: pick('status', STATUSES),
      by_priority: pick('priority', PRIORITIES),
      by_category: pick('category', CATEGORIES),
      sla_metrics: {
        average_response_time: formatDuration(toNumber(row!.avg_response)),
        average_resolution_time: formatDuration(toNumber(row!.avg_resolution)),
        sla_compliance_rate: percent(Number(row!.resolved_in_sla), Number(row!.resolved)),
        overdue_tickets: Number(row!.overdue),
      },
    };
  }

  async myStats(auth: AuthContext) {
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
      [auth.userId],
    );
    return {
      created_by_me: { total: row.created_total, open: row.created_open, resolved: row.created_resolved, closed: row.created_closed },
      assigned_to_me: { total: row.assigned_total, in_progress: row.assigned_in_progress, pending: row.assigned_pending, resolved: row.assigned_resolved },
      overdue_assigned: row.overdue_assigned,
      average_resolution_time: formatDuration(toNumber(row.avg_resolution)),
    };
  }

  /** SLA compliance over tickets created in a period, overall and grouped (admins). */
  async slaReport(query: SlaReportQuery) {
    if (query.start_date > query.end_date) {
      throw new SupportError(SupportErrorCode.VALIDATION_ERROR, 'start_date must not be after end_date', { start_date: 'must not be after end_date' });
    }
    const sla = this.config.sla;
    const responseTarget = `(CASE t.priority WHEN 'urgent' THEN ${sla.urgent.responseMinutes} WHEN 'high' THEN ${sla.high.responseMinutes}
                             WHEN 'medium' THEN ${sla.medium.responseMinutes} ELSE ${sla.low.responseMinutes} END) * interval '1 minute'`;
    const group = { assignee: 't.assignee_id', priority: 't.priority', category: 't.category' }[query.group_by];
    const rows: Array<{ grp: string | number | null; is_total: boolean; total: number; met_response: number; met_resolution: number }> = await this.dataSource.query(
      `SELECT ${group} AS grp, GROUPING(${group}) = 1 AS is_total, count(*)::int AS total,
              count(*) FILTER (WHERE t.response_time IS NOT NULL AND t.response_time <= t.created_at + ${responseTarget})::int AS met_response,
              count(*) FILTER (WHERE t.resolved_time IS NOT NULL AND t.resolved_time <= t.sla_due_time)::int AS met_resolution
         FROM support_tickets t
        WHERE t.created_at >= $1::date AND t.created_at < $2::date + 1
        GROUP BY ROLLUP (${group})`,
      [query.start_date, query.end_date],
    );
    const overall = rows.find((r) => r.is_total) ?? { total: 0, met_response: 0, met_resolution: 0 };
    const groups = rows.filter((r) => !r.is_total);
    const names = query.group_by === 'assignee' ? await this.users.findSummaries(groups.flatMap((g) => (g.grp === null ? [] : [Number(g.grp)]))) : new Map();
    return {
      period: { start: query.start_date, end: query.end_date },
      overall: {
        total_tickets: overall.total,
        met_response_sla: overall.met_response,
        met_resolution_sla: overall.met_resolution,
        response_sla_rate: percent(overall.met_response, overall.total),
        resolution_sla_rate: percent(overall.met_resolution, overall.total),
      },
      [`by_${query.group_by}`]: groups.map((g) => ({
        ...(query.group_by === 'assignee'
          ? { assignee_id: g.grp === null ? null : Number(g.grp), assignee_name: g.grp === null ? null : (names.get(Number(g.grp))?.name ?? null) }
          : { [query.group_by]: g.grp }),
        total: g.total,
        met_sla: g.met_resolution,
        sla_rate: percent(g.met_resolution, g.total),
        met_response_sla: g.met_response,
        response_sla_rate: percent(g.met_response, g.total),
      })),
    };
  }

  private period(qb: { andWhere(sql: string, params?: object): unknown }, start?: string, end?: string): void {
    if (start) qb.andWhere('t.created_at >= :start::date', { start });
    if (end) qb.andWhere(`t.created_at < :end::date + 1`, { end });
  }
}

function toNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
