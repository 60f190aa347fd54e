import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SupportTicketEntity } from './support-ticket.entity';

export type TrackedField = 'status' | 'priority' | 'assignee';

/** Append-only history of status, priority and assignee changes. */
@Entity('support_ticket_changes')
@Index('support_ticket_changes_ticket', ['ticketId', 'id'])
export class SupportTicketChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column({ type: 'int' })
  ticketId: number;

  @ManyToOne(() => SupportTicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: SupportTicketEntity;

  @Column({ type: 'varchar', length: 20 })
  field: TrackedField;

  @Column({ type: 'varchar', length: 50, nullable: true })
  oldValue: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  newValue: string | null;

  @Column({ type: 'int' })
  actorId: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
