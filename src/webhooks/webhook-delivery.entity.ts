import { Column, CreateDateColumn, Entity, Generated, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';

export type DeliveryStatus = 'pending' | 'succeeded' | 'dead';

/**
 * One event for one subscription. `body` is fixed when the delivery is created, so every
 * attempt sends the same bytes under the same `X-Webhook-Id`.
 */
@Entity('webhook_deliveries')
@Index('webhook_deliveries_due', ['nextAttemptAt'], { where: `status = 'pending'` })
@Index('webhook_deliveries_subscription', ['subscriptionId', 'id'])
@Index('webhook_deliveries_event_once', ['subscriptionId', 'eventId'], { unique: true, where: 'event_id IS NOT NULL AND redelivery_of IS NULL' })
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column({ type: 'int' })
  subscriptionId: number;

  @ManyToOne(() => WebhookSubscriptionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id' })
  subscription?: WebhookSubscriptionEntity;

  /** The outbox event delivered (null for pings). */
  @Column({ type: 'bigint', nullable: true })
  eventId: number | null;

  @Column({ type: 'varchar', length: 100 })
  eventType: string;

  /** Sent as X-Webhook-Id: stable across retries, for the receiver's deduplication. */
  @Column({ type: 'uuid' })
  @Generated('uuid')
  webhookId: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** While set in the future, one dispatcher owns the delivery. */
  @Column({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'int', nullable: true })
  lastResponseStatus: number | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** The delivery this one re-sends, when created by redeliver. */
  @Column({ type: 'bigint', nullable: true })
  redeliveryOf: number | null;

  /** When the event was committed (for end-to-end latency). */
  @Column({ type: 'timestamptz' })
  eventOccurredAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
