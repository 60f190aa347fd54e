import { MigrationInterface, QueryRunner } from 'typeorm';

export class SupportListIndex1795287710263 implements MigrationInterface {
  name = 'SupportListIndex1795287710263';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."support_tickets_status"`);
    await queryRunner.query(
      `CREATE INDEX "support_tickets_status_priority_due" ON "support_tickets"  ("status", "priority", "sla_due_time", "id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."support_tickets_status_priority_due"`);
    await queryRunner.query(
      `CREATE INDEX "support_tickets_status" ON "support_tickets" USING btree ("id", "status") `,
    );
  }
}
