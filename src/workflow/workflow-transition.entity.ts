import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { WorkflowStatus } from './workflow-rules';
import { WorkflowTicketEntity } from './workflow-ticket.entity';

/** Append-only audit stream of a ticket's transitions. */
@Entity('workflow_transitions')
@Index('workflow_transitions_ticket', ['ticketId', 'id'])
export class WorkflowTransitionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column({ type: 'int' })
  ticketId: number;

  @ManyToOne(() => WorkflowTicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: WorkflowTicketEntity;

  @Column({ type: 'varchar', length: 20, nullable: true })
  fromStatus: WorkflowStatus | null;

  @Column({ type: 'varchar', length: 20 })
  toStatus: WorkflowStatus;

  @Column({ type: 'varchar', length: 30 })
  action: string;

  @Column({ type: 'int' })
  actorId: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  metadata: Record<string, any>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
