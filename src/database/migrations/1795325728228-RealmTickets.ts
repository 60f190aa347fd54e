import { MigrationInterface, QueryRunner } from 'typeorm';

export class RealmTickets1795325728228 implements MigrationInterface {
  name = 'RealmTickets1795325728228';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "realm_tickets" ("id" uuid NOT NULL, "realm" character varying(40) NOT NULL, "user_id" integer NOT NULL, "title" character varying(256) NOT NULL, "status" character varying(16) NOT NULL, "root" character varying(30), "creator_delegate_id" uuid NOT NULL, "delegate_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "realm_tickets_status" CHECK (status IN ('pending', 'submitted')), CONSTRAINT "PK_f0f5564a618a475fb563df05442" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "realm_tickets_delegate" ON "realm_tickets"  ("delegate_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "realm_tickets_creator_status" ON "realm_tickets"  ("creator_delegate_id", "status", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "realm_tickets_creator" ON "realm_tickets"  ("creator_delegate_id", "id") `,
    );
    await queryRunner.query(`ALTER TABLE "cas_delegates" ADD "can_delegate" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(
      `ALTER TABLE "realm_tickets" ADD CONSTRAINT "FK_d7fea74d049e84441f82648be88" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "realm_tickets" DROP CONSTRAINT "FK_d7fea74d049e84441f82648be88"`);
    await queryRunner.query(`ALTER TABLE "cas_delegates" DROP COLUMN "can_delegate"`);
    await queryRunner.query(`DROP INDEX "public"."realm_tickets_creator"`);
    await queryRunner.query(`DROP INDEX "public"."realm_tickets_creator_status"`);
    await queryRunner.query(`DROP INDEX "public"."realm_tickets_delegate"`);
    await queryRunner.query(`DROP TABLE "realm_tickets"`);
  }
}
