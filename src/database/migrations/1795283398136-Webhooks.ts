import { MigrationInterface, QueryRunner } from 'typeorm';

export class Webhooks1795283398136 implements MigrationInterface {
  name = 'Webhooks1795283398136';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhook_subscriptions" ("id" SERIAL NOT NULL, "url" text NOT NULL, "events" text array NOT NULL, "secret" text NOT NULL, "description" character varying(500), "active" boolean NOT NULL DEFAULT true, "internal" boolean NOT NULL DEFAULT false, "consecutive_dead_deliveries" integer NOT NULL DEFAULT '0', "disabled_reason" character varying(300), "created_by" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bf631ae77d39849d599817fb6f4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_deliveries" ("id" BIGSERIAL NOT NULL, "subscription_id" integer NOT NULL, "event_id" bigint, "event_type" character varying(100) NOT NULL, "webhook_id" uuid NOT NULL DEFAULT gen_random_uuid(), "body" text NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "lease_until" TIMESTAMP WITH TIME ZONE, "last_response_status" integer, "last_error" text, "redelivery_of" bigint, "event_occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "webhook_deliveries_event_once" ON "webhook_deliveries"  ("subscription_id", "event_id") WHERE event_id IS NOT NULL AND redelivery_of IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_deliveries_subscription" ON "webhook_deliveries"  ("subscription_id", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_deliveries_due" ON "webhook_deliveries"  ("next_attempt_at") WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_delivery_attempts" ("id" BIGSERIAL NOT NULL, "delivery_id" bigint NOT NULL, "attempt_no" integer NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "response_status" integer, "latency_ms" integer NOT NULL, "error" text, CONSTRAINT "PK_59ef9124585b56c18b98548a0c6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "webhook_delivery_attempts_delivery" ON "webhook_delivery_attempts"  ("delivery_id", "attempt_no") `,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_23eb2b6ae801c52cfb79a556b8a" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscriptions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery_attempts" ADD CONSTRAINT "FK_647916c401c0c275df5f00c148f" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "webhook_delivery_attempts" DROP CONSTRAINT "FK_647916c401c0c275df5f00c148f"`,
    );
    await queryRunner.query(
      `ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_23eb2b6ae801c52cfb79a556b8a"`,
    );
    await queryRunner.query(`DROP INDEX "public"."webhook_delivery_attempts_delivery"`);
    await queryRunner.query(`DROP TABLE "webhook_delivery_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_due"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_subscription"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_event_once"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhook_subscriptions"`);
  }
}
