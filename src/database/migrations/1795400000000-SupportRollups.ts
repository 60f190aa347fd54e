import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Derived support figures, kept exact in the same transaction as every change to support_tickets.
 *
 * Two rollups of the same per-ticket figures, one row per key with the sums of its tickets:
 *   support_rollup_by_assignee (day, assignee_id, status, priority, category)   admin stats, SLA report, list totals
 *   support_rollup_by_creator  (creator_id, day, assignee_kind, status, priority, category)   what users and agents see
 * `day` is the UTC day of created_at; day = '-infinity' holds the all-time sums (no day), so an
 * all-time answer reads a few hundred rows whatever the number of tickets. assignee_id 0 means
 * unassigned. assignee_kind tells, for a creator's tickets, n: unassigned, s: assigned to the
 * creator, o: assigned to someone else (an agent sees the unassigned queue, their own tickets and
 * what they created: the union is disjoint with this split).
 *
 * Statement-level AFTER triggers with transition tables subtract the old rows and add the new
 * ones, grouped per key and applied in key order (so two writers lock shared rows in one order),
 * skipping keys whose sums do not move. A bulk INSERT … SELECT or COPY is one grouped upsert.
 * TRUNCATE empties the rollups. Paths that bypass triggers (session_replication_role = replica,
 * a restore with triggers disabled) are caught by the boot probe (SupportDerivedService) and
 * repaired by support_rollup_rebuild(), which `npm run db:rebuild-derived` calls.
 *
 * met_response needs the response targets of the SLA policy (configuration): they are stored in
 * support_derived_state; the app rebuilds when its configuration differs from them.
 */

const FIGURES = ['tickets', 'responded', 'response_seconds', 'resolved', 'resolution_seconds', 'resolved_in_sla', 'met_response'];

/** The upsert of both rollups from `source`, a query of support_tickets rows with a `sign` column (+1 add, -1 subtract). */
function mergeSql(source: string): string {
  const sums = `sum(d.sign)::int, sum(d.responded)::int, sum(d.response_seconds), sum(d.resolved)::int, sum(d.resolution_seconds),
                sum(d.resolved_in_sla)::int, sum(d.met_response)::int`;
  const moves = `sum(d.sign) <> 0 OR sum(d.responded) <> 0 OR sum(d.response_seconds) <> 0 OR sum(d.resolved) <> 0
                 OR sum(d.resolution_seconds) <> 0 OR sum(d.resolved_in_sla) <> 0 OR sum(d.met_response) <> 0`;
  const add = FIGURES.map((f) => `${f} = x.${f} + excluded.${f}`).join(', ');
  return `
    WITH d AS (
      SELECT r.sign, (r.created_at AT TIME ZONE 'UTC')::date AS day, coalesce(r.assignee_id, 0) AS assignee_id, r.creator_id,
             CASE WHEN r.assignee_id IS NULL THEN 'n' WHEN r.assignee_id = r.creator_id THEN 's' ELSE 'o' END AS assignee_kind,
             r.status, r.priority, r.category,
             r.sign * (r.response_time IS NOT NULL)::int AS responded,
             r.sign * coalesce(extract(epoch FROM r.response_time - r.created_at), 0) AS response_seconds,
             r.sign * (r.resolved_time IS NOT NULL)::int AS resolved,
             r.sign * coalesce(extract(epoch FROM r.resolved_time - r.created_at), 0) AS resolution_seconds,
             r.sign * (r.resolved_time IS NOT NULL AND r.resolved_time <= r.sla_due_time)::int AS resolved_in_sla,
             r.sign * coalesce(r.response_time <= r.created_at + (s.response_minutes ->> r.priority::text)::int * interval '1 minute', false)::int AS met_response
        FROM (${source}) r
        LEFT JOIN support_derived_state s ON s.id = 1
    ), by_assignee AS (
      INSERT INTO support_rollup_by_assignee AS x (day, assignee_id, status, priority, category, ${FIGURES.join(', ')})
      SELECT v.day, d.assignee_id, d.status, d.priority, d.category, ${sums}
        FROM d CROSS JOIN LATERAL (VALUES (d.day), ('-infinity'::date)) v (day)
       GROUP BY 1, 2, 3, 4, 5 HAVING ${moves}
       ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (day, assignee_id, status, priority, category) DO UPDATE SET ${add}
      RETURNING 1
    )
    INSERT INTO support_rollup_by_creator AS x (creator_id, day, assignee_kind, status, priority, category, ${FIGURES.join(', ')})
    SELECT d.creator_id, v.day, d.assignee_kind, d.status, d.priority, d.category, ${sums}
      FROM d CROSS JOIN LATERAL (VALUES (d.day), ('-infinity'::date)) v (day)
     GROUP BY 1, 2, 3, 4, 5, 6 HAVING ${moves}
     ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (creator_id, day, assignee_kind, status, priority, category) DO UPDATE SET ${add}`;
}

const FIGURE_COLUMNS = `tickets int NOT NULL, responded int NOT NULL, response_seconds numeric NOT NULL, resolved int NOT NULL,
  resolution_seconds numeric NOT NULL, resolved_in_sla int NOT NULL, met_response int NOT NULL`;

/** The default response targets (config/support.config.ts); the app replaces them with its own at boot when they differ. */
const DEFAULT_RESPONSE_MINUTES = '{"urgent": 60, "high": 240, "medium": 480, "low": 1440}';

export class SupportRollups1795400000000 implements MigrationInterface {
  name = 'SupportRollups1795400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "support_derived_state" (
      "id" smallint PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
      "response_minutes" jsonb NOT NULL,
      "generation" int NOT NULL DEFAULT 1,
      "rebuilt_at" timestamptz NOT NULL DEFAULT now())`);
    await queryRunner.query(`INSERT INTO "support_derived_state" ("response_minutes") VALUES ('${DEFAULT_RESPONSE_MINUTES}')`);
    await queryRunner.query(`CREATE TABLE "support_rollup_by_assignee" (
      "day" date NOT NULL, "assignee_id" int NOT NULL, "status" varchar(20) NOT NULL, "priority" varchar(10) NOT NULL, "category" varchar(20) NOT NULL,
      ${FIGURE_COLUMNS},
      PRIMARY KEY ("day", "assignee_id", "status", "priority", "category"))`);
    await queryRunner.query(`CREATE TABLE "support_rollup_by_creator" (
      "creator_id" int NOT NULL, "day" date NOT NULL, "assignee_kind" char(1) NOT NULL,
      "status" varchar(20) NOT NULL, "priority" varchar(10) NOT NULL, "category" varchar(20) NOT NULL,
      ${FIGURE_COLUMNS},
      PRIMARY KEY ("creator_id", "day", "assignee_kind", "status", "priority", "category"))`);

    const fromTransitions = `CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, n.* FROM support_rollup_new n'
        WHEN 'DELETE' THEN 'SELECT -1 AS sign, o.* FROM support_rollup_old o'
        ELSE 'SELECT 1 AS sign, n.* FROM support_rollup_new n UNION ALL SELECT -1 AS sign, o.* FROM support_rollup_old o' END`;
    await queryRunner.query(`CREATE FUNCTION support_rollup_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        EXECUTE replace($merge$${mergeSql('@SOURCE@')}$merge$, '@SOURCE@', ${fromTransitions});
        RETURN NULL;
      END $fn$`);
    await queryRunner.query(`CREATE FUNCTION support_rollup_truncated() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        DELETE FROM support_rollup_by_assignee;
        DELETE FROM support_rollup_by_creator;
        RETURN NULL;
      END $fn$`);
    // Recomputes both rollups from the raw rows, in the caller's transaction: writers of
    // support_tickets wait until it commits, readers keep reading the previous figures meanwhile.
    // `targets` (response minutes per priority) replaces the stored ones when given.
    await queryRunner.query(`CREATE FUNCTION support_rollup_rebuild(targets jsonb DEFAULT NULL) RETURNS int LANGUAGE plpgsql AS $fn$
      DECLARE generation_now int;
      BEGIN
        LOCK TABLE support_tickets IN SHARE ROW EXCLUSIVE MODE;
        LOCK TABLE support_derived_state IN EXCLUSIVE MODE;
        INSERT INTO support_derived_state (id, response_minutes) VALUES (1, coalesce(targets, '${DEFAULT_RESPONSE_MINUTES}'))
          ON CONFLICT (id) DO UPDATE SET response_minutes = coalesce(targets, support_derived_state.response_minutes);
        DELETE FROM support_rollup_by_assignee;
        DELETE FROM support_rollup_by_creator;
        ${mergeSql('SELECT 1 AS sign, t.* FROM support_tickets t')};
        UPDATE support_derived_state SET generation = generation + 1, rebuilt_at = now() WHERE id = 1 RETURNING generation INTO generation_now;
        RETURN generation_now;
      END $fn$`);

    await queryRunner.query(`CREATE TRIGGER support_rollup_insert AFTER INSERT ON support_tickets
      REFERENCING NEW TABLE AS support_rollup_new FOR EACH STATEMENT EXECUTE FUNCTION support_rollup_apply()`);
    await queryRunner.query(`CREATE TRIGGER support_rollup_update AFTER UPDATE ON support_tickets
      REFERENCING OLD TABLE AS support_rollup_old NEW TABLE AS support_rollup_new FOR EACH STATEMENT EXECUTE FUNCTION support_rollup_apply()`);
    await queryRunner.query(`CREATE TRIGGER support_rollup_delete AFTER DELETE ON support_tickets
      REFERENCING OLD TABLE AS support_rollup_old FOR EACH STATEMENT EXECUTE FUNCTION support_rollup_apply()`);
    await queryRunner.query(`CREATE TRIGGER support_rollup_truncate AFTER TRUNCATE ON support_tickets
      FOR EACH STATEMENT EXECUTE FUNCTION support_rollup_truncated()`);
    // Tickets already stored.
    await queryRunner.query(`SELECT support_rollup_rebuild()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of ['insert', 'update', 'delete', 'truncate']) await queryRunner.query(`DROP TRIGGER support_rollup_${t} ON support_tickets`);
    await queryRunner.query(`DROP FUNCTION support_rollup_rebuild(jsonb)`);
    await queryRunner.query(`DROP FUNCTION support_rollup_truncated()`);
    await queryRunner.query(`DROP FUNCTION support_rollup_apply()`);
    await queryRunner.query(`DROP TABLE "support_rollup_by_creator"`);
    await queryRunner.query(`DROP TABLE "support_rollup_by_assignee"`);
    await queryRunner.query(`DROP TABLE "support_derived_state"`);
  }
}
