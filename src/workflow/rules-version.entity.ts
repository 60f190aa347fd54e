import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { WorkflowRules } from '../config/workflow.config';

/** One version of the XP and work-session rules; the newest is in force. */
@Entity('workflow_rules_versions')
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
