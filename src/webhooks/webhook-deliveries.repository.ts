import { Injectable } from '@nestjs/common';
import { In, Repository } from 'typeorm';
import { Page } from '../common/pagination';
import { Db } from '../database/db';
import { findPage } from '../database/paging';
import { queryReturning } from '../database/sql';
import { ListDeliveriesQuery } from './dto/webhook.dto';
import { DeliveryOutcome, foldDeadCounts } from './retry-policy';
import { WebhookDeliveryAttemptEntity } from './webhook-delivery-attempt.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';

/** A delivery claimed by this dispatcher, with what is needed to send it. */
export interface ClaimedDelivery {
  id: number;
  subscription_id: number;
  event_type: string;
  webhook_id: string;
  body: string;
  attempts: number;
  url: string;
  secret: string;
}

/** A finished attempt and what it means for its delivery. */
export interface AttemptResult {
  deliveryId: number;
  subscriptionId: number;
  attemptNo: number;
  startedAt: Date;
  responseStatus: number | null;
  latencyMs: number;
  error: string | null;
  outcome: DeliveryOutcome;
}

const STATUS_AFTER: Record<DeliveryOutcome['kind'], string> = { succeeded: 'succeeded', retry: 'pending', dead: 'dead' };

/** What the delivery log shows of a delivery. */
const LOG_COLUMNS = {
  id: true, eventId: true, eventType: true, webhookId: true, status: true, attempts: true, nextAttemptAt: true,
  lastResponseStatus: true, lastError: true, redeliveryOf: true, createdAt: true, completedAt: true,
} as const;

/** What a new delivery is given; the rest (id, X-Webhook-Id, status, schedule) are defaults. */
export type NewDelivery = Pick<WebhookDeliveryEntity, 'subscriptionId' | 'eventType' | 'body' | 'eventOccurredAt'> &
  Partial<Pick<WebhookDeliveryEntity, 'eventId' | 'redeliveryOf'>>;

/**
 * Deliveries and their attempts. The dispatcher's SQL: fan-out of outbox events, claiming due
 * deliveries, recording attempts. The admin API's: the delivery log, redeliveries and pings.
 */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(private readonly db: Db) {}

  private get deliveries(): Repository<WebhookDeliveryEntity> {
    return this.db.repository(WebhookDeliveryEntity);
  }

  /**
   * Turns up to `limit` undispatched outbox events into deliveries for the subscriptions that
   * want them, and marks the events dispatched — one statement, so it is all or nothing. SKIP
   * LOCKED lets several dispatchers share the work; the unique (subscription, event) index
   * keeps a delivery from being created twice.
   */
  async fanOut(limit: number): Promise<number> {
    const rows = await queryReturning<{ id: number }>(
      this.db.manager,
      `WITH batch AS (
         SELECT id, event_type, payload, internal, occurred_at FROM outbox_events
          WHERE dispatched_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
       ), created AS (
         INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, body, event_occurred_at)
         SELECT s.id, b.id, b.event_type,
                json_build_object(
                  'event', b.event_type,
                  'timestamp', to_char(b.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                  'data', b.payload)::text,
                b.occurred_at
           FROM batch b
           JOIN webhook_subscriptions s
             ON s.active AND (b.event_type = ANY (s.events) OR '*' = ANY (s.events)) AND (NOT b.internal OR s.internal)
         ON CONFLICT DO NOTHING
         RETURNING 1
       )
       UPDATE outbox_events SET dispatched_at = now() WHERE id IN (SELECT id FROM batch) RETURNING id`,
      [limit],
    );
    return rows.length;
  }

  /** Leases up to `limit` due deliveries of active subscriptions to this dispatcher. */
  claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    return queryReturning<ClaimedDelivery>(
      this.db.manager,
      `UPDATE webhook_deliveries d
          SET lease_until = now() + make_interval(secs => $2::double precision / 1000), attempts = d.attempts + 1
         FROM (SELECT w.id FROM webhook_deliveries w
                 JOIN webhook_subscriptions s ON s.id = w.subscription_id AND s.active
                WHERE w.status = 'pending' AND w.next_attempt_at <= now()
                  AND (w.lease_until IS NULL OR w.lease_until < now())
                ORDER BY w.next_attempt_at LIMIT $1
                  FOR UPDATE OF w SKIP LOCKED) due,
              webhook_subscriptions s
        WHERE d.id = due.id AND s.id = d.subscription_id
        RETURNING d.id, d.subscription_id, d.event_type, d.webhook_id, d.body, d.attempts, s.url, s.secret`,
      [limit, leaseMs],
    );
  }

  /**
   * Records a batch of finished attempts: the attempt log, each delivery's new state, and each
   * subscription's count of dead deliveries in a row (enough of them in a row disable it).
   * Three statements: call it inside Transactions.run so that they commit together.
   */
  async recordAttempts(results: AttemptResult[], disableAfter: number): Promise<void> {
    if (results.length === 0) return;
    const counts = foldDeadCounts(results.map((r) => ({ subscriptionId: r.subscriptionId, kind: r.outcome.kind })));
    const manager = this.db.manager;
    await manager.query(
      `INSERT INTO webhook_delivery_attempts (delivery_id, attempt_no, started_at, response_status, latency_ms, error)
       SELECT * FROM unnest($1::bigint[], $2::int[], $3::timestamptz[], $4::int[], $5::int[], $6::text[])`,
      [
        results.map((r) => r.deliveryId),
        results.map((r) => r.attemptNo),
        results.map((r) => r.startedAt),
        results.map((r) => r.responseStatus),
        results.map((r) => r.latencyMs),
        results.map((r) => r.error),
      ],
    );
    await manager.query(
      `UPDATE webhook_deliveries d
          SET status = u.status,
              completed_at = CASE WHEN u.status = 'pending' THEN NULL ELSE now() END,
              next_attempt_at = CASE WHEN u.status = 'pending' THEN now() + make_interval(secs => u.delay_ms / 1000) ELSE d.next_attempt_at END,
              lease_until = NULL, last_response_status = u.response_status, last_error = u.error
         FROM unnest($1::bigint[], $2::text[], $3::double precision[], $4::int[], $5::text[]) AS u(id, status, delay_ms, response_status, error)
        WHERE d.id = u.id AND d.status = 'pending'`,
      [
        results.map((r) => r.deliveryId),
        results.map((r) => STATUS_AFTER[r.outcome.kind]),
        results.map((r) => (r.outcome.kind === 'retry' ? r.outcome.delayMs : 0)),
        results.map((r) => r.responseStatus),
        results.map((r) => r.error),
      ],
    );
    if (counts.size === 0) return;
    await manager.query(
      `UPDATE webhook_subscriptions s
          SET consecutive_dead_deliveries = n.count,
              active = s.active AND n.count < $4,
              disabled_reason = CASE WHEN s.active AND n.count >= $4
                THEN 'disabled after ' || n.count || ' consecutive dead deliveries' ELSE s.disabled_reason END
         FROM (SELECT u.id, CASE WHEN u.reset THEN u.dead ELSE s2.consecutive_dead_deliveries + u.dead END AS count
                 FROM unnest($1::int[], $2::boolean[], $3::int[]) AS u(id, reset, dead)
                 JOIN webhook_subscriptions s2 ON s2.id = u.id) n
        WHERE s.id = n.id`,
      [[...counts.keys()], [...counts.values()].map((c) => c.reset), [...counts.values()].map((c) => c.dead), disableAfter],
    );
  }

  /** A subscription's deliveries, newest first, without their bodies. */
  pageOf(subscriptionId: number, query: ListDeliveriesQuery): Promise<Page<WebhookDeliveryEntity>> {
    const where = { subscriptionId, ...(query.status && { status: query.status }), ...(query.event && { eventType: query.event }) };
    return findPage(this.deliveries, { where, order: { id: 'DESC' }, select: LOG_COLUMNS }, query);
  }

  /** The attempts of these deliveries, in order, by delivery id. */
  async attemptsOf(deliveryIds: readonly number[]): Promise<Map<number, WebhookDeliveryAttemptEntity[]>> {
    const byDelivery = new Map<number, WebhookDeliveryAttemptEntity[]>();
    if (deliveryIds.length === 0) return byDelivery;
    const attempts = await this.db.repository(WebhookDeliveryAttemptEntity).find({
      where: { deliveryId: In(deliveryIds) },
      order: { deliveryId: 'ASC', attemptNo: 'ASC' },
    });
    for (const attempt of attempts) {
      const id = Number(attempt.deliveryId);
      const list = byDelivery.get(id);
      if (list) list.push(attempt);
      else byDelivery.set(id, [attempt]);
    }
    return byDelivery;
  }

  findOfSubscription(subscriptionId: number, id: number): Promise<WebhookDeliveryEntity | null> {
    return this.deliveries.findOneBy({ id, subscriptionId });
  }

  /** Queues a delivery, due now; answers it as stored (its defaults included). */
  async enqueue(delivery: NewDelivery): Promise<WebhookDeliveryEntity> {
    const { identifiers } = await this.deliveries.insert(delivery);
    return this.deliveries.findOneByOrFail({ id: identifiers[0].id as number });
  }
}
