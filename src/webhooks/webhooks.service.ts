import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Page } from '../common/pagination';
import { PageQuery } from '../common/page-query.dto';
import { isoSeconds } from '../common/time';
import { webhooksConfig } from '../config/webhooks.config';
import type { AuthContext } from '../identity/auth-context';
import { CreateWebhookDto, ListDeliveriesQuery, UpdateWebhookDto } from './dto/webhook.dto';
import { DeliveryView, WebhookView, WebhookWithSecretView } from './dto/webhook.view';
import { NewDelivery, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDeliveryAttemptEntity } from './webhook-delivery-attempt.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookDispatcher } from './webhook-dispatcher';
import { generateSecret } from './webhook-signature';
import { WebhookSubscriptionEntity } from './webhook-subscription.entity';
import { WebhookSubscriptionsRepository } from './webhook-subscriptions.repository';
import { problemWithUrl, reachesPrivateAddress } from './webhook-target';
import { WebhookError, WebhookErrorCode } from './webhooks.errors';

/** Webhook subscriptions, their delivery log, redelivery and ping (admin API). */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly subscriptions: WebhookSubscriptionsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly dispatcher: WebhookDispatcher,
    @Inject(webhooksConfig.KEY) private readonly config: ConfigType<typeof webhooksConfig>,
  ) {}

  async create(auth: AuthContext, dto: CreateWebhookDto): Promise<WebhookWithSecretView> {
    await this.assertAcceptableTarget(dto.url);
    const secret = dto.secret ?? generateSecret();
    const saved = await this.subscriptions.insert({
      url: dto.url,
      events: dto.events,
      secret,
      description: dto.description ?? null,
      active: dto.active ?? true,
      internal: dto.internal ?? false,
      createdBy: auth.userId,
    });
    return { ...toWebhookView(saved), secret };
  }

  async list(query: PageQuery): Promise<Page<WebhookView>> {
    return (await this.subscriptions.page(query)).map(toWebhookView);
  }

  async get(id: number): Promise<WebhookView> {
    return toWebhookView(await this.require(id));
  }

  async update(id: number, dto: UpdateWebhookDto): Promise<WebhookView> {
    const subscription = await this.require(id);
    if (dto.url !== undefined) {
      await this.assertAcceptableTarget(dto.url);
      subscription.url = dto.url;
    }
    if (dto.events !== undefined) subscription.events = dto.events;
    if (dto.description !== undefined) subscription.description = dto.description;
    if (dto.internal !== undefined) subscription.internal = dto.internal;
    if (dto.active !== undefined) {
      if (dto.active && !subscription.active) {
        subscription.consecutiveDeadDeliveries = 0;
        subscription.disabledReason = null;
      }
      subscription.active = dto.active;
    }
    const saved = toWebhookView(await this.subscriptions.save(subscription));
    this.dispatcher.kick();
    return saved;
  }

  async remove(id: number): Promise<void> {
    if (!(await this.subscriptions.delete(id))) throw notFound(id);
  }

  async rotateSecret(id: number): Promise<WebhookWithSecretView> {
    const subscription = await this.require(id);
    const secret = generateSecret();
    await this.subscriptions.setSecret(id, secret);
    return { ...toWebhookView(subscription), secret };
  }

  async listDeliveries(id: number, query: ListDeliveriesQuery): Promise<Page<DeliveryView>> {
    await this.require(id);
    const page = await this.deliveries.pageOf(id, query);
    const attempts = await this.deliveries.attemptsOf(page.items.map((d) => d.id));
    return page.map((delivery) => toDeliveryView(delivery, attempts.get(Number(delivery.id)) ?? []));
  }

  /** Sends a delivery's event again, as a new delivery (its own id and attempt log). */
  async redeliver(id: number, deliveryId: number): Promise<DeliveryView> {
    const original = await this.deliveries.findOfSubscription(id, deliveryId);
    if (!original) throw new WebhookError(WebhookErrorCode.DELIVERY_NOT_FOUND, `Delivery ${deliveryId} not found for webhook ${id}`);
    return this.enqueue({
      subscriptionId: id,
      eventId: original.eventId,
      eventType: original.eventType,
      body: original.body,
      eventOccurredAt: original.eventOccurredAt,
      redeliveryOf: original.id,
    });
  }

  /** Queues a `ping` event for this subscription alone, sent at once. */
  async ping(id: number): Promise<DeliveryView> {
    const subscription = await this.require(id);
    const now = new Date();
    const body = JSON.stringify({
      event: 'ping',
      timestamp: isoSeconds(now),
      data: { webhook_id: subscription.id, url: subscription.url, events: subscription.events },
    });
    return this.enqueue({ subscriptionId: id, eventType: 'ping', body, eventOccurredAt: now });
  }

  /** Queues a delivery and wakes the dispatcher. */
  private async enqueue(delivery: NewDelivery): Promise<DeliveryView> {
    const queued = await this.deliveries.enqueue(delivery);
    this.dispatcher.kick();
    return toDeliveryView(queued, []);
  }

  private async require(id: number): Promise<WebhookSubscriptionEntity> {
    const subscription = await this.subscriptions.findById(id);
    if (!subscription) throw notFound(id);
    return subscription;
  }

  /** Refuses URLs that are not http(s), and (SSRF) targets on private networks unless allowed. */
  private async assertAcceptableTarget(url: string): Promise<void> {
    const problem = problemWithUrl(url);
    if (problem) throw new WebhookError(WebhookErrorCode.INVALID_WEBHOOK_URL, problem, { url: problem });
    if (this.config.allowPrivateTargets) return;
    const hostname = new URL(url).hostname;
    let isPrivate: boolean;
    try {
      isPrivate = await reachesPrivateAddress(hostname);
    } catch {
      throw new WebhookError(WebhookErrorCode.INVALID_WEBHOOK_URL, `Cannot resolve ${hostname}`, { url: 'host does not resolve' });
    }
    if (isPrivate) {
      throw new WebhookError(
        WebhookErrorCode.WEBHOOK_TARGET_FORBIDDEN,
        `${hostname} resolves to a loopback, private or link-local address`,
        { url: 'private network targets are not allowed' },
      );
    }
  }
}

function notFound(id: number): WebhookError {
  return new WebhookError(WebhookErrorCode.WEBHOOK_NOT_FOUND, `Webhook ${id} not found`);
}

function toWebhookView(s: WebhookSubscriptionEntity): WebhookView {
  return {
    id: s.id,
    url: s.url,
    events: s.events,
    description: s.description,
    active: s.active,
    internal: s.internal,
    consecutive_dead_deliveries: s.consecutiveDeadDeliveries,
    disabled_reason: s.disabledReason,
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
  };
}

function toDeliveryView(d: WebhookDeliveryEntity, log: WebhookDeliveryAttemptEntity[]): DeliveryView {
  return {
    id: Number(d.id),
    event_id: d.eventId === null ? null : Number(d.eventId),
    event_type: d.eventType,
    webhook_message_id: d.webhookId,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
    last_response_status: d.lastResponseStatus,
    last_error: d.lastError,
    redelivery_of: d.redeliveryOf === null ? null : Number(d.redeliveryOf),
    created_at: d.createdAt.toISOString(),
    completed_at: d.completedAt?.toISOString() ?? null,
    attempt_log: log.map((a) => ({
      attempt: a.attemptNo,
      started_at: a.startedAt.toISOString(),
      response_status: a.responseStatus,
      latency_ms: a.latencyMs,
      error: a.error,
    })),
  };
}
