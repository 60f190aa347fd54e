import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { webhooksConfig } from '../config/webhooks.config';
import { Transactions } from '../database/transactions';
import { outcomeOf } from './retry-policy';
import { AttemptResult, ClaimedDelivery, WebhookDeliveriesRepository } from './webhook-deliveries.repository';
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
  private fanOutRequested = true;
  private lastFanOutAt = 0;
  private flushing = false;
  private readonly unrecorded: Array<{ result: AttemptResult; done: () => void }> = [];

  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly transactions: Transactions,
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

  /** Looks for new events and due deliveries now rather than at the next poll. */
  kick(): void {
    this.fanOutRequested = true;
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
      const fanOut = this.fanOutRequested || Date.now() - this.lastFanOutAt >= this.config.pollIntervalMs;
      if (fanOut) {
        this.fanOutRequested = false;
        this.lastFanOutAt = Date.now();
        while (this.running && (await this.deliveries.fanOut(FAN_OUT_BATCH)) === FAN_OUT_BATCH);
      }
      const free = this.config.concurrency - this.inFlight.size;
      // Claim in batches (half the pool or more) rather than one query per freed slot.
      if (this.running && free > 0 && (fanOut || free >= Math.ceil(this.config.concurrency / 2))) {
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
      // Slots are free: refill them without waiting for the next poll.
      if (this.running) this.schedule(0);
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
    await this.record({
      deliveryId: delivery.id,
      subscriptionId: delivery.subscription_id,
      attemptNo: delivery.attempts,
      startedAt,
      responseStatus: result.status,
      latencyMs: result.latencyMs,
      error: result.error,
      outcome: outcomeOf(result.ok, delivery.attempts, this.config),
    });
  }

  /**
   * Queues a result and resolves once it is written. Results that finish while a write is
   * under way go out together in the next one, so a busy dispatcher writes in batches.
   */
  private record(result: AttemptResult): Promise<void> {
    return new Promise((resolve) => {
      this.unrecorded.push({ result, done: resolve });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.unrecorded.length > 0) {
        const batch = this.unrecorded.splice(0, this.unrecorded.length);
        try {
          const results = batch.map((b) => b.result);
          await this.transactions.run(() => this.deliveries.recordAttempts(results, this.config.disableAfterDead));
        } catch (err) {
          // The leases expire and those deliveries are attempted again: at least once.
          this.logger.warn(`Recording ${batch.length} delivery attempts failed: ${err instanceof Error ? err.message : String(err)}`);
        }
        for (const b of batch) b.done();
      }
    } finally {
      this.flushing = false;
    }
  }
}
