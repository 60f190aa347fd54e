import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxEventEntity } from './outbox-event.entity';

export interface DomainEvent {
  type: string;
  aggregateType: string;
  aggregateId: string | number;
  payload: Record<string, any>;
  /** Deliver only to subscriptions marked internal. */
  internal?: boolean;
}

/**
 * Publishes domain events through the outbox. Always pass the EntityManager of the
 * transaction that makes the change: the event commits or rolls back with it.
 */
@Injectable()
export class OutboxService {
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
  }
}
