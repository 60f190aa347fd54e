import { createHmac, timingSafeEqual } from 'node:crypto';
import { serverUrl } from './test-database';

/** A test that needs SQL access from outside the server: runs on PostgreSQL (TEST_DATABASE_URL), skipped on the embedded database. */
export const withPostgres = serverUrl ? it : it.skip;

/** A signed-in user as the specs use one. */
export interface Actor {
  token: string;
  user: { id: number; name: string; email: string };
}

/** Server settings that keep seed 001's rate limits and the SLA scan out of a spec's way. */
export const UNLIMITED = {
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000',
  RATE_LIMIT_USER_PER_MINUTE: '100000',
  RATE_LIMIT_AGENT_PER_MINUTE: '100000',
  SLA_SCAN_INTERVAL_MS: '0',
};

/** Seed 001 §8.3's verify_webhook, rewritten in TypeScript: what a receiver runs on X-Signature. */
export function verifyWebhook(payload: string, signature: string, secret: string): boolean {
  const computed = createHmac('sha256', Buffer.from(secret)).update(Buffer.from(payload)).digest('hex');
  return computed.length === signature.length && timingSafeEqual(Buffer.from(computed), Buffer.from(signature));
}
