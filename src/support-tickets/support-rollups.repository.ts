import { Injectable } from '@nestjs/common';
import { Db, namedStatement } from '../database/db';
import type { AuthContext } from '../identity/auth-context';
import type { SlaTargets } from './sla-policy';
import { FINISHED_STATUSES, PRIORITIES, supportTier, type TicketCategory, type TicketPriority, type TicketStatus } from './ticket-rules';
import type { TotalsRow } from './support-stats.repository';

/*
 * Reads of the derived support figures (migration SupportRollups: support_rollup_by_assignee,
 * support_rollup_by_creator, support_derived_state), which triggers keep exact in the
 * transaction of every change to support_tickets. `day = '-infinity'` rows hold all-time sums.
 *
 * "Overdue" moves with the clock, so no rollup can hold it: it is the unfinished count (a
 * rollup figure) minus the unfinished tickets not yet due, counted from the raw rows through the
 * partial index support_tickets_sla_open. Those are tickets created within the longest resolution
 * target (five days by default), so the count follows recent volume, not the table's size. Both
 * parts are read in one statement, on one snapshot.
 */

const UNFINISHED = `status NOT IN (${FINISHED_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** Positional parameters for hand-written SQL. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Which tickets, in rollup terms: the caller's visibility, a creation period (UTC days), optional equality filters. */
export interface RollupScope {
  auth: AuthContext;
  start?: string;
  end?: string;
  assigneeId?: number;
  creatorId?: number;
  status?: TicketStatus;
  priority?: TicketPriority;
  category?: TicketCategory;
}

export interface DerivedState {
  response_minutes: Record<string, number>;
  generation: number;
}

const FIGURES = 'r.status, r.priority, r.category, r.tickets, r.responded, r.response_seconds, r.resolved, r.resolution_seconds, r.resolved_in_sla';

/**
 * The day ranges a period is summed over, with their sign ($1 start, $2 end): the period itself,
 * or, when it covers more than half the days that have tickets, the all-time rows (+) and the
 * days before and after it (−). One-time filters, so only one side is read.
 */
const SLA_PERIOD_ROWS = `
  WITH span AS (SELECT min(day) AS first, max(day) AS last FROM support_rollup_by_assignee WHERE day > '-infinity'),
       complement AS (SELECT coalesce(($2::date - $1::date) * 2 > (span.last - span.first), false) AS yes FROM span)
  SELECT $1::date AS from_day, $2::date AS to_day, 1 AS sign WHERE NOT (SELECT yes FROM complement)
  UNION ALL SELECT '-infinity'::date, '-infinity'::date, 1 WHERE (SELECT yes FROM complement)
  UNION ALL SELECT (SELECT first FROM span), $1::date - 1, -1 WHERE (SELECT yes FROM complement)
  UNION ALL SELECT $2::date + 1, 'infinity'::date, -1 WHERE (SELECT yes FROM complement)`;

/** my-stats: per status, created by and assigned to $1, and that agent's unfinished tickets not yet due (index support_tickets_sla_open_assignee). */
const MY_STATS = namedStatement(
  'support_my_stats',
  `SELECT 'c' AS side, r.status, sum(r.tickets)::int AS n, NULL::numeric AS resolution_seconds, NULL::int AS resolved
         FROM support_rollup_by_creator r WHERE r.creator_id = $1 AND r.day = '-infinity' GROUP BY r.status
       UNION ALL
       SELECT 'a', r.status, sum(r.tickets)::int, sum(r.resolution_seconds), sum(r.resolved)::int
         FROM support_rollup_by_assignee r WHERE r.day = '-infinity' AND r.assignee_id = $1 GROUP BY r.status
       UNION ALL
       SELECT 'd', NULL, count(*)::int, NULL, NULL
         FROM support_tickets t WHERE t.assignee_id = $1 AND t.${UNFINISHED} AND t.sla_due_time >= now()`,
);

@Injectable()
export class SupportRollupsRepository {
  constructor(private readonly db: Db) {}

  /**
   * The rollup rows that sum to exactly the tickets of `scope`, as one SQL source of FIGURES; null
   * when the combination is not one the rollups split by (then count the raw rows).
   */
  private source(scope: RollupScope, p: Params): string | null {
    const day = (alias: string) =>
      scope.start === undefined && scope.end === undefined
        ? `${alias}.day = '-infinity'`
        : [`${alias}.day > '-infinity'`, ...(scope.start ? [`${alias}.day >= ${p.add(scope.start)}::date`] : []), ...(scope.end ? [`${alias}.day <= ${p.add(scope.end)}::date`] : [])].join(' AND ');
    const eq = [
      ...(scope.status ? [`r.status = ${p.add(scope.status)}`] : []),
      ...(scope.priority ? [`r.priority = ${p.add(scope.priority)}`] : []),
      ...(scope.category ? [`r.category = ${p.add(scope.category)}`] : []),
    ];
    const byAssignee = (where: string[]) => `SELECT ${FIGURES} FROM support_rollup_by_assignee r WHERE ${[day('r'), ...where, ...eq].join(' AND ')}`;
    const byCreator = (where: string[]) => `SELECT ${FIGURES} FROM support_rollup_by_creator r WHERE ${[...where, day('r'), ...eq].join(' AND ')}`;
    const { auth, assigneeId, creatorId } = scope;
    const me = auth.userId;
    let tier = supportTier(auth.roles);
    if (creatorId !== undefined) {
      // creator_id is an admin filter; for the others it narrows what they see to what that creator made.
      if (tier !== 'admin' && creatorId !== me) return null;
      if (assigneeId === undefined) return byCreator([`r.creator_id = ${p.add(creatorId)}`]);
      return assigneeId === creatorId ? byCreator([`r.creator_id = ${p.add(creatorId)}`, `r.assignee_kind = 's'`]) : null;
    }
    if (tier === 'agent' && assigneeId === me) tier = 'admin'; // assigned to me: all visible to me
    switch (tier) {
      case 'admin':
        return byAssignee(assigneeId === undefined ? [] : [`r.assignee_id = ${p.add(assigneeId)}`]);
      case 'agent':
        if (assigneeId !== undefined) return null;
        return `${byAssignee([`r.assignee_id IN (${p.add(me)}, 0)`])} UNION ALL ${byCreator([`r.creator_id = ${p.add(me)}`, `r.assignee_kind = 'o'`])}`;
      case 'user':
        return assigneeId === undefined ? byCreator([`r.creator_id = ${p.add(me)}`]) : null;
    }
  }

  /** The raw-row filter of the same scope, over `t` (visibility, period, assignee). */
  private rawScope(scope: RollupScope, p: Params): string {
    const where: string[] = [];
    const me = scope.auth.userId;
    switch (supportTier(scope.auth.roles)) {
      case 'agent':
        where.push(`(t.creator_id = ${p.add(me)} OR t.assignee_id = ${p.add(me)} OR t.assignee_id IS NULL)`);
        break;
      case 'user':
        where.push(`t.creator_id = ${p.add(me)}`);
        break;
    }
    if (scope.start) where.push(`t.created_at >= (${p.add(scope.start)}::date::timestamp AT TIME ZONE 'UTC')`);
    if (scope.end) where.push(`t.created_at < ((${p.add(scope.end)}::date + 1)::timestamp AT TIME ZONE 'UTC')`);
    if (scope.assigneeId !== undefined) where.push(`t.assignee_id = ${p.add(scope.assigneeId)}`);
    return where.length ? where.join(' AND ') : 'true';
  }

  /** The ticket count of `scope` from the rollups; null when they do not split that way. */
  async count(scope: RollupScope): Promise<number | null> {
    const p = new Params();
    const source = this.source(scope, p);
    if (source === null) return null;
    const [row] = await this.db.manager.query(`SELECT coalesce(sum(s.tickets), 0)::int AS n FROM (${source}) s`, p.values);
    return row.n;
  }

  /** /v1/tickets/stats figures, by status, priority, category and whole; null when the scope is not covered. */
  async totals(scope: RollupScope): Promise<TotalsRow[] | null> {
    const p = new Params();
    const source = this.source(scope, p);
    if (source === null) return null;
    const notYetDue = `SELECT count(*) FROM support_tickets t WHERE t.${UNFINISHED} AND t.sla_due_time >= now() AND ${this.rawScope(scope, p)}`;
    return this.db.manager.query(
      `SELECT s.status, s.priority, s.category,
              coalesce(sum(s.tickets), 0)::int AS total,
              sum(s.response_seconds) / nullif(sum(s.responded), 0) AS avg_response,
              sum(s.resolution_seconds) / nullif(sum(s.resolved), 0) AS avg_resolution,
              coalesce(sum(s.resolved), 0)::int AS resolved,
              coalesce(sum(s.resolved_in_sla), 0)::int AS resolved_in_sla,
              CASE WHEN GROUPING(s.status, s.priority, s.category) = 7
                   THEN (coalesce(sum(s.tickets) FILTER (WHERE s.${UNFINISHED}), 0) - (${notYetDue}))::int END AS overdue
         FROM (${source}) s
        GROUP BY GROUPING SETS ((s.status), (s.priority), (s.category), ())`,
      p.values,
    );
  }

  /** my-stats: per status, created by and assigned to the user, and the overdue/average figures. */
  async mine(userId: number): Promise<{ side: 'c' | 'a' | 'd'; status: TicketStatus | null; n: number; resolution_seconds: string | null; resolved: number | null }[]> {
    return this.db.query(MY_STATS, [userId]);
  }

  /** SLA report rows: per group (assignee id as text, null for unassigned; priority; category) and the total. */
  /**
   * A period's figures per group. Rollup rows add up, so a long period (more than half the days
   * with tickets) is read as the all-time rows minus the days outside it: either way, the fewer
   * rows; a year of a year's data costs the same as a day.
   */
  slaByGroup(start: string, end: string, groupBy: 'assignee' | 'priority' | 'category'): Promise<{ grp: string | null; is_total: boolean; total: number; met_response: number; met_resolution: number }[]> {
    return this.db.manager.query(
      `SELECT g.grp, GROUPING(g.grp) = 1 AS is_total, coalesce(sum(g.tickets), 0)::int AS total,
              coalesce(sum(g.met_response), 0)::int AS met_response, coalesce(sum(g.resolved_in_sla), 0)::int AS met_resolution
         FROM (SELECT CASE $3::text WHEN 'assignee' THEN nullif(r.assignee_id, 0)::text WHEN 'priority' THEN r.priority::text ELSE r.category::text END AS grp,
                      r.tickets * p.sign AS tickets, r.met_response * p.sign AS met_response, r.resolved_in_sla * p.sign AS resolved_in_sla
                 FROM support_rollup_by_assignee r
                 JOIN (${SLA_PERIOD_ROWS}) p ON r.day >= p.from_day AND r.day <= p.to_day) g
        GROUP BY ROLLUP (g.grp)
       HAVING GROUPING(g.grp) = 1 OR sum(g.tickets) > 0
        ORDER BY GROUPING(g.grp), g.grp NULLS LAST`,
      [start, end, groupBy],
    );
  }

  async state(): Promise<DerivedState | null> {
    const [row] = await this.db.manager.query('SELECT response_minutes, generation FROM support_derived_state WHERE id = 1');
    return row ?? null;
  }

  /**
   * A cheap consistency probe: per status, the raw count equals both rollups' all-time sums.
   * Catches rows that reached the table with triggers off (a restore, replica mode) or rollups
   * edited by hand; one pass over the status column of support_tickets.
   */
  async consistent(): Promise<boolean> {
    const [row] = await this.db.manager.query(
      `WITH raw AS (SELECT status, count(*)::int AS n FROM support_tickets GROUP BY status),
            a AS (SELECT status, sum(tickets)::int AS n FROM support_rollup_by_assignee WHERE day = '-infinity' GROUP BY status HAVING sum(tickets) <> 0),
            c AS (SELECT status, sum(tickets)::int AS n FROM support_rollup_by_creator WHERE day = '-infinity' GROUP BY status HAVING sum(tickets) <> 0),
            d AS (SELECT coalesce(sum(tickets), 0) AS n FROM support_rollup_by_assignee WHERE day > '-infinity'
                  UNION ALL SELECT coalesce(sum(tickets), 0) FROM support_rollup_by_creator WHERE day > '-infinity')
       SELECT NOT EXISTS (SELECT 1 FROM raw FULL JOIN a USING (status) WHERE raw.n IS DISTINCT FROM a.n)
          AND NOT EXISTS (SELECT 1 FROM raw FULL JOIN c USING (status) WHERE raw.n IS DISTINCT FROM c.n)
          AND NOT EXISTS (SELECT 1 FROM d WHERE d.n <> (SELECT coalesce(sum(n), 0) FROM raw)) AS ok`,
    );
    return row.ok;
  }

  /** Recomputes every rollup from the raw rows (support_rollup_rebuild), with these response targets; answers the new generation. */
  async rebuild(sla?: SlaTargets): Promise<number> {
    const targets = sla ? JSON.stringify(responseMinutes(sla)) : null;
    const [row] = await this.db.manager.query('SELECT support_rollup_rebuild($1::jsonb) AS generation', [targets]);
    return row.generation;
  }
}

/** The response targets as support_derived_state stores them: minutes per priority. */
export function responseMinutes(sla: SlaTargets): Record<TicketPriority, number> {
  return Object.fromEntries(PRIORITIES.map((p) => [p, sla[p].responseMinutes])) as Record<TicketPriority, number>;
}
