export class WebhookView {
  id: number;
  url: string;
  events: string[];
  description: string | null;
  active: boolean;
  internal: boolean;
  /** Dead deliveries in a row; the subscription is disabled past WEBHOOK_DISABLE_AFTER_DEAD. */
  consecutive_dead_deliveries: number;
  /** Set when the dispatcher disabled the subscription. */
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}

export class WebhookWithSecretView extends WebhookView {
  /** Shown once: keep it to verify X-Signature. */
  secret: string;
}

export class DeliveryAttemptView {
  attempt: number;
  started_at: string;
  response_status: number | null;
  latency_ms: number;
  error: string | null;
}

export class DeliveryView {
  id: number;
  event_id: number | null;
  event_type: string;
  /** Sent as X-Webhook-Id; the same on every retry. */
  webhook_message_id: string;
  status: 'pending' | 'succeeded' | 'dead';
  attempts: number;
  next_attempt_at: string | null;
  last_response_status: number | null;
  last_error: string | null;
  redelivery_of: number | null;
  created_at: string;
  completed_at: string | null;
  attempt_log: DeliveryAttemptView[];
}
