import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { formatDuration, percent } from '../../src/support-tickets/sla-policy';
import { CATEGORIES, PRIORITIES, STATUSES } from '../../src/support-tickets/ticket-rules';
import { Actor, UNLIMITED, withPostgres } from '../support/fixtures';
import { TestServer } from '../support/test-server';

/*
 * The derived support figures (rollups kept by triggers) against the raw rows, on the real
 * database: random tickets and random changes (status moves, reopen, reassign, priority, first
 * response, delete, multi-row updates) made with SQL, the way every write reaches the table,
 * then (1) every rollup row equals a fresh aggregation of the raw rows, and (2) what the API
 * answers (stats for each role, with and without a period and an assignee, my-stats, the SLA
 * report by each group, list totals) equals the same figures computed here from the raw rows.
 */

const RESPONSE_MIN: Record<string, number> = { urgent: 60, high: 240, medium: 480, low: 1440 };
const RESOLUTION_MIN: Record<string, number> = { urgent: 240, high: 1440, medium: 4320, low: 7200 };
const UNFINISHED = (s: string) => s !== 'resolved' && s !== 'closed';
const DAY = 86_400;

interface Raw {
  id: number;
  status: string;
  priority: string;
  category: string;
  creator_id: number;
  assignee_id: number | null;
  created: number; // epoch seconds
  due: number;
  response: number | null;
  resolved: number | null;
}

type Who = { kind: 'agent' | 'user'; i: number } | { kind: 'self' } | { kind: 'none' };
const who = fc.oneof(
  fc.record({ kind: fc.constant('agent' as const), i: fc.nat(1) }),
  fc.record({ kind: fc.constant('user' as const), i: fc.nat(1) }),
  fc.constant({ kind: 'self' as const }),
  fc.constant({ kind: 'none' as const }),
);
const command = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      creator: fc.nat(3),
      assignee: who,
      status: fc.constantFrom(...STATUSES),
      priority: fc.constantFrom(...PRIORITIES),
      category: fc.constantFrom(...CATEGORIES),
      age: fc.integer({ min: 60, max: 7 * DAY }),
      respondAfter: fc.option(fc.integer({ min: 1, max: 2 * DAY })),
      resolveAfter: fc.integer({ min: 1, max: 6 * DAY }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('status' as const), pick: fc.nat(), status: fc.constantFrom(...STATUSES), after: fc.integer({ min: 1, max: 6 * DAY }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reopen' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('assign' as const), pick: fc.nat(), assignee: who }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('priority' as const), pick: fc.nat(), priority: fc.constantFrom(...PRIORITIES) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('respond' as const), pick: fc.nat(), after: fc.integer({ min: 1, max: 2 * DAY }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('bulk' as const), modulo: fc.integer({ min: 2, max: 4 }), status: fc.constantFrom(...STATUSES) }) },
);

describe('support rollups against the raw rows (property)', () => {
  let t: TestServer;
  let admin: string;
  let agents: Actor[];
  let users: Actor[];

  beforeAll(async () => {
    if (!process.env.TEST_DATABASE_URL) return;
    t = await TestServer.start({ ...UNLIMITED, SLA_SCAN_INTERVAL_MS: '0' });
    admin = await t.adminToken();
    agents = await Promise.all([t.userWithToken(['agent']), t.userWithToken(['agent'])]);
    users = await Promise.all([t.userWithToken(['user']), t.userWithToken(['user'])]);
  });
  afterAll(() => t?.close());

  const people = () => [...users, ...agents].map((a) => a.user.id);
  const assigneeOf = (w: Who, creator: number): number | null =>
    w.kind === 'none' ? null : w.kind === 'self' ? creator : (w.kind === 'agent' ? agents : users)[w.i].user.id;

  async function apply(c: any, serial: number): Promise<void> {
    const ids = (await t.sql<{ id: number }>('SELECT id FROM support_tickets ORDER BY id')).map((r) => r.id);
    const id = ids.length ? ids[c.pick % ids.length] : 0;
    switch (c.op) {
      case 'insert': {
        const creator = people()[c.creator];
        const finished = c.status === 'resolved' || c.status === 'closed';
        await t.sql(
          `INSERT INTO support_tickets (number, title, description, category, priority, status, creator_id, assignee_id, sla_due_time, response_time, resolved_time, created_at, updated_at)
           SELECT $1, 'p', 'p', $2, $3, $4, $5::int, $6::int, c + $7::int * interval '1 minute', c + $8::int * interval '1 second',
                  CASE WHEN $9::boolean THEN c + $10::int * interval '1 second' END, c, c
             FROM (SELECT date_trunc('second', now()) - $11::int * interval '1 second' AS c) x`,
          [`P-${serial}`, c.category, c.priority, c.status, creator, assigneeOf(c.assignee, creator), RESOLUTION_MIN[c.priority], c.respondAfter, finished, c.resolveAfter, c.age],
        );
        break;
      }
      case 'status':
        await t.sql(
          `UPDATE support_tickets SET status = $2::text, updated_at = now(),
                  resolved_time = CASE WHEN $2::text = 'resolved' THEN created_at + $3::int * interval '1 second' WHEN $2::text = 'reopened' THEN NULL ELSE resolved_time END,
                  response_time = coalesce(response_time, created_at + $3::int * interval '1 second')
            WHERE id = $1`,
          [id, c.status, c.after],
        );
        break;
      case 'reopen':
        await t.sql(`UPDATE support_tickets SET status = 'reopened', resolved_time = NULL, closed_at = NULL WHERE id = $1`, [id]);
        break;
      case 'assign': {
        const [row] = await t.sql<{ creator_id: number }>('SELECT creator_id FROM support_tickets WHERE id = $1', [id]);
        if (row) await t.sql('UPDATE support_tickets SET assignee_id = $2 WHERE id = $1', [id, assigneeOf(c.assignee, row.creator_id)]);
        break;
      }
      case 'priority':
        await t.sql(`UPDATE support_tickets SET priority = $2, sla_due_time = created_at + $3::int * interval '1 minute' WHERE id = $1`, [id, c.priority, RESOLUTION_MIN[c.priority]]);
        break;
      case 'respond':
        await t.sql(`UPDATE support_tickets SET response_time = created_at + $2::int * interval '1 second' WHERE id = $1`, [id, c.after]);
        break;
      case 'delete':
        await t.sql('DELETE FROM support_tickets WHERE id = $1', [id]);
        break;
      case 'bulk':
        await t.sql(`UPDATE support_tickets SET status = $2, updated_at = now() WHERE id % $1::int = 0`, [c.modulo, c.status]);
        break;
    }
  }

  /** (1) Every rollup row, per day and all time, equals the aggregation of the raw rows. */
  async function rollupDiffers(): Promise<unknown[]> {
    const figures = `count(*)::int AS tickets, count(response_time)::int AS responded,
      coalesce(sum(extract(epoch FROM response_time - created_at)), 0) AS response_seconds,
      count(resolved_time)::int AS resolved, coalesce(sum(extract(epoch FROM resolved_time - created_at)), 0) AS resolution_seconds,
      count(*) FILTER (WHERE resolved_time <= sla_due_time)::int AS resolved_in_sla,
      count(*) FILTER (WHERE response_time <= created_at + (s.response_minutes ->> priority)::int * interval '1 minute')::int AS met_response`;
    const names = 'tickets, responded, response_seconds, resolved, resolution_seconds, resolved_in_sla, met_response';
    return t.sql(
      `WITH raw AS (SELECT t.*, (created_at AT TIME ZONE 'UTC')::date AS d, coalesce(assignee_id, 0) AS a,
                           CASE WHEN assignee_id IS NULL THEN 'n' WHEN assignee_id = creator_id THEN 's' ELSE 'o' END AS k
                      FROM support_tickets t),
            ea AS (SELECT v.day, a AS assignee_id, status, priority, category, ${figures}
                     FROM raw CROSS JOIN support_derived_state s CROSS JOIN LATERAL (VALUES (d), ('-infinity'::date)) v (day) GROUP BY 1, 2, 3, 4, 5),
            ec AS (SELECT creator_id, v.day, k AS assignee_kind, status, priority, category, ${figures}
                     FROM raw CROSS JOIN support_derived_state s CROSS JOIN LATERAL (VALUES (d), ('-infinity'::date)) v (day) GROUP BY 1, 2, 3, 4, 5, 6),
            ga AS (SELECT day, assignee_id, status, priority, category, ${names} FROM support_rollup_by_assignee WHERE tickets <> 0),
            gc AS (SELECT creator_id, day, assignee_kind::text, status, priority, category, ${names} FROM support_rollup_by_creator WHERE tickets <> 0)
       SELECT 'by_assignee, not in the rollup' AS what, row_to_json(x) AS row FROM (SELECT * FROM ea EXCEPT SELECT * FROM ga) x
       UNION ALL SELECT 'by_assignee, not in the raw rows', row_to_json(x) FROM (SELECT * FROM ga EXCEPT SELECT * FROM ea) x
       UNION ALL SELECT 'by_creator, not in the rollup', row_to_json(x) FROM (SELECT * FROM ec EXCEPT SELECT * FROM gc) x
       UNION ALL SELECT 'by_creator, not in the raw rows', row_to_json(x) FROM (SELECT * FROM gc EXCEPT SELECT * FROM ec) x`,
    );
  }

  async function rawTickets(): Promise<Raw[]> {
    return t.sql<Raw>(
      `SELECT id, status, priority, category, creator_id, assignee_id, extract(epoch FROM created_at)::float8 AS created,
              extract(epoch FROM sla_due_time)::float8 AS due, extract(epoch FROM response_time)::float8 AS response,
              extract(epoch FROM resolved_time)::float8 AS resolved
         FROM support_tickets`,
    );
  }

  const dayOf = (epoch: number) => new Date(epoch * 1000).toISOString().slice(0, 10);
  const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const countBy = (rows: Raw[], key: 'status' | 'priority' | 'category', values: readonly string[]) =>
    Object.fromEntries(values.map((v) => [v, rows.filter((r) => r[key] === v).length]));

  function expectedStats(rows: Raw[], now: number) {
    const resolved = rows.filter((r) => r.resolved !== null);
    return {
      total_tickets: rows.length,
      by_status: countBy(rows, 'status', STATUSES),
      by_priority: countBy(rows, 'priority', PRIORITIES),
      by_category: countBy(rows, 'category', CATEGORIES),
      sla_metrics: {
        average_response_time: formatDuration(avg(rows.filter((r) => r.response !== null).map((r) => r.response! - r.created))),
        average_resolution_time: formatDuration(avg(resolved.map((r) => r.resolved! - r.created))),
        sla_compliance_rate: percent(resolved.filter((r) => r.resolved! <= r.due).length, resolved.length),
        overdue_tickets: rows.filter((r) => UNFINISHED(r.status) && r.due < now).length,
      },
    };
  }

  function visible(rows: Raw[], role: 'admin' | 'agent' | 'user', me: number): Raw[] {
    if (role === 'admin') return rows;
    if (role === 'user') return rows.filter((r) => r.creator_id === me);
    return rows.filter((r) => r.creator_id === me || r.assignee_id === me || r.assignee_id === null);
  }

  async function apiMatchesRaw(startDay: string): Promise<void> {
    const rows = await rawTickets();
    const now = Date.now() / 1000;
    const inPeriod = (r: Raw) => dayOf(r.created) >= startDay;
    const callers = [
      { role: 'admin' as const, token: admin, me: 0 },
      { role: 'agent' as const, token: agents[0].token, me: agents[0].user.id },
      { role: 'user' as const, token: users[0].token, me: users[0].user.id },
    ];
    for (const c of callers) {
      const mine = visible(rows, c.role, c.me);
      const all = await t.get('/v1/tickets/stats', { token: c.token });
      expect({ who: c.role, stats: all.body.data }).toEqual({ who: c.role, stats: expectedStats(mine, now) });
      const period = await t.get(`/v1/tickets/stats?start_date=${startDay}`, { token: c.token });
      expect({ who: c.role, period: period.body.data }).toEqual({ who: c.role, period: expectedStats(mine.filter(inPeriod), now) });
      const assignee = agents[1].user.id;
      const byAssignee = await t.get(`/v1/tickets/stats?assignee_id=${assignee}`, { token: c.token });
      expect({ who: c.role, byAssignee: byAssignee.body.data }).toEqual({ who: c.role, byAssignee: expectedStats(mine.filter((r) => r.assignee_id === assignee), now) });
      const list = await t.get('/v1/tickets?page_size=1', { token: c.token });
      expect({ who: c.role, total: list.body.pagination.total }).toEqual({ who: c.role, total: mine.length });
      const listed = await t.get('/v1/tickets?page_size=1&status=in_progress&category=technical', { token: c.token });
      expect(listed.body.pagination.total).toBe(mine.filter((r) => r.status === 'in_progress' && r.category === 'technical').length);
    }
    for (const a of [agents[0], users[0]]) {
      const me = a.user.id;
      const created = rows.filter((r) => r.creator_id === me);
      const assigned = rows.filter((r) => r.assignee_id === me);
      const n = (rs: Raw[], ...statuses: string[]) => rs.filter((r) => statuses.includes(r.status)).length;
      const res = await t.get('/v1/tickets/my-stats', { token: a.token });
      expect(res.body.data).toEqual({
        created_by_me: { total: created.length, open: created.filter((r) => UNFINISHED(r.status)).length, resolved: n(created, 'resolved'), closed: n(created, 'closed') },
        assigned_to_me: { total: assigned.length, in_progress: n(assigned, 'in_progress'), pending: n(assigned, 'pending'), resolved: n(assigned, 'resolved') },
        overdue_assigned: assigned.filter((r) => UNFINISHED(r.status) && r.due < now).length,
        average_resolution_time: formatDuration(avg(assigned.filter((r) => r.resolved !== null).map((r) => r.resolved! - r.created))),
      });
    }
    const today = dayOf(now);
    const period = rows.filter(inPeriod).filter((r) => dayOf(r.created) <= today);
    const met = (rs: Raw[]) => ({
      response: rs.filter((r) => r.response !== null && r.response <= r.created + RESPONSE_MIN[r.priority] * 60).length,
      resolution: rs.filter((r) => r.resolved !== null && r.resolved <= r.due).length,
    });
    for (const groupBy of ['priority', 'category', 'assignee'] as const) {
      const res = await t.get(`/v1/tickets/sla-report?start_date=${startDay}&end_date=${today}&group_by=${groupBy}`, { token: admin });
      const overall = met(period);
      expect(res.body.data.overall).toEqual({
        total_tickets: period.length,
        met_response_sla: overall.response,
        met_resolution_sla: overall.resolution,
        response_sla_rate: percent(overall.response, period.length),
        resolution_sla_rate: percent(overall.resolution, period.length),
      });
      const keyOf = (r: Raw) => (groupBy === 'assignee' ? r.assignee_id : r[groupBy]);
      const groups = new Map<unknown, Raw[]>();
      for (const r of period) groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r]);
      const got = new Map<unknown, any>(res.body.data[`by_${groupBy}`].map((g: any) => [groupBy === 'assignee' ? g.assignee_id : g[groupBy], g]));
      expect([...got.keys()].sort()).toEqual([...groups.keys()].sort());
      for (const [key, rs] of groups) {
        const m = met(rs);
        expect(got.get(key)).toMatchObject({ total: rs.length, met_sla: m.resolution, met_response_sla: m.response });
      }
    }
  }

  withPostgres(
    'rollups equal the raw aggregation after random writes, and so does every figure the API answers',
    async () => {
      let serial = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 25 }), fc.integer({ min: 0, max: 8 }), async (commands, daysBack) => {
          await t.sql('DELETE FROM support_tickets');
          for (const c of commands) await apply(c, serial++);
          expect(await rollupDiffers()).toEqual([]);
          await apiMatchesRaw(new Date(Date.now() - daysBack * DAY * 1000).toISOString().slice(0, 10));
        }),
        { numRuns: 12 },
      );
    },
    300_000,
  );

  withPostgres(
    'rows written with triggers off are caught at boot and rebuilt; npm run db:rebuild-derived rebuilds on a live database',
    async () => {
      await t.sql('DELETE FROM support_tickets');
      const creator = users[1].user.id;
      const hidden = `INSERT INTO support_tickets (number, title, description, category, priority, status, creator_id, sla_due_time, created_at, updated_at)
        SELECT 'H-' || n || '-' || $2, 'h', 'h', 'billing', 'low', 'new', $1, now() + interval '1 day', now(), now() FROM generate_series(1, 3) n`;
      // A restore that bypasses triggers: the rollups do not see these rows.
      await t.sql(`BEGIN; SET LOCAL session_replication_role = replica; ${hidden.replace('$1', String(creator)).replace('$2', "'a'")}; COMMIT`);
      expect((await t.sql('SELECT count(*)::int AS n FROM support_tickets'))[0].n).toBe(3);
      expect((await t.get('/v1/tickets/stats', { token: admin })).body.data.total_tickets).toBe(0);
      await t.restart();
      admin = await t.adminToken();
      expect((await t.get('/v1/tickets/stats', { token: admin })).body.data.by_category.billing).toBe(3);
      expect(await rollupDiffers()).toEqual([]);

      await t.sql(`BEGIN; SET LOCAL session_replication_role = replica; ${hidden.replace('$1', String(creator)).replace('$2', "'b'")}; COMMIT`);
      const rebuilt = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', join(__dirname, '..', '..', 'scripts', 'rebuild-derived.ts')], {
        env: { ...process.env, DATABASE_URL: t.env.DATABASE_URL },
        encoding: 'utf8',
      });
      expect(rebuilt.stderr).toBe('');
      expect(rebuilt.stdout).toMatch(/Support rollups rebuilt from 6 tickets/);
      expect((await t.get('/v1/tickets/stats', { token: admin })).body.data.by_category.billing).toBe(6);
      expect(await rollupDiffers()).toEqual([]);
    },
    120_000,
  );
});
