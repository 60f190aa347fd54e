import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { WorkflowRules } from '../config/workflow.config';

/** One version of the XP and work-session rules; the newest is in force. Incomplete configs cannot be stored (migration RulesConfigCheck). */
@Entity('workflow_rules_versions')
@Check('workflow_rules_versions_config_complete', 'defined in migration 1795290000000-RulesConfigCheck')
export class RulesVersionEntity {
  @PrimaryGeneratedColumn()
  version: number;

  @Column({ type: 'jsonb' })
  config: WorkflowRules;

  @Column({ type: 'int' })
  changedBy: number;

  @Column({ type: 'varchar', length: 1000 })
  reason: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
