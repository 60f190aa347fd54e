import { Injectable } from '@nestjs/common';
import { Db } from '../database/db';
import { OutboxEventEntity } from './outbox-event.entity';
import type { DomainEvent } from './outbox.service';

@Injectable()
export class OutboxRepository {
  constructor(private readonly db: Db) {}

  /** Appends events in the transaction in progress. */
  async append(events: readonly DomainEvent[]): Promise<void> {
    await this.db.manager.insert(
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
