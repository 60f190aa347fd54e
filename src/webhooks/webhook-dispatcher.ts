import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { webhooksConfig } from '../config/webhooks.config';
import { outcomeOf } from './retry-policy';
import { ClaimedDelivery, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { postWebhook } from './webhook-sender';
import { bodySignature, timestampedSignature } from './webhook-signature';

const FAN_OUT_BATCH = 200;

/**
 * Moves committed outbox events to subscribers: fan-out into deliveries, then signed POSTs with
 * retries. Runs in every instance that enables it; the database (SKIP LOCKED, leases) keeps
 * two dispatchers from sending one delivery twice in the normal case. At-least-once: a
 * dispatcher that dies mid-send leaves a lease that expires, and the delivery is sent again.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly inFlight = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private running = false;
  private ticking = false;
  private tickAgain = false;

  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    @Inject(webhooksConfig.KEY) private readonly config: ConfigType<typeof webhooksConfig>,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.dispatcherEnabled) return;
    this.running = true;
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    // Let attempts in progress record their result; anything cut off is retried after its lease.
    await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((r) => setTimeout(r, this.config.timeoutMs))]);
  }

  /** Looks for work now rather than at the next poll (after a ping or a redeliver). */
  kick(): void {
    if (this.running) this.schedule(0);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
  }

  private async tick(): Promise<void> {
    if (!this.running) return;
    if (this.ticking) {
      this.tickAgain = true;
      return;
    }
    this.ticking = true;
    try {
      while (this.running && (await this.deliveries.fanOut(FAN_OUT_BATCH)) === FAN_OUT_BATCH);
      const free = this.config.concurrency - this.inFlight.size;
      if (free > 0 && this.running) {
        // The lease outlives any attempt (timeout plus recording it); a dead dispatcher's lease expires.
        const claimed = await this.deliveries.claimDue(free, 2 * this.config.timeoutMs + 5_000);
        for (const delivery of claimed) this.track(this.attempt(delivery));
      }
    } catch (err) {
      this.logger.warn(`Webhook dispatch round failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.ticking = false;
      const again = this.tickAgain;
      this.tickAgain = false;
      if (this.running) this.schedule(again ? 0 : this.config.pollIntervalMs);
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => {
      this.inFlight.delete(work);
      this.kick(); // a slot is free: refill it without waiting for the next poll
    });
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const startedAt = new Date();
    const timestamp = Math.floor(startedAt.getTime() / 1000);
    const result = await postWebhook(
      delivery.url,
      delivery.body,
      {
        'x-signature': bodySignature(delivery.secret, delivery.body),
        'x-signature-256': timestampedSignature(delivery.secret, delivery.body, timestamp),
        'x-webhook-id': delivery.webhook_id,
        'x-webhook-event': delivery.event_type,
        'x-webhook-timestamp': String(timestamp),
      },
      { timeoutMs: this.config.timeoutMs, allowPrivateTargets: this.config.allowPrivateTargets },
    );
    const record = {
      deliveryId: delivery.id,
      subscriptionId: delivery.subscription_id,
      attemptNo: delivery.attempts,
      startedAt,
      responseStatus: result.status,
      latencyMs: result.latencyMs,
      error: result.error,
    };
    try {
      const outcome = outcomeOf(result.ok, delivery.attempts, this.config);
      if (outcome.kind === 'succeeded') await this.deliveries.recordSuccess(record);
      else if (outcome.kind === 'retry') await this.deliveries.recordRetry(record, outcome.delayMs);
      else await this.deliveries.recordDead(record, this.config.disableAfterDead);
    } catch (err) {
      this.logger.warn(`Recording delivery ${delivery.id} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
