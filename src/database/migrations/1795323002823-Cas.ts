import { MigrationInterface, QueryRunner } from 'typeorm';

export class Cas1795323002823 implements MigrationInterface {
  name = 'Cas1795323002823';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "cas_delegates" ("id" uuid NOT NULL, "realm" character varying(40) NOT NULL, "user_id" integer NOT NULL, "parent_id" uuid, "chain" uuid array NOT NULL, "depth" smallint NOT NULL, "name" character varying(64), "can_upload" boolean NOT NULL, "can_manage_depot" boolean NOT NULL, "delegated_depots" uuid array, "scope_roots" character varying(30) array, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" uuid, "current_rt_hash" bytea, "current_at_hash" bytea, "at_expires_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_af5fa1d84a5b3f22312751a5113" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "cas_delegates_chain" ON "cas_delegates" USING gin ("chain") `);
    await queryRunner.query(`CREATE INDEX "cas_delegates_children" ON "cas_delegates"  ("parent_id", "id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "cas_delegates_realm_root" ON "cas_delegates"  ("realm") WHERE depth = 0`,
    );
    await queryRunner.query(
      `CREATE TABLE "cas_nodes" ("realm" character varying(40) NOT NULL, "key" bytea NOT NULL, "kind" smallint NOT NULL, "node_size" integer NOT NULL, "payload_size" integer NOT NULL, "data_size" integer NOT NULL, "content_type" character varying(56), "children" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ba1d61db0a112f13c02c93dd4a5" PRIMARY KEY ("realm", "key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "cas_node_owners" ("realm" character varying(40) NOT NULL, "key" bytea NOT NULL, "delegate_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_43d468e067829f44e47701df3de" PRIMARY KEY ("realm", "key", "delegate_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "cas_realm_usage" ("realm" character varying(40) NOT NULL, "physical_bytes" bigint NOT NULL DEFAULT '0', "logical_bytes" bigint NOT NULL DEFAULT '0', "node_count" bigint NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_26a5458846213ab2affea7f50eb" PRIMARY KEY ("realm"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "cas_depots" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL, "realm" character varying(40) NOT NULL, "title" character varying(128), "root" character varying(30) NOT NULL, "max_history" smallint NOT NULL, "history" character varying(30) array NOT NULL DEFAULT '{}', "creator_delegate_id" uuid NOT NULL, CONSTRAINT "PK_7131d94f215e899364f884196eb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "cas_depots_realm_id" ON "cas_depots"  ("realm", "id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "cas_depots_realm_title" ON "cas_depots"  ("realm", "title") `,
    );
    await queryRunner.query(
      `ALTER TABLE "cas_delegates" ADD CONSTRAINT "FK_9edf5c09f078340a858f65d6cb9" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cas_delegates" DROP CONSTRAINT "FK_9edf5c09f078340a858f65d6cb9"`);
    await queryRunner.query(`DROP INDEX "public"."cas_depots_realm_title"`);
    await queryRunner.query(`DROP INDEX "public"."cas_depots_realm_id"`);
    await queryRunner.query(`DROP TABLE "cas_depots"`);
    await queryRunner.query(`DROP TABLE "cas_realm_usage"`);
    await queryRunner.query(`DROP TABLE "cas_node_owners"`);
    await queryRunner.query(`DROP TABLE "cas_nodes"`);
    await queryRunner.query(`DROP INDEX "public"."cas_delegates_realm_root"`);
    await queryRunner.query(`DROP INDEX "public"."cas_delegates_children"`);
    await queryRunner.query(`DROP INDEX "public"."cas_delegates_chain"`);
    await queryRunner.query(`DROP TABLE "cas_delegates"`);
  }
}
