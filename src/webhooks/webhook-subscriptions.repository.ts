import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { Page } from '../common/pagination';
import { PageQuery } from '../common/page-query.dto';
import { Db } from '../database/db';
import { findPage } from '../database/paging';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';

export type NewSubscription = Pick<WebhookSubscriptionEntity, 'url' | 'events' | 'secret' | 'description' | 'active' | 'internal' | 'createdBy'>;

/** The admin API's queries on `webhook_subscriptions` (the dispatcher's are in WebhookDeliveriesRepository). */
@Injectable()
export class WebhookSubscriptionsRepository {
  constructor(private readonly db: Db) {}

  private get subscriptions(): Repository<WebhookSubscriptionEntity> {
    return this.db.repository(WebhookSubscriptionEntity);
  }

  insert(subscription: NewSubscription): Promise<WebhookSubscriptionEntity> {
    return this.subscriptions.save(this.subscriptions.create(subscription));
  }

  save(subscription: WebhookSubscriptionEntity): Promise<WebhookSubscriptionEntity> {
    return this.subscriptions.save(subscription);
  }

  /** A subscription, without its secret. */
  findById(id: number): Promise<WebhookSubscriptionEntity | null> {
    return this.subscriptions.findOneBy({ id });
  }

  page(query: PageQuery): Promise<Page<WebhookSubscriptionEntity>> {
    return findPage(this.subscriptions, { order: { id: 'ASC' } }, query);
  }

  async setSecret(id: number, secret: string): Promise<void> {
    await this.subscriptions.update({ id }, { secret });
  }

  /** Deletes a subscription (its deliveries and their attempts cascade); false when there was none. */
  async delete(id: number): Promise<boolean> {
    const result = await this.subscriptions.delete({ id });
    return Boolean(result.affected);
  }
}
