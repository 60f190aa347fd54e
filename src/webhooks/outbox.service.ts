import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { OutboxEventEntity } from './outbox-event.entity';
import { WebhookDispatcher } from './webhook-dispatcher';

export interface DomainEvent {
  type: string;
  aggregateType: string;
  aggregateId: string | number;
  payload: Record<string, any>;
  /** Deliver only to subscriptions marked internal. */
  internal?: boolean;
}

const PUBLISHED = 'outboxPublished';

/**
 * Publishes domain events through the outbox. Always pass the EntityManager of the
 * transaction that makes the change: the event commits or rolls back with it. When that
 * transaction commits, this instance's dispatcher is told at once (other instances poll).
 */
@Injectable()
export class OutboxService implements EntitySubscriberInterface {
  constructor(
    dataSource: DataSource,
    private readonly dispatcher: WebhookDispatcher,
  ) {
    dataSource.subscribers.push(this);
  }

  async publish(manager: EntityManager, ...events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    await manager.insert(
      OutboxEventEntity,
      events.map((e) => ({
        eventType: e.type,
        aggregateType: e.aggregateType,
        aggregateId: String(e.aggregateId),
        payload: e.payload,
        internal: e.internal ?? false,
      })),
    );
    if (manager.queryRunner?.isTransactionActive) manager.queryRunner.data[PUBLISHED] = true;
    else this.dispatcher.kick();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (!event.queryRunner.data[PUBLISHED]) return;
    event.queryRunner.data[PUBLISHED] = false;
    this.dispatcher.kick();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    event.queryRunner.data[PUBLISHED] = false;
  }
}
