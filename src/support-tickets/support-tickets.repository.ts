import { Injectable } from '@nestjs/common';
import { In, NotBrackets, type SelectQueryBuilder } from 'typeorm';
import { offsetOf } from '../common/pagination';
import { Db, namedStatement, type NamedStatement } from '../database/db';
import { escapeLike } from '../database/sql';
import type { AuthContext } from '../identity/auth-context';
import { ListTicketsQuery } from './dto/list-tickets.query.dto';
import type { TicketListItemView } from './support-ticket.view';
import { SupportTicketEntity } from './support-ticket.entity';
import type { UserSummary } from '../identity/users.service';
import { SupportRollupsRepository } from './support-rollups.repository';
import type { ListPosition } from './ticket-cursor';
import { FINISHED_STATUSES, PRIORITIES, supportTier, type SupportTier } from './ticket-rules';

/*
 * Named SQL fragments over the alias `t`. They take the rules of ticket-rules.ts as parameters,
 * which every ticket query carries (SupportTicketsRepository.all): `:finished` and `:priorities`.
 */

/** Past its SLA and not finished: is_overdue, overdue=true, the stats and the SLA scan agree. */
export const OVERDUE_SQL = '(t.status <> ALL(:finished::text[]) AND t.sla_due_time < now())';

/** The priority's rank in PRIORITIES: 1 (low) … 4 (urgent). */
const PRIORITY_RANK_SQL = 'array_position(:priorities::text[], t.priority::text)';

const RULE_PARAMETERS = { finished: [...FINISHED_STATUSES], priorities: [...PRIORITIES] };

const SORT_COLUMN = {
  created_at: 't.created_at',
  sla_due_time: 't.sla_due_time',
  priority: PRIORITY_RANK_SQL,
} as const;

/** The SQL type a cursor's sort value is read back as. */
const SORT_TYPE = { created_at: 'timestamptz', sla_due_time: 'timestamptz', priority: 'int' } as const;

/**
 * Past this many matches, a total that the counters cannot give (search, tags, overdue, or a
 * filter combination they do not split by) is the planner's estimate, flagged as one
 * (X-Total-Estimated); up to it, the matches are counted exactly. Counting costs a heap visit
 * per match, so the bound is what a request may spend on it: fifty pages of twenty.
 */
const EXACT_TOTAL_BOUND = 1_000;

const NEXT_NUMBER_SQL = `INSERT INTO support_ticket_number_counters (day, last) VALUES ($1, 1)
  ON CONFLICT (day) DO UPDATE SET last = support_ticket_number_counters.last + 1
  RETURNING last`;

/**
 * The detail read in one statement: the ticket (columns named as the entity's properties), its
 * creator and assignee, and its comment count. Visibility is visibleTo()'s rule, as fixed
 * fragments on $2 (the caller); $3 says whether internal comments count.
 */
const DETAIL_SQL = `SELECT t.id, t.number, t.title, t.description, t.category, t.priority, t.status, t.creator_id AS "creatorId",
       t.assignee_id AS "assigneeId", t.tags, t.metadata, t.sla_due_time AS "slaDueTime", t.response_time AS "responseTime",
       t.resolved_time AS "resolvedTime", t.closed_at AS "closedAt", t.sla_violation_reported_due AS "slaViolationReportedDue",
       t.created_at AS "createdAt", t.updated_at AS "updatedAt",
       c.name AS creator_name, c.email AS creator_email, c.roles AS creator_roles, c.avatar_url AS creator_avatar_url, c.discord_id AS creator_discord_id, c.disabled AS creator_disabled,
       a.name AS assignee_name, a.email AS assignee_email, a.roles AS assignee_roles, a.avatar_url AS assignee_avatar_url, a.discord_id AS assignee_discord_id, a.disabled AS assignee_disabled,
       (SELECT count(*)::int FROM support_comments sc WHERE sc.ticket_id = t.id AND ($3 OR NOT sc.is_internal)) AS comments_count
  FROM support_tickets t
  LEFT JOIN users c ON c.id = t.creator_id
  LEFT JOIN users a ON a.id = t.assignee_id
 WHERE t.id = $1`;

/**
 * Row-level visibility, the one rule for lists and details, on the caller's id `me` (a named
 * or a positional parameter): a user sees tickets they created; an agent also those assigned to
 * them and the unassigned queue; an admin sees all (the clause only gives `me` its type).
 */
const visibility = (me: string): Record<SupportTier, string> => ({
  admin: `${me}::int IS NOT NULL`,
  agent: `(t.creator_id = ${me} OR t.assignee_id = ${me} OR t.assignee_id IS NULL)`,
  user: `t.creator_id = ${me}`,
});

const VISIBLE_TO = visibility(':me');
export const DETAIL_BY_TIER = Object.fromEntries(
  Object.entries(visibility('$2')).map(([tier, rule]) => [tier, namedStatement(`support_ticket_detail_${tier}`, `${DETAIL_SQL} AND ${rule}`)]),
) as Record<SupportTier, NamedStatement>;

/** A ticket as the detail read answers it: the entity's columns, its people (UsersService's summary shape) and its comment count. */
export interface TicketDetailRow {
  ticket: SupportTicketEntity;
  people: UserSummary[];
  commentsCount: number;
}

/** A list row as SQL answers it: the list item's fields, times still as dates. */
export type TicketListRow = Omit<TicketListItemView, 'created_at' | 'updated_at'> & { created_at: Date; updated_at: Date };

/** A page of the list as SQL answers it; `last` is where the next page starts (null when this one is not full). */
export interface TicketListPage {
  rows: TicketListRow[];
  total: number;
  estimated: boolean;
  last: ListPosition | null;
}

/** What the list's total is: exact, or past EXACT_TOTAL_BOUND the planner's estimate. */
interface Total {
  total: number;
  estimated: boolean;
}

/** Ticket queries (and the ticket number counter); reads are scoped to what the caller may see. */
@Injectable()
export class SupportTicketsRepository {
  constructor(
    private readonly db: Db,
    private readonly rollups: SupportRollupsRepository,
  ) {}

  /** Every ticket, as `t`, with the parameters of the named fragments bound. */
  all(): SelectQueryBuilder<SupportTicketEntity> {
    return this.db.repository(SupportTicketEntity).createQueryBuilder('t').setParameters(RULE_PARAMETERS);
  }

  /** The tickets the caller may see (see `visibility`). */
  visibleTo(auth: AuthContext): SelectQueryBuilder<SupportTicketEntity> {
    return this.all().andWhere(VISIBLE_TO[supportTier(auth.roles)], { me: auth.userId });
  }

  /** The ticket if the caller may see it. */
  findVisible(auth: AuthContext, id: number): Promise<SupportTicketEntity | null> {
    return this.visibleById(auth, id).getOne();
  }

  /** The ticket if the caller may see it, with its people and comment count (internal ones when `includeInternal`): one statement, raw rows. */
  async readDetail(auth: AuthContext, id: number, includeInternal: boolean): Promise<TicketDetailRow | null> {
    const [row] = await this.db.query(DETAIL_BY_TIER[supportTier(auth.roles)], [id, auth.userId, includeInternal]);
    if (!row) return null;
    const person = (prefix: 'creator' | 'assignee', id: number | null): UserSummary[] =>
      id === null || row[`${prefix}_name`] === null
        ? []
        : [
            {
              id,
              name: row[`${prefix}_name`],
              email: row[`${prefix}_email`],
              roles: row[`${prefix}_roles`],
              avatarUrl: row[`${prefix}_avatar_url`],
              discordId: row[`${prefix}_discord_id`],
              disabled: row[`${prefix}_disabled`],
            },
          ];
    // The row is the ticket (its columns carry the entity's names); the people's columns ride along unread.
    const ticket = row as SupportTicketEntity;
    return { ticket, people: [...person('creator', ticket.creatorId), ...person('assignee', ticket.assigneeId)], commentsCount: row.comments_count };
  }

  /** The ticket if the caller may see it, locked until the open transaction ends. */
  lockVisible(auth: AuthContext, id: number): Promise<SupportTicketEntity | null> {
    return this.visibleById(auth, id).setLock('pessimistic_write').getOne();
  }

  private visibleById(auth: AuthContext, id: number): SelectQueryBuilder<SupportTicketEntity> {
    return this.visibleTo(auth).andWhere('t.id = :id', { id });
  }

  /**
   * One page of the list, its total, and the position after its last row when it is full. The
   * page is an index range: OFFSET for `page`, or after the row `after` (keyset). The total comes from the counters when the filters are
   * ones they split by, else from a count bounded at EXACT_TOTAL_BOUND (see `total`).
   */
  async list(auth: AuthContext, q: ListTicketsQuery, after: ListPosition | null): Promise<TicketListPage> {
    const qb = this.visibleTo(auth);
    if (q.status) qb.andWhere('t.status = :status', { status: q.status });
    if (q.priority) qb.andWhere('t.priority = :priority', { priority: q.priority });
    if (q.category) qb.andWhere('t.category = :category', { category: q.category });
    if (q.assignee_id) qb.andWhere('t.assignee_id = :assignee', { assignee: q.assignee_id });
    if (q.creator_id) qb.andWhere('t.creator_id = :creator', { creator: q.creator_id });
    if (q.overdue !== undefined) qb.andWhere(q.overdue ? OVERDUE_SQL : new NotBrackets((w) => w.where(OVERDUE_SQL)));
    if (q.tags?.length) qb.andWhere('t.tags @> :tags::text[]', { tags: q.tags });
    if (q.search) qb.andWhere('(t.title ILIKE :search OR t.description ILIKE :search)', { search: `%${escapeLike(q.search)}%` });

    const direction = q.sort_order === 'asc' ? 'ASC' : 'DESC';
    const sortSql = SORT_COLUMN[q.sort_by];
    const page = qb.clone();
    if (after) {
      page.andWhere(`(${sortSql}, t.id) ${direction === 'ASC' ? '>' : '<'} (CAST(:afterValue AS ${SORT_TYPE[q.sort_by]}), :afterId)`, {
        afterValue: after.value,
        afterId: after.id,
      });
    } else {
      page.offset(offsetOf(q));
    }
    // The page is found as keys first (an index-only walk past the offset), then only its rows
    // are read and joined to their people: OFFSET 10,000 skips index entries, not whole rows.
    const keys = page.select('t.id', 'id').orderBy(sortSql, direction).addOrderBy('t.id', direction).limit(q.page_size);
    // The page and its total are two queries run side by side (each round trip to PostgreSQL
    // costs more than its SQL).
    const [rows, total] = await Promise.all([
      this.all()
        .innerJoin(`(${keys.getQuery()})`, 'k', 'k.id = t.id')
        .setParameters(keys.getParameters())
        .leftJoin('t.creator', 'creator')
        .leftJoin('t.assignee', 'assignee')
        .select(['t.id AS id', 't.number AS number', 't.title AS title', 't.category AS category', 't.priority AS priority', 't.status AS status'])
        .addSelect(['creator.name AS creator_name', 'assignee.name AS assignee_name', 't.created_at AS created_at', 't.updated_at AS updated_at'])
        .addSelect(OVERDUE_SQL, 'is_overdue')
        .addSelect(`(${sortSql})::text`, 'cursor_value')
        .orderBy(sortSql, direction)
        .addOrderBy('t.id', direction)
        .getRawMany<TicketListRow & { cursor_value: string }>(),
      this.total(auth, q, qb),
    ]);
    const last = rows.length === q.page_size ? rows[rows.length - 1] : undefined;
    return { rows, total: total.total, estimated: total.estimated, last: last ? { value: last.cursor_value, id: last.id } : null };
  }

  /**
   * The list's total. Filters on status, priority, category, assignee and creator (within the
   * caller's visibility) read the counters: exact, a few rows whatever the table's size. Search,
   * tags and overdue (and combinations the counters do not split by) count the matches up to
   * EXACT_TOTAL_BOUND + 1; past the bound, the total is the planner's estimate (at least the
   * bound + 1) and says so.
   */
  private async total(auth: AuthContext, q: ListTicketsQuery, qb: SelectQueryBuilder<SupportTicketEntity>): Promise<Total> {
    if (q.search === undefined && !q.tags?.length && q.overdue === undefined) {
      const counted = await this.rollups.count({ auth, status: q.status, priority: q.priority, category: q.category, assigneeId: q.assignee_id, creatorId: q.creator_id });
      if (counted !== null) return { total: counted, estimated: false };
    }
    const [sql, parameters] = qb.clone().select('1').limit(EXACT_TOTAL_BOUND + 1).getQueryAndParameters();
    const [{ n }] = await this.db.manager.query(`SELECT count(*)::int AS n FROM (${sql}) matches`, parameters);
    if (n <= EXACT_TOTAL_BOUND) return { total: n, estimated: false };
    const [unbounded, unboundedParameters] = qb.clone().select('1').getQueryAndParameters();
    const [{ 'QUERY PLAN': plan }] = await this.db.manager.query(`EXPLAIN (FORMAT JSON) ${unbounded}`, unboundedParameters);
    const planned = Math.round(Number((typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan['Plan Rows']));
    return { total: Math.max(EXACT_TOTAL_BOUND + 1, planned), estimated: true };
  }

  insert(ticket: Partial<SupportTicketEntity>): Promise<SupportTicketEntity> {
    const repository = this.db.repository(SupportTicketEntity);
    return repository.save(repository.create(ticket));
  }

  save(ticket: SupportTicketEntity): Promise<SupportTicketEntity> {
    return this.db.repository(SupportTicketEntity).save(ticket);
  }

  async setResponseTime(id: number, at: Date): Promise<void> {
    await this.db.repository(SupportTicketEntity).update({ id }, { responseTime: at });
  }

  /** Deletes the ticket (its comments and history go with it); false when there was none. */
  async delete(id: number): Promise<boolean> {
    const result = await this.db.repository(SupportTicketEntity).delete({ id });
    return Boolean(result.affected);
  }

  /** Next T-YYYYMMDD-NNNN for a UTC day: one atomic upsert, unique across instances. */
  async nextNumber(now: Date): Promise<string> {
    const day = now.toISOString().slice(0, 10);
    const [{ last }] = await this.db.manager.query(NEXT_NUMBER_SQL, [day]);
    return `T-${day.replace(/-/g, '')}-${String(last).padStart(4, '0')}`;
  }

  /**
   * Overdue tickets not yet reported for their current due time, at most `limit`, marked as
   * reported in the open transaction. Rows another instance holds are skipped, so two scans
   * never claim one violation.
   */
  async claimSlaViolations(limit: number): Promise<SupportTicketEntity[]> {
    const due = await this.all()
      .where(OVERDUE_SQL)
      .andWhere('t.sla_violation_reported_due IS DISTINCT FROM t.sla_due_time')
      .orderBy('t.sla_due_time')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    if (due.length) {
      await this.db.repository(SupportTicketEntity).update({ id: In(due.map((t) => t.id)) }, { slaViolationReportedDue: () => 'sla_due_time' });
    }
    return due;
  }
}
