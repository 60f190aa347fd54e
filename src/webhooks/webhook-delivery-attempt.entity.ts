import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';

/** One HTTP attempt of a delivery: the delivery log. */
@Entity('webhook_delivery_attempts')
@Index('webhook_delivery_attempts_delivery', ['deliveryId', 'attemptNo'])
export class WebhookDeliveryAttemptEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column({ type: 'bigint' })
  deliveryId: number;

  @ManyToOne(() => WebhookDeliveryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id' })
  delivery?: WebhookDeliveryEntity;

  @Column({ type: 'int' })
  attemptNo: number;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'int', nullable: true })
  responseStatus: number | null;

  @Column({ type: 'int' })
  latencyMs: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;
}
