import { registerAs } from '@nestjs/config';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { EnvBoolean, parseEnv } from './env';

class WebhooksEnv {
  /** Run the webhook dispatcher in this process (turn off on API-only instances). */
  @EnvBoolean() @IsBoolean() WEBHOOK_DISPATCHER_ENABLED: boolean = true;
  /** How often the dispatcher looks for new events and due deliveries, in ms. */
  @IsInt() @Min(10) WEBHOOK_POLL_INTERVAL_MS: number = 250;
  /** Timeout of one delivery attempt, in ms. */
  @IsInt() @Min(100) WEBHOOK_TIMEOUT_MS: number = 10_000;
  /** Attempts before a delivery is marked dead. */
  @IsInt() @Min(1) @Max(30) WEBHOOK_MAX_ATTEMPTS: number = 8;
  /** Delay before the first retry, in ms; it doubles each attempt (8 attempts ≈ a day). */
  @IsInt() @Min(1) WEBHOOK_RETRY_BASE_DELAY_MS: number = 680_000;
  /** Deliveries in flight at once, across subscriptions. */
  @IsInt() @Min(1) @Max(500) WEBHOOK_CONCURRENCY: number = 16;
  /** Consecutive dead deliveries after which a subscription is disabled. */
  @IsInt() @Min(1) WEBHOOK_DISABLE_AFTER_DEAD: number = 5;
  /** Allow targets on loopback, private and link-local addresses (tests, local development). */
  @EnvBoolean() @IsBoolean() WEBHOOK_ALLOW_PRIVATE_TARGETS: boolean = false;
}

export const webhooksConfig = registerAs('webhooks', () => {
  const env = parseEnv(WebhooksEnv);
  return {
    dispatcherEnabled: env.WEBHOOK_DISPATCHER_ENABLED,
    pollIntervalMs: env.WEBHOOK_POLL_INTERVAL_MS,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
    retryBaseDelayMs: env.WEBHOOK_RETRY_BASE_DELAY_MS,
    concurrency: env.WEBHOOK_CONCURRENCY,
    disableAfterDead: env.WEBHOOK_DISABLE_AFTER_DEAD,
    allowPrivateTargets: env.WEBHOOK_ALLOW_PRIVATE_TARGETS,
  };
});

export type WebhooksConfig = ReturnType<typeof webhooksConfig>;
