import { MigrationInterface, QueryRunner } from 'typeorm';

export class Outbox1795282408995 implements MigrationInterface {
  name = 'Outbox1795282408995';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "outbox_events" ("id" BIGSERIAL NOT NULL, "event_type" character varying(100) NOT NULL, "aggregate_type" character varying(50) NOT NULL, "aggregate_id" character varying(100) NOT NULL, "payload" jsonb NOT NULL, "internal" boolean NOT NULL DEFAULT false, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "dispatched_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_events_pending" ON "outbox_events"  ("id") WHERE dispatched_at IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."outbox_events_pending"`);
    await queryRunner.query(`DROP TABLE "outbox_events"`);
  }
}
