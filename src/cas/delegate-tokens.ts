import { randomBytes, timingSafeEqual } from 'node:crypto';
import { blake3_256 } from './codec/blake3';
import { uuidBytes, uuidOf } from './delegate-ids';

/**
 * CASFA's binary tokens (docs/casfa-api/README.md), sent base64 as the bearer:
 * access token  `[delegateId 16][expiresAt u64 LE ms][nonce 8]` = 32 bytes,
 * refresh token `[delegateId 16][nonce 8]` = 24 bytes.
 * The server keeps only their BLAKE3 hashes.
 */
export const ACCESS_TOKEN_BYTES = 32;
export const REFRESH_TOKEN_BYTES = 24;

export interface IssuedToken {
  bytes: Buffer;
  base64: string;
  hash: Buffer;
}

export interface IssuedPair {
  accessToken: IssuedToken & { expiresAt: number };
  refreshToken: IssuedToken;
}

export function issueTokenPair(delegateId: string, accessExpiresAt: number): IssuedPair {
  const id = uuidBytes(delegateId);
  const at = Buffer.alloc(ACCESS_TOKEN_BYTES);
  id.copy(at, 0);
  at.writeBigUInt64LE(BigInt(accessExpiresAt), 16);
  randomBytes(8).copy(at, 24);
  const rt = Buffer.concat([id, randomBytes(8)]);
  return { accessToken: { ...issued(at), expiresAt: accessExpiresAt }, refreshToken: issued(rt) };
}

function issued(bytes: Buffer): IssuedToken {
  return { bytes, base64: bytes.toString('base64'), hash: tokenHash(bytes) };
}

export function tokenHash(bytes: Uint8Array): Buffer {
  return Buffer.from(blake3_256(bytes));
}

export function sameHash(a: Buffer | null, b: Buffer): boolean {
  return a !== null && a.length === b.length && timingSafeEqual(a, b);
}

/** What a bearer value is, by CASFA's rule: a `.` makes it a JWT, else base64 of 32 (AT) or 24 (RT) bytes. */
export type Bearer =
  | { type: 'jwt'; token: string }
  | { type: 'access'; bytes: Buffer; delegateId: string; expiresAt: number }
  | { type: 'refresh'; bytes: Buffer; delegateId: string }
  | { type: 'malformed' };

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function classifyBearer(token: string): Bearer {
  if (token.includes('.')) return { type: 'jwt', token };
  if (token.length > 64 || !BASE64.test(token)) return { type: 'malformed' };
  const bytes = Buffer.from(token, 'base64');
  if (bytes.length === ACCESS_TOKEN_BYTES) {
    const expiresAt = bytes.readBigUInt64LE(16);
    return { type: 'access', bytes, delegateId: uuidOf(bytes.subarray(0, 16)), expiresAt: expiresAt > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(expiresAt) };
  }
  if (bytes.length === REFRESH_TOKEN_BYTES) return { type: 'refresh', bytes, delegateId: uuidOf(bytes.subarray(0, 16)) };
  return { type: 'malformed' };
}
