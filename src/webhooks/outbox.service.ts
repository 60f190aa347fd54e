import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions';
import { OutboxRepository } from './outbox.repository';
import { WebhookDispatcher } from './webhook-dispatcher';
import type { PublishedEvent } from './webhook-events';

export interface DomainEvent {
  type: PublishedEvent;
  aggregateType: string;
  aggregateId: string | number;
  payload: Record<string, any>;
  /** Deliver only to subscriptions marked internal. */
  internal?: boolean;
}

/**
 * Publishes domain events through the outbox, in the transaction of the change that causes
 * them (call it inside Transactions.run): the events commit or roll back with the change. Once
 * that transaction commits, this instance's dispatcher is told at once (other instances poll).
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly transactions: Transactions,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  async publish(...events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.transactions.run(() => this.outbox.append(events));
    this.transactions.afterCommit(() => this.dispatcher.kick());
  }
}
