import { createHmac, timingSafeEqual } from 'node:crypto';
import { bodySignature, generateSecret, timestampedSignature } from './webhook-signature';

/** Seed 001 §8.3's verify_webhook, in TypeScript. */
function verifyWebhook(payload: string, signature: string, secret: string): boolean {
  const computed = createHmac('sha256', Buffer.from(secret)).update(Buffer.from(payload)).digest('hex');
  return computed.length === signature.length && timingSafeEqual(Buffer.from(computed), Buffer.from(signature));
}

describe('webhook signatures', () => {
  const body = JSON.stringify({ event: 'ticket.created', data: { title: '无法登录账号' } });

  it('X-Signature passes the seed verification and fails on a changed body or secret', () => {
    const signature = bodySignature('s3cret', body);
    expect(verifyWebhook(body, signature, 's3cret')).toBe(true);
    expect(verifyWebhook(body + ' ', signature, 's3cret')).toBe(false);
    expect(verifyWebhook(body, signature, 'other')).toBe(false);
  });

  it('X-Signature-256 signs "<t>.<body>"', () => {
    const header = timestampedSignature('s3cret', body, 1700000000);
    const [t, v1] = header.split(',');
    expect(t).toBe('t=1700000000');
    expect(v1.slice(3)).toBe(createHmac('sha256', 's3cret').update(`1700000000.${body}`).digest('hex'));
  });

  it('generates distinct secrets', () => {
    expect(generateSecret()).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateSecret()).not.toBe(generateSecret());
  });
});
