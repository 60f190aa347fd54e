import { verify } from 'jsonwebtoken';
import type { KeyObject } from 'node:crypto';
import { JWT_ALGORITHM } from './jwt-key';
import type { Role } from './roles';

/**
 * Reads a bearer access token's claims without touching the database: for decisions that
 * must be cheap and may be a little stale (rate-limit tiers). Authorization never uses it.
 */
export function peekAccessToken(authorization: string | undefined, key: KeyObject): { userId: number; roles: Role[] } | null {
  if (!authorization?.startsWith('Bearer ')) return null;
  try {
    const claims = verify(authorization.slice(7), key, { algorithms: [JWT_ALGORITHM] }) as { sub?: string; typ?: string; roles?: Role[] };
    const userId = Number(claims.sub);
    if (claims.typ !== 'access' || !Number.isSafeInteger(userId)) return null;
    return { userId, roles: Array.isArray(claims.roles) ? claims.roles : [] };
  } catch {
    return null;
  }
}
