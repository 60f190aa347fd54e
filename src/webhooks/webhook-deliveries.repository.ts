import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { queryReturning } from '../common/sql';

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

export interface AttemptRecord {
  deliveryId: number;
  subscriptionId: number;
  attemptNo: number;
  startedAt: Date;
  responseStatus: number | null;
  latencyMs: number;
  error: string | null;
}

/** The dispatcher's SQL: fan-out of outbox events, claiming due deliveries, recording attempts. */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Turns up to `limit` undispatched outbox events into deliveries for the subscriptions that
   * want them, and marks the events dispatched — one statement, so it is all or nothing. SKIP
   * LOCKED lets several dispatchers share the work; the unique (subscription, event) index
   * keeps a delivery from being created twice.
   */
  async fanOut(limit: number): Promise<number> {
    const rows = await queryReturning<{ id: number }>(
      this.dataSource,
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
      this.dataSource,
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

  /** Records an attempt that succeeded. */
  async recordSuccess(attempt: AttemptRecord): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.insertAttempt(manager, attempt);
      await manager.query(
        `UPDATE webhook_deliveries SET status = 'succeeded', completed_at = now(), lease_until = NULL,
                last_response_status = $2, last_error = NULL
          WHERE id = $1 AND status = 'pending'`,
        [attempt.deliveryId, attempt.responseStatus],
      );
      await manager.query(`UPDATE webhook_subscriptions SET consecutive_dead_deliveries = 0 WHERE id = $1 AND consecutive_dead_deliveries <> 0`, [attempt.subscriptionId]);
    });
  }

  /** Records a failed attempt to be tried again after `delayMs`. */
  async recordRetry(attempt: AttemptRecord, delayMs: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.insertAttempt(manager, attempt);
      await manager.query(
        `UPDATE webhook_deliveries SET next_attempt_at = now() + make_interval(secs => $2::double precision / 1000),
                lease_until = NULL, last_response_status = $3, last_error = $4
          WHERE id = $1 AND status = 'pending'`,
        [attempt.deliveryId, delayMs, attempt.responseStatus, attempt.error],
      );
    });
  }

  /** Records the last failed attempt: the delivery is dead; enough dead in a row disable the subscription. */
  async recordDead(attempt: AttemptRecord, disableAfter: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.insertAttempt(manager, attempt);
      await manager.query(
        `UPDATE webhook_deliveries SET status = 'dead', completed_at = now(), lease_until = NULL,
                last_response_status = $2, last_error = $3
          WHERE id = $1 AND status = 'pending'`,
        [attempt.deliveryId, attempt.responseStatus, attempt.error],
      );
      await manager.query(
        `UPDATE webhook_subscriptions
            SET consecutive_dead_deliveries = consecutive_dead_deliveries + 1,
                active = CASE WHEN consecutive_dead_deliveries + 1 >= $2 THEN false ELSE active END,
                disabled_reason = CASE WHEN consecutive_dead_deliveries + 1 >= $2
                  THEN 'disabled after ' || (consecutive_dead_deliveries + 1) || ' consecutive dead deliveries' ELSE disabled_reason END
          WHERE id = $1`,
        [attempt.subscriptionId, disableAfter],
      );
    });
  }

  private async insertAttempt(manager: EntityManager, a: AttemptRecord): Promise<void> {
    await manager.query(
      `INSERT INTO webhook_delivery_attempts (delivery_id, attempt_no, started_at, response_status, latency_ms, error)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [a.deliveryId, a.attemptNo, a.startedAt, a.responseStatus, a.latencyMs, a.error],
    );
  }
}
