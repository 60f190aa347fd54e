import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rules version must hold every number the workflow computes with: a partial config (one
 * that once made every intake a 500) cannot be stored, by the API or by hand. A missing key
 * makes the expression NULL, which a CHECK would let pass: hence COALESCE(…, false).
 * NOT VALID: rows already stored are left as they are; every new one is checked.
 */
export class RulesConfigCheck1795290000000 implements MigrationInterface {
  name = 'RulesConfigCheck1795290000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "workflow_rules_versions" ADD CONSTRAINT "workflow_rules_versions_config_complete" CHECK (COALESCE(
         jsonb_typeof(config #> '{ticket_xp,base_divisor}') = 'number' AND (config #>> '{ticket_xp,base_divisor}')::numeric >= 1
         AND jsonb_typeof(config #> '{ticket_xp,first_pass_bonus}') = 'number' AND (config #>> '{ticket_xp,first_pass_bonus}')::numeric >= 0
         AND jsonb_typeof(config #> '{ticket_xp,qc_status_update_xp}') = 'number' AND (config #>> '{ticket_xp,qc_status_update_xp}')::numeric >= 0
         AND jsonb_typeof(config #> '{work_session,daily_pause_limit_minutes}') = 'number'
         AND (config #>> '{work_session,daily_pause_limit_minutes}')::numeric BETWEEN 0 AND 1440
         AND jsonb_typeof(config #> '{work_session,timezone}') = 'string',
       false)) NOT VALID`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "workflow_rules_versions" DROP CONSTRAINT "workflow_rules_versions_config_complete"`);
  }
}
