import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A domain event, written in the same transaction as the change that caused it
 * (transactional outbox). The webhook dispatcher fans committed events out to deliveries.
 */
@Entity('outbox_events')
@Index('outbox_events_pending', ['id'], { where: 'dispatched_at IS NULL' })
export class OutboxEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  /** e.g. `ticket.created`, `workflow.transition`. */
  @Column({ type: 'varchar', length: 100 })
  eventType: string;

  /** What the event is about, e.g. `support_ticket` / `123`. */
  @Column({ type: 'varchar', length: 50 })
  aggregateType: string;

  @Column({ type: 'varchar', length: 100 })
  aggregateId: string;

  /** The event's `data`, as subscribers receive it. */
  @Column({ type: 'jsonb' })
  payload: Record<string, any>;

  /** Only for subscriptions marked internal (e.g. an internal comment). */
  @Column({ type: 'boolean', default: false })
  internal: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;
}
