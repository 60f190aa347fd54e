import { registerAs } from '@nestjs/config';
import { IsInt, Min } from 'class-validator';
import { parseEnv } from './env';

class SupportEnv {
  /** First-response target for urgent tickets, in minutes. */
  @IsInt() @Min(1) SLA_URGENT_RESPONSE_MINUTES: number = 60;
  /** Resolution target for urgent tickets, in minutes (sla_due_time = created_at + this). */
  @IsInt() @Min(1) SLA_URGENT_RESOLUTION_MINUTES: number = 240;
  @IsInt() @Min(1) SLA_HIGH_RESPONSE_MINUTES: number = 240;
  @IsInt() @Min(1) SLA_HIGH_RESOLUTION_MINUTES: number = 1440;
  @IsInt() @Min(1) SLA_MEDIUM_RESPONSE_MINUTES: number = 480;
  @IsInt() @Min(1) SLA_MEDIUM_RESOLUTION_MINUTES: number = 4320;
  @IsInt() @Min(1) SLA_LOW_RESPONSE_MINUTES: number = 1440;
  @IsInt() @Min(1) SLA_LOW_RESOLUTION_MINUTES: number = 7200;
  /** How often the SLA scan looks for newly overdue tickets, in ms (0: never, on this instance). */
  @IsInt() @Min(0) SLA_SCAN_INTERVAL_MS: number = 60_000;
  /** /v1 requests per minute without a valid token, per client IP. */
  @IsInt() @Min(1) RATE_LIMIT_ANONYMOUS_PER_MINUTE: number = 10;
  /** /v1 requests per minute for a user. */
  @IsInt() @Min(1) RATE_LIMIT_USER_PER_MINUTE: number = 60;
  /** /v1 requests per minute for an agent. */
  @IsInt() @Min(1) RATE_LIMIT_AGENT_PER_MINUTE: number = 120;
  /** /v1 requests per minute for an admin; 0 means unlimited. */
  @IsInt() @Min(0) RATE_LIMIT_ADMIN_PER_MINUTE: number = 0;
}

export const supportConfig = registerAs('support', () => {
  const env = parseEnv(SupportEnv);
  return {
    sla: {
      urgent: { responseMinutes: env.SLA_URGENT_RESPONSE_MINUTES, resolutionMinutes: env.SLA_URGENT_RESOLUTION_MINUTES },
      high: { responseMinutes: env.SLA_HIGH_RESPONSE_MINUTES, resolutionMinutes: env.SLA_HIGH_RESOLUTION_MINUTES },
      medium: { responseMinutes: env.SLA_MEDIUM_RESPONSE_MINUTES, resolutionMinutes: env.SLA_MEDIUM_RESOLUTION_MINUTES },
      low: { responseMinutes: env.SLA_LOW_RESPONSE_MINUTES, resolutionMinutes: env.SLA_LOW_RESOLUTION_MINUTES },
    },
    slaScanIntervalMs: env.SLA_SCAN_INTERVAL_MS,
    rateLimitPerMinute: {
      anonymous: env.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
      user: env.RATE_LIMIT_USER_PER_MINUTE,
      agent: env.RATE_LIMIT_AGENT_PER_MINUTE,
      admin: env.RATE_LIMIT_ADMIN_PER_MINUTE,
    },
  };
});

export type SupportConfig = ReturnType<typeof supportConfig>;
