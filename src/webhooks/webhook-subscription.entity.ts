import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamps } from '../database/timestamps';

@Entity('webhook_subscriptions')
export class WebhookSubscriptionEntity extends Timestamps {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'text' })
  url: string;

  /** Event types delivered, or `*` for all. */
  @Column({ type: 'text', array: true })
  events: string[];

  /** HMAC key; needed in clear to sign, shown to the admin only when set or rotated. */
  @Column({ type: 'text', select: false })
  secret: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Receives internal events too (e.g. internal comments). */
  @Column({ type: 'boolean', default: false })
  internal: boolean;

  /** Dead deliveries in a row; reset by any success. */
  @Column({ type: 'int', default: 0 })
  consecutiveDeadDeliveries: number;

  /** Why the dispatcher turned the subscription off, when it did. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  disabledReason: string | null;

  @Column({ type: 'int', nullable: true })
  createdBy: number | null;
}
