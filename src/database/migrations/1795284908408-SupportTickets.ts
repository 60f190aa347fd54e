import { MigrationInterface, QueryRunner } from 'typeorm';

export class SupportTickets1795284908408 implements MigrationInterface {
  name = 'SupportTickets1795284908408';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Substring search (Chinese included) on title and description.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE TABLE "support_tickets" ("id" SERIAL NOT NULL, "number" character varying(20) NOT NULL, "title" character varying(200) NOT NULL, "description" text NOT NULL, "category" character varying(20) NOT NULL, "priority" character varying(10) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'new', "creator_id" integer NOT NULL, "assignee_id" integer, "tags" text array NOT NULL DEFAULT '{}', "metadata" jsonb NOT NULL DEFAULT '{}', "sla_due_time" TIMESTAMP WITH TIME ZONE NOT NULL, "response_time" TIMESTAMP WITH TIME ZONE, "resolved_time" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "sla_violation_reported_due" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_4dbd7a948ea8901cf5742dafc03" UNIQUE ("number"), CONSTRAINT "PK_942e8d8f5df86100471d2324643" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "support_tickets_tags" ON "support_tickets" USING gin ("tags") `);
    await queryRunner.query(
      `CREATE INDEX "support_tickets_created" ON "support_tickets"  ("created_at", "id") `,
    );
    await queryRunner.query(`CREATE INDEX "support_tickets_status" ON "support_tickets"  ("status", "id") `);
    await queryRunner.query(
      `CREATE INDEX "support_tickets_assignee" ON "support_tickets"  ("assignee_id", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "support_tickets_creator" ON "support_tickets"  ("creator_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "support_comments" ("id" SERIAL NOT NULL, "ticket_id" integer NOT NULL, "author_id" integer NOT NULL, "content" text NOT NULL, "is_internal" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1f1d405fdae2ba529eca7320b33" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "support_comments_ticket" ON "support_comments"  ("ticket_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "support_ticket_changes" ("id" BIGSERIAL NOT NULL, "ticket_id" integer NOT NULL, "field" character varying(20) NOT NULL, "old_value" character varying(50), "new_value" character varying(50), "actor_id" integer NOT NULL, "reason" character varying(1000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b7114e6e48364b4eddf956fde35" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "support_ticket_changes_ticket" ON "support_ticket_changes"  ("ticket_id", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "support_ticket_number_counters" ("day" date NOT NULL, "last" integer NOT NULL, CONSTRAINT "PK_15552a1d3397d661c6163b8242b" PRIMARY KEY ("day"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "support_tickets" ADD CONSTRAINT "FK_b9e49f2d48572acfe1f15a5a110" FOREIGN KEY ("creator_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "support_tickets" ADD CONSTRAINT "FK_7ccee2cfd861b517b78c7be8f3d" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "support_comments" ADD CONSTRAINT "FK_12bbdf1abb1e6a0bab107a5d502" FOREIGN KEY ("ticket_id") REFERENCES "support_tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "support_comments" ADD CONSTRAINT "FK_10a0c6379ff8d4ca23469fa8128" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "support_ticket_changes" ADD CONSTRAINT "FK_02d02c51c3560fc14690dc4565b" FOREIGN KEY ("ticket_id") REFERENCES "support_tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE INDEX "support_tickets_title_trgm" ON "support_tickets" USING gin ("title" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "support_tickets_description_trgm" ON "support_tickets" USING gin ("description" gin_trgm_ops)`,
    );
    // The SLA scan and overdue filters look at unfinished tickets by due time.
    await queryRunner.query(
      `CREATE INDEX "support_tickets_sla_open" ON "support_tickets" ("sla_due_time") WHERE status NOT IN ('resolved', 'closed')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."support_tickets_sla_open"`);
    await queryRunner.query(`DROP INDEX "public"."support_tickets_description_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."support_tickets_title_trgm"`);
    await queryRunner.query(
      `ALTER TABLE "support_ticket_changes" DROP CONSTRAINT "FK_02d02c51c3560fc14690dc4565b"`,
    );
    await queryRunner.query(
      `ALTER TABLE "support_comments" DROP CONSTRAINT "FK_10a0c6379ff8d4ca23469fa8128"`,
    );
    await queryRunner.query(
      `ALTER TABLE "support_comments" DROP CONSTRAINT "FK_12bbdf1abb1e6a0bab107a5d502"`,
    );
    await queryRunner.query(`ALTER TABLE "support_tickets" DROP CONSTRAINT "FK_7ccee2cfd861b517b78c7be8f3d"`);
    await queryRunner.query(`ALTER TABLE "support_tickets" DROP CONSTRAINT "FK_b9e49f2d48572acfe1f15a5a110"`);
    await queryRunner.query(`DROP TABLE "support_ticket_number_counters"`);
    await queryRunner.query(`DROP INDEX "public"."support_ticket_changes_ticket"`);
    await queryRunner.query(`DROP TABLE "support_ticket_changes"`);
    await queryRunner.query(`DROP INDEX "public"."support_comments_ticket"`);
    await queryRunner.query(`DROP TABLE "support_comments"`);
    await queryRunner.query(`DROP INDEX "public"."support_tickets_creator"`);
    await queryRunner.query(`DROP INDEX "public"."support_tickets_assignee"`);
    await queryRunner.query(`DROP INDEX "public"."support_tickets_status"`);
    await queryRunner.query(`DROP INDEX "public"."support_tickets_created"`);
    await queryRunner.query(`DROP INDEX "public"."support_tickets_tags"`);
    await queryRunner.query(`DROP TABLE "support_tickets"`);
  }
}
