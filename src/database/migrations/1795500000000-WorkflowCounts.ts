import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The workflow list's total without a scan: workflow_ticket_counts holds the number of tickets
 * per (status, technician_id), technician_id 0 for none, kept exact in the same transaction as
 * every change to workflow_tickets by statement-level triggers with transition tables (grouped
 * per key, applied in key order so two writers lock shared rows in one order). TRUNCATE empties
 * it. Rows that reach the table with triggers off are caught by the boot probe
 * (WorkflowCountsRepository.consistent) and repaired by workflow_counts_rebuild(), which
 * `npm run db:rebuild-derived` also calls.
 *
 * The list's third filter, inventory_item, counts raw rows: an item has a handful of tickets,
 * found through the new index workflow_tickets_item.
 */

/** The upsert of the counts from `source`, a query of workflow_tickets rows with a `sign` column (+1 add, -1 subtract). */
function mergeSql(source: string): string {
  return `
    INSERT INTO workflow_ticket_counts AS x (status, technician_id, tickets)
    SELECT d.status, coalesce(d.technician_id, 0), sum(d.sign)::int
      FROM (${source}) d
     GROUP BY 1, 2 HAVING sum(d.sign) <> 0
     ORDER BY 1, 2
    ON CONFLICT (status, technician_id) DO UPDATE SET tickets = x.tickets + excluded.tickets`;
}

export class WorkflowCounts1795500000000 implements MigrationInterface {
  name = 'WorkflowCounts1795500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "workflow_tickets_item" ON "workflow_tickets" ("inventory_item_id", "id")`);
    await queryRunner.query(`CREATE TABLE "workflow_ticket_counts" (
      "status" varchar(20) NOT NULL, "technician_id" int NOT NULL, "tickets" int NOT NULL,
      PRIMARY KEY ("status", "technician_id"))`);

    const fromTransitions = `CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, n.status, n.technician_id FROM workflow_counts_new n'
        WHEN 'DELETE' THEN 'SELECT -1 AS sign, o.status, o.technician_id FROM workflow_counts_old o'
        ELSE 'SELECT 1 AS sign, n.status, n.technician_id FROM workflow_counts_new n UNION ALL SELECT -1 AS sign, o.status, o.technician_id FROM workflow_counts_old o' END`;
    await queryRunner.query(`CREATE FUNCTION workflow_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        EXECUTE replace($merge$${mergeSql('@SOURCE@')}$merge$, '@SOURCE@', ${fromTransitions});
        RETURN NULL;
      END $fn$`);
    await queryRunner.query(`CREATE FUNCTION workflow_counts_truncated() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        DELETE FROM workflow_ticket_counts;
        RETURN NULL;
      END $fn$`);
    // Recomputes the counts from the raw rows in the caller's transaction: writers of
    // workflow_tickets wait until it commits, readers keep the previous counts meanwhile.
    await queryRunner.query(`CREATE FUNCTION workflow_counts_rebuild() RETURNS int LANGUAGE plpgsql AS $fn$
      DECLARE total int;
      BEGIN
        LOCK TABLE workflow_tickets IN SHARE ROW EXCLUSIVE MODE;
        DELETE FROM workflow_ticket_counts;
        ${mergeSql('SELECT 1 AS sign, t.status, t.technician_id FROM workflow_tickets t')};
        SELECT coalesce(sum(tickets), 0)::int INTO total FROM workflow_ticket_counts;
        RETURN total;
      END $fn$`);

    await queryRunner.query(`CREATE TRIGGER workflow_counts_insert AFTER INSERT ON workflow_tickets
      REFERENCING NEW TABLE AS workflow_counts_new FOR EACH STATEMENT EXECUTE FUNCTION workflow_counts_apply()`);
    await queryRunner.query(`CREATE TRIGGER workflow_counts_update AFTER UPDATE ON workflow_tickets
      REFERENCING OLD TABLE AS workflow_counts_old NEW TABLE AS workflow_counts_new FOR EACH STATEMENT EXECUTE FUNCTION workflow_counts_apply()`);
    await queryRunner.query(`CREATE TRIGGER workflow_counts_delete AFTER DELETE ON workflow_tickets
      REFERENCING OLD TABLE AS workflow_counts_old FOR EACH STATEMENT EXECUTE FUNCTION workflow_counts_apply()`);
    await queryRunner.query(`CREATE TRIGGER workflow_counts_truncate AFTER TRUNCATE ON workflow_tickets
      FOR EACH STATEMENT EXECUTE FUNCTION workflow_counts_truncated()`);
    // Tickets already stored.
    await queryRunner.query(`SELECT workflow_counts_rebuild()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of ['insert', 'update', 'delete', 'truncate']) await queryRunner.query(`DROP TRIGGER workflow_counts_${t} ON workflow_tickets`);
    await queryRunner.query(`DROP FUNCTION workflow_counts_rebuild()`);
    await queryRunner.query(`DROP FUNCTION workflow_counts_truncated()`);
    await queryRunner.query(`DROP FUNCTION workflow_counts_apply()`);
    await queryRunner.query(`DROP TABLE "workflow_ticket_counts"`);
    await queryRunner.query(`DROP INDEX "workflow_tickets_item"`);
  }
}
