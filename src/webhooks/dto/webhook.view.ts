export class WebhookView {
  /** @example 1 */
  id: number;
  /** @example https://hooks.example.com/tickets */
  url: string;
  /** @example ["ticket.created","ticket.closed"] */
  events: string[];
  /** @example "Help-desk notifications" */
  description: string | null;
  /** @example true */
  active: boolean;
  /** Also receives internal events (internal comments). @example false */
  internal: boolean;
  /** Dead deliveries in a row; the subscription is disabled past WEBHOOK_DISABLE_AFTER_DEAD. @example 0 */
  consecutive_dead_deliveries: number;
  /** Set when the dispatcher disabled the subscription. */
  disabled_reason: string | null;
  /** @example 2024-10-23T10:00:00.000Z */
  created_at: string;
  /** @example 2024-10-23T10:00:00.000Z */
  updated_at: string;
}

export class WebhookWithSecretView extends WebhookView {
  /** Shown once: keep it to verify X-Signature. @example whsec_3q2-7wTzm3Jq4Xk9P0bVfS8yLc1RrD6uA5eHnGtKoZw */
  secret: string;
}

export class DeliveryAttemptView {
  /** @example 1 */
  attempt: number;
  /** @example 2024-10-23T10:30:01.000Z */
  started_at: string;
  /** The target's HTTP status; null when no answer came. @example 200 */
  response_status: number | null;
  /** @example 84 */
  latency_ms: number;
  error: string | null;
}

export class DeliveryView {
  /** @example 42 */
  id: number;
  /** The outbox event delivered; null for a ping. @example 17 */
  event_id: number | null;
  /** @example ticket.created */
  event_type: string;
  /** Sent as X-Webhook-Id; the same on every retry. @example 2f1c3e8a-5b7d-4c2e-9a61-0d8f4b7e3c15 */
  webhook_message_id: string;
  /** @example succeeded */
  status: 'pending' | 'succeeded' | 'dead';
  /** @example 1 */
  attempts: number;
  next_attempt_at: string | null;
  /** @example 200 */
  last_response_status: number | null;
  last_error: string | null;
  /** The delivery this one sends again (redeliver). */
  redelivery_of: number | null;
  /** @example 2024-10-23T10:30:00.000Z */
  created_at: string;
  /** @example 2024-10-23T10:30:01.000Z */
  completed_at: string | null;
  attempt_log: DeliveryAttemptView[];
}
