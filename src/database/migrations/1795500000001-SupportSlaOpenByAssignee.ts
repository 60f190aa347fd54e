import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * my-stats' overdue figure counts an agent's unfinished tickets not yet due: per assignee, so
 * an index-only range of that agent's entries instead of every unfinished ticket's.
 */
export class SupportSlaOpenByAssignee1795500000001 implements MigrationInterface {
  name = 'SupportSlaOpenByAssignee1795500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "support_tickets_sla_open_assignee" ON "support_tickets" ("assignee_id", "sla_due_time") WHERE status NOT IN ('resolved', 'closed')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "support_tickets_sla_open_assignee"`);
  }
}
