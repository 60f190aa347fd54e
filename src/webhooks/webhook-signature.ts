import { createHmac, randomBytes } from 'node:crypto';

/** `X-Signature`: hex HMAC-SHA256 of the raw body with the subscription secret (seed 001 §8.3). */
export function bodySignature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * `X-Signature-256: t=<unix seconds>,v1=<hex HMAC of "<t>.<body>">`: binds the signature to a
 * time, so a receiver can refuse replays of old requests.
 */
export function timestampedSignature(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

export function generateSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
