import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../identity/auth-context';
import { UsersService, type UserSummary } from '../identity/users.service';
import { SlaReportQuery, StatsQuery } from './dto/stats.query.dto';
import { formatDuration, percent } from './sla-policy';
import { MyStatsRow, SlaGroupRow, SupportStatsRepository } from './support-stats.repository';
import { MyStatsView, SlaGroupFiguresView, SlaReportView, TicketStatsView } from './support-stats.view';
import { SupportError, SupportErrorCode } from './support-tickets.errors';
import { CATEGORIES, isFinished, PRIORITIES, STATUSES, type TicketCategory, type TicketPriority, type TicketStatus } from './ticket-rules';

/** Support statistics: SupportStatsRepository reads the figures (from the rollups); this formats them as seed 001 shows them. */
@Injectable()
export class SupportStatsService {
  constructor(
    private readonly figures: SupportStatsRepository,
    private readonly users: UsersService,
  ) {}

  async stats(auth: AuthContext, query: StatsQuery): Promise<TicketStatsView> {
    const rows = await this.figures.totals(auth, query);
    const whole = rows.find((r) => r.status === null && r.priority === null && r.category === null)!;
    const counts = <K extends string>(column: 'status' | 'priority' | 'category', values: readonly K[]) =>
      Object.fromEntries(values.map((v) => [v, rows.find((r) => r[column] === v)?.total ?? 0])) as Record<K, number>;
    return {
      total_tickets: whole.total,
      by_status: counts('status', STATUSES),
      by_priority: counts('priority', PRIORITIES),
      by_category: counts('category', CATEGORIES),
      sla_metrics: {
        average_response_time: formatDuration(toNumber(whole.avg_response)),
        average_resolution_time: formatDuration(toNumber(whole.avg_resolution)),
        sla_compliance_rate: percent(whole.resolved_in_sla, whole.resolved),
        overdue_tickets: whole.overdue ?? 0,
      },
    };
  }

  async myStats(auth: AuthContext): Promise<MyStatsView> {
    const rows = await this.figures.mine(auth.userId);
    const all: Omit<MyStatsRow, 'status'> = rows.find((r) => r.status === null) ?? { created: 0, assigned: 0, overdue_assigned: 0, avg_resolution: null };
    const byStatus = new Map(rows.map((r) => [r.status, r]));
    const count = (figure: 'created' | 'assigned', ...statuses: TicketStatus[]) => statuses.reduce((n, s) => n + (byStatus.get(s)?.[figure] ?? 0), 0);
    return {
      created_by_me: {
        total: all.created,
        open: count('created', ...STATUSES.filter((s) => !isFinished(s))),
        resolved: count('created', 'resolved'),
        closed: count('created', 'closed'),
      },
      assigned_to_me: {
        total: all.assigned,
        in_progress: count('assigned', 'in_progress'),
        pending: count('assigned', 'pending'),
        resolved: count('assigned', 'resolved'),
      },
      overdue_assigned: all.overdue_assigned,
      average_resolution_time: formatDuration(toNumber(all.avg_resolution)),
    };
  }

  /** SLA compliance over tickets created in a period, overall and grouped (admins). */
  async slaReport(query: SlaReportQuery): Promise<SlaReportView> {
    if (query.start_date > query.end_date) {
      throw new SupportError(SupportErrorCode.VALIDATION_ERROR, 'start_date must not be after end_date', {
        start_date: 'must not be after end_date',
      });
    }
    const rows = await this.figures.slaByGroup(query);
    const overall = rows.find((r) => r.is_total) ?? { total: 0, met_response: 0, met_resolution: 0 };
    const groups = rows.filter((r) => !r.is_total);
    const report: SlaReportView = {
      period: { start: query.start_date, end: query.end_date },
      overall: {
        total_tickets: overall.total,
        met_response_sla: overall.met_response,
        met_resolution_sla: overall.met_resolution,
        response_sla_rate: percent(overall.met_response, overall.total),
        resolution_sla_rate: percent(overall.met_resolution, overall.total),
      },
    };
    switch (query.group_by) {
      case 'priority':
        report.by_priority = groups.map((g) => ({ priority: g.grp as TicketPriority, ...figures(g) }));
        break;
      case 'category':
        report.by_category = groups.map((g) => ({ category: g.grp as TicketCategory, ...figures(g) }));
        break;
      case 'assignee': {
        const names = await this.users.findSummaries(groups.flatMap((g) => (g.grp === null ? [] : [Number(g.grp)])));
        report.by_assignee = groups.map((g) => ({ ...assigneeOf(g, names), ...figures(g) }));
        break;
      }
    }
    return report;
  }
}

function figures(g: SlaGroupRow): SlaGroupFiguresView {
  return {
    total: g.total,
    met_sla: g.met_resolution,
    sla_rate: percent(g.met_resolution, g.total),
    met_response_sla: g.met_response,
    response_sla_rate: percent(g.met_response, g.total),
  };
}

function assigneeOf(g: SlaGroupRow, names: Map<number, UserSummary>): { assignee_id: number | null; assignee_name: string | null } {
  if (g.grp === null) return { assignee_id: null, assignee_name: null };
  const id = Number(g.grp);
  return { assignee_id: id, assignee_name: names.get(id)?.name ?? null };
}

function toNumber(value: string | number | null): number | null {
  return value === null ? null : Number(value);
}
