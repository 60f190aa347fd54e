import { MigrationInterface, QueryRunner } from 'typeorm';

export class Workflow1795286181714 implements MigrationInterface {
  name = 'Workflow1795286181714';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "work_sessions" ("id" SERIAL NOT NULL, "ticket_id" integer NOT NULL, "technician_id" integer NOT NULL, "status" character varying(10) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2b15ef494243f1cc2bf0f731e76" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "work_sessions_paused" ON "work_sessions"  ("status") WHERE status = 'PAUSED'`,
    );
    await queryRunner.query(`CREATE INDEX "work_sessions_ticket" ON "work_sessions"  ("ticket_id", "id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "work_sessions_one_open_per_technician" ON "work_sessions"  ("technician_id") WHERE status IN ('RUNNING', 'PAUSED')`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "work_sessions_one_open_per_ticket" ON "work_sessions"  ("ticket_id") WHERE status IN ('RUNNING', 'PAUSED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "work_session_events" ("id" BIGSERIAL NOT NULL, "session_id" integer NOT NULL, "technician_id" integer NOT NULL, "action" character varying(20) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_85695095ea1e3a71c19cca833c6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "work_session_events_technician_time" ON "work_session_events"  ("technician_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "work_session_events_session" ON "work_session_events"  ("session_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "inventory_items" ("id" SERIAL NOT NULL, "serial_number" character varying(100) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'READY', "create_reason" character varying(500), "created_by" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_7f60a70e9f50fa45088f87df5cc" UNIQUE ("serial_number"), CONSTRAINT "PK_cf2f451407242e132547ac19169" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "workflow_rules_versions" ("version" SERIAL NOT NULL, "config" jsonb NOT NULL, "changed_by" integer NOT NULL, "reason" character varying(1000) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_73291edebadea4b74995b611241" PRIMARY KEY ("version"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "workflow_tickets" ("id" SERIAL NOT NULL, "status" character varying(20) NOT NULL, "title" character varying(200), "inventory_item_id" integer NOT NULL, "master_id" integer NOT NULL, "technician_id" integer, "part_specs" jsonb NOT NULL, "total_duration" integer NOT NULL, "flag_color" character varying(10) NOT NULL, "xp_amount" integer NOT NULL, "is_manual" boolean NOT NULL DEFAULT false, "approved_by" integer, "approved_at" TIMESTAMP WITH TIME ZONE, "assigned_at" TIMESTAMP WITH TIME ZONE, "started_at" TIMESTAMP WITH TIME ZONE, "done_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1c0bcfabcd04553257a06aab9d8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "workflow_tickets_technician" ON "workflow_tickets"  ("technician_id", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "workflow_tickets_status" ON "workflow_tickets"  ("status", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "workflow_tickets_one_in_progress_per_technician" ON "workflow_tickets"  ("technician_id") WHERE status = 'IN_PROGRESS'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "workflow_tickets_one_active_per_item" ON "workflow_tickets"  ("inventory_item_id") WHERE status <> 'DONE'`,
    );
    await queryRunner.query(
      `CREATE TABLE "xp_entries" ("id" BIGSERIAL NOT NULL, "user_id" integer NOT NULL, "amount" integer NOT NULL, "entry_type" character varying(40) NOT NULL, "reference" character varying(100) NOT NULL, "payload" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_111787983a105f1df5bd2d9675e" UNIQUE ("reference"), CONSTRAINT "PK_9f0db8d76a1b41667f9cd189162" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "xp_entries_user" ON "xp_entries"  ("user_id", "id") `);
    await queryRunner.query(
      `CREATE TABLE "workflow_transitions" ("id" BIGSERIAL NOT NULL, "ticket_id" integer NOT NULL, "from_status" character varying(20), "to_status" character varying(20) NOT NULL, "action" character varying(30) NOT NULL, "actor_id" integer NOT NULL, "note" character varying(1000), "metadata" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_edda0b5bb7b13fc6681c56764af" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "workflow_transitions_ticket" ON "workflow_transitions"  ("ticket_id", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "work_sessions" ADD CONSTRAINT "FK_eb5f3f612294bec5eee0348af28" FOREIGN KEY ("technician_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "work_session_events" ADD CONSTRAINT "FK_feb801ca9f9763321a161cbea1b" FOREIGN KEY ("session_id") REFERENCES "work_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "workflow_tickets" ADD CONSTRAINT "FK_3a7161bb33340a7d2740f188dda" FOREIGN KEY ("inventory_item_id") REFERENCES "inventory_items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "workflow_tickets" ADD CONSTRAINT "FK_16a9981573dcab7c05ac1116537" FOREIGN KEY ("master_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "workflow_tickets" ADD CONSTRAINT "FK_a525ba571bb33ac273be2728064" FOREIGN KEY ("technician_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "workflow_transitions" ADD CONSTRAINT "FK_b33234ce159ea7d848bf2bea981" FOREIGN KEY ("ticket_id") REFERENCES "workflow_tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "workflow_transitions" DROP CONSTRAINT "FK_b33234ce159ea7d848bf2bea981"`,
    );
    await queryRunner.query(
      `ALTER TABLE "workflow_tickets" DROP CONSTRAINT "FK_a525ba571bb33ac273be2728064"`,
    );
    await queryRunner.query(
      `ALTER TABLE "workflow_tickets" DROP CONSTRAINT "FK_16a9981573dcab7c05ac1116537"`,
    );
    await queryRunner.query(
      `ALTER TABLE "workflow_tickets" DROP CONSTRAINT "FK_3a7161bb33340a7d2740f188dda"`,
    );
    await queryRunner.query(
      `ALTER TABLE "work_session_events" DROP CONSTRAINT "FK_feb801ca9f9763321a161cbea1b"`,
    );
    await queryRunner.query(`ALTER TABLE "work_sessions" DROP CONSTRAINT "FK_eb5f3f612294bec5eee0348af28"`);
    await queryRunner.query(`DROP INDEX "public"."workflow_transitions_ticket"`);
    await queryRunner.query(`DROP TABLE "workflow_transitions"`);
    await queryRunner.query(`DROP INDEX "public"."xp_entries_user"`);
    await queryRunner.query(`DROP TABLE "xp_entries"`);
    await queryRunner.query(`DROP INDEX "public"."workflow_tickets_one_active_per_item"`);
    await queryRunner.query(`DROP INDEX "public"."workflow_tickets_one_in_progress_per_technician"`);
    await queryRunner.query(`DROP INDEX "public"."workflow_tickets_status"`);
    await queryRunner.query(`DROP INDEX "public"."workflow_tickets_technician"`);
    await queryRunner.query(`DROP TABLE "workflow_tickets"`);
    await queryRunner.query(`DROP TABLE "workflow_rules_versions"`);
    await queryRunner.query(`DROP TABLE "inventory_items"`);
    await queryRunner.query(`DROP INDEX "public"."work_session_events_session"`);
    await queryRunner.query(`DROP INDEX "public"."work_session_events_technician_time"`);
    await queryRunner.query(`DROP TABLE "work_session_events"`);
    await queryRunner.query(`DROP INDEX "public"."work_sessions_one_open_per_ticket"`);
    await queryRunner.query(`DROP INDEX "public"."work_sessions_one_open_per_technician"`);
    await queryRunner.query(`DROP INDEX "public"."work_sessions_ticket"`);
    await queryRunner.query(`DROP INDEX "public"."work_sessions_paused"`);
    await queryRunner.query(`DROP TABLE "work_sessions"`);
  }
}
