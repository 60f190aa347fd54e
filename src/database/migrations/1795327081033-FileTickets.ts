import { MigrationInterface, QueryRunner } from 'typeorm';

/** Seed 003: file tickets (their files are CAS nodes of the owner's realm) and the Discord grants behind Discord sign-ins. */
export class FileTickets1795327081033 implements MigrationInterface {
  name = 'FileTickets1795327081033';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "file_ticket_discord_accounts" ("user_id" integer NOT NULL, "discord_id" character varying(32) NOT NULL, "access_token_sealed" text NOT NULL, "refresh_token_sealed" text NOT NULL, "token_type" character varying(40) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0e1a33be64bd2f4609d91825f09" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "file_tickets" ("id" character(20) NOT NULL, "owner_id" integer NOT NULL, "is_public" boolean NOT NULL DEFAULT false, "remark" text NOT NULL DEFAULT '', "files" text array NOT NULL, "root_key" bytea NOT NULL, "total_bytes" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5a563f78965c9d7a78c31ee33a9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "file_tickets_owner_created" ON "file_tickets"  ("owner_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "file_ticket_discord_accounts" ADD CONSTRAINT "FK_0e1a33be64bd2f4609d91825f09" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "file_tickets" ADD CONSTRAINT "FK_358b25eac1f6c4ef4f70180ffcd" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "file_tickets" DROP CONSTRAINT "FK_358b25eac1f6c4ef4f70180ffcd"`);
    await queryRunner.query(
      `ALTER TABLE "file_ticket_discord_accounts" DROP CONSTRAINT "FK_0e1a33be64bd2f4609d91825f09"`,
    );
    await queryRunner.query(`DROP INDEX "public"."file_tickets_owner_created"`);
    await queryRunner.query(`DROP TABLE "file_tickets"`);
    await queryRunner.query(`DROP TABLE "file_ticket_discord_accounts"`);
  }
}
