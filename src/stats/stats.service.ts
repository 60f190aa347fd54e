import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { supportConfig } from '../config/support.config';
import type { AuthContext } from '../identity/auth-context';
import { UsersService } from '../identity/users.service';
import { formatDuration, percent } from '../support-tickets/sla-policy';
import { SupportError, SupportErrorCode } from '../support-tickets/support-tickets.errors';
import { CATEGORIES, PRIORITIES, STATUSES } from '../support-tickets/ticket-rules';
import { SlaReportQuery, StatsQuery } from './dto/stats.query.dto';
import { StatsRepository } from './stats.repository';

/** Support statistics: StatsRepository computes the figures in SQL; this formats them as seed 001 shows them. */
@Injectable()
export class StatsService {
  constructor(
    private readonly figures: StatsRepository,
    private readonly users: UsersService,
    @Inject(supportConfig.KEY) private readonly config: ConfigType<typeof supportConfig>,
  ) {}

  async stats(auth: AuthContext, query: StatsQuery) {
    const row = await this.figures.totals(auth, query);
    const pick = (column: string, values: readonly string[]) =>
      Object.fromEntries(values.map((v) => [v, Number(row[`${column}:${v}`])]));
    return {
      total_tickets: Number(row.total),
      by_status: pick('status', STATUSES),
      by_priority: pick('priority', PRIORITIES),
      by_category: pick('category', CATEGORIES),
      sla_metrics: {
        average_response_time: formatDuration(toNumber(row.avg_response)),
        average_resolution_time: formatDuration(toNumber(row.avg_resolution)),
        sla_compliance_rate: percent(Number(row.resolved_in_sla), Number(row.resolved)),
        overdue_tickets: Number(row.overdue),
      },
    };
  }

  async myStats(auth: AuthContext) {
    const row = await this.figures.mine(auth.userId);
    return {
      created_by_me: {
        total: row.created_total,
        open: row.created_open,
        resolved: row.created_resolved,
        closed: row.created_closed,
      },
      assigned_to_me: {
        total: row.assigned_total,
        in_progress: row.assigned_in_progress,
        pending: row.assigned_pending,
        resolved: row.assigned_resolved,
      },
      overdue_assigned: row.overdue_assigned,
      average_resolution_time: formatDuration(toNumber(row.avg_resolution)),
    };
  }

  /** SLA compliance over tickets created in a period, overall and grouped (admins). */
  async slaReport(query: SlaReportQuery) {
    if (query.start_date > query.end_date) {
      throw new SupportError(SupportErrorCode.VALIDATION_ERROR, 'start_date must not be after end_date', {
        start_date: 'must not be after end_date',
      });
    }
    const rows = await this.figures.slaByGroup(query, this.config.sla);
    const overall = rows.find((r) => r.is_total) ?? { total: 0, met_response: 0, met_resolution: 0 };
    const groups = rows.filter((r) => !r.is_total);
    const names =
      query.group_by === 'assignee'
        ? await this.users.findSummaries(groups.flatMap((g) => (g.grp === null ? [] : [Number(g.grp)])))
        : new Map();
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
          ? {
              assignee_id: g.grp === null ? null : Number(g.grp),
              assignee_name: g.grp === null ? null : (names.get(Number(g.grp))?.name ?? null),
            }
          : { [query.group_by]: g.grp }),
        total: g.total,
        met_sla: g.met_resolution,
        sla_rate: percent(g.met_resolution, g.total),
        met_response_sla: g.met_response,
        response_sla_rate: percent(g.met_response, g.total),
      })),
    };
  }
}

function toNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
