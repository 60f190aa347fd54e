import { Column, Entity, Index, IndexOptions, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamps } from '../database/timestamps';
import { UserEntity } from '../identity/user.entity';
import type { TicketCategory, TicketPriority, TicketStatus } from './ticket-rules';

/** Indexes TypeORM cannot express (trigram operator class, partial on a list): made by hand in the migration, left alone by sync. */
const HAND_MADE = { synchronize: false } as IndexOptions;

@Entity('support_tickets')
@Index('support_tickets_title_trgm', ['title'], HAND_MADE)
@Index('support_tickets_description_trgm', ['description'], HAND_MADE)
@Index('support_tickets_sla_open', ['slaDueTime'], HAND_MADE)
@Index('support_tickets_creator', ['creatorId', 'id'])
@Index('support_tickets_assignee', ['assigneeId', 'id'])
@Index('support_tickets_status_priority_due', ['status', 'priority', 'slaDueTime', 'id'])
@Index('support_tickets_created', ['createdAt', 'id'])
@Index('support_tickets_tags', ['tags'], { type: 'gin' })
export class SupportTicketEntity extends Timestamps {
  @PrimaryGeneratedColumn()
  id: number;

  /** T-YYYYMMDD-NNNN */
  @Column({ type: 'varchar', length: 20, unique: true })
  number: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 20 })
  category: TicketCategory;

  @Column({ type: 'varchar', length: 10 })
  priority: TicketPriority;

  @Column({ type: 'varchar', length: 20, default: 'new' })
  status: TicketStatus;

  @Column({ type: 'int' })
  creatorId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'creator_id' })
  creator?: UserEntity;

  @Column({ type: 'int', nullable: true })
  assigneeId: number | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: UserEntity;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  tags: string[];

  @Column({ type: 'jsonb', default: () => `'{}'` })
  metadata: Record<string, any>;

  @Column({ type: 'timestamptz' })
  slaDueTime: Date;

  /** First agent/admin public comment or status change. */
  @Column({ type: 'timestamptz', nullable: true })
  responseTime: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedTime: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** The sla_due_time a ticket.sla_violated event was emitted for (once per due time). */
  @Column({ type: 'timestamptz', nullable: true })
  slaViolationReportedDue: Date | null;
}
