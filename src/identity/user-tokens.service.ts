import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { sign, verify } from 'jsonwebtoken';
import type { KeyObject } from 'node:crypto';
import { bearerOf } from '../common/http/bearer';
import { MAX_ID } from '../common/validation/parse-id.pipe';
import { authConfig } from '../config/auth.config';
import { AuthContext } from './auth-context';
import { JWT_ALGORITHM, jwtKey } from './jwt-key';
import type { Role } from './roles';
import { UsersService } from './users.service';

/** The claims of a valid user access token, read without the database. */
export interface AccessClaims {
  userId: number;
  roles: Role[];
  /** Seconds since the epoch, as signed. */
  issuedAt: number;
  expiresAt: number;
}

/** Public profile claims some clients decode from the token (seed 003's PD2 client): never anything secret. */
export type ProfileClaims = Record<string, string | number | boolean>;

const RESERVED_CLAIMS = new Set(['sub', 'typ', 'roles', 'iat', 'exp', 'nbf', 'aud', 'iss', 'jti']);

/**
 * Identity's verifier of user access tokens, for other modules: the passport strategy behind
 * @Authenticated, the /v1 rate limiter, and the realm surface (a bearer with a `.` is a user JWT).
 */
@Injectable()
export class UserTokens {
  private readonly key: KeyObject;

  constructor(
    private readonly users: UsersService,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {
    this.key = jwtKey(config.jwtSecret);
  }

  /** Signature, expiry and type checked; null when the token is not a valid user access token. */
  verify(token: string): AccessClaims | null {
    try {
      return claimsOf(verify(token, this.key, { algorithms: [JWT_ALGORITHM] }));
    } catch {
      return null;
    }
  }

  /**
   * Signature and type checked, expiry forgiven for `graceSeconds` past it: for a refresh that
   * checks the user again elsewhere (seed 003's PUT /oauth asks Discord). Null otherwise.
   */
  verifyExpired(token: string, graceSeconds: number): AccessClaims | null {
    try {
      const claims = claimsOf(verify(token, this.key, { algorithms: [JWT_ALGORITHM], ignoreExpiration: true }));
      return claims && claims.expiresAt + graceSeconds > Date.now() / 1000 ? claims : null;
    } catch {
      return null;
    }
  }

  /**
   * A user access token, like the one login issues (accepted on every surface, for
   * JWT_EXPIRES_IN), carrying public profile claims beside ours.
   */
  issue(userId: number, roles: readonly Role[], profile: ProfileClaims = {}): { accessToken: string; expiresIn: number } {
    const extra = Object.fromEntries(Object.entries(profile).filter(([name]) => !RESERVED_CLAIMS.has(name)));
    const accessToken = sign({ ...extra, typ: 'access', roles }, this.key, { algorithm: JWT_ALGORITHM, subject: String(userId), expiresIn: this.config.accessTokenTtlSeconds });
    return { accessToken, expiresIn: this.config.accessTokenTtlSeconds };
  }

  /** The claims of an `Authorization: Bearer …` header, or null. For cheap decisions such as rate-limit tiers. */
  peek(authorization: string | undefined): AccessClaims | null {
    const token = bearerOf(authorization);
    return token ? this.verify(token) : null;
  }

  /** The caller behind a token: verified, and the user read afresh (a disabled user's tokens stop at once). */
  async authenticate(token: string): Promise<AuthContext | null> {
    const claims = this.verify(token);
    return claims ? this.users.authContextOf(claims.userId) : null;
  }

  /**
   * The caller of a request that carries `Authorization: Bearer <user JWT>`, read once per
   * request whoever asks first (the /v1 rate limiter, then the route's guard): its roles are
   * the user's current ones, not those frozen in the token.
   */
  callerOf(request: { headers: { authorization?: string } }): Promise<AuthContext | null> {
    return this.callerFromClaims(request, undefined);
  }

  /**
   * callerOf for a token whose signature and expiry were already verified (passport-jwt hands
   * over its payload): only the claims' shape is checked, the token is not verified again.
   */
  callerFromClaims(request: { headers: { authorization?: string } }, payload: unknown): Promise<AuthContext | null> {
    let caller = this.callers.get(request);
    if (!caller) {
      const claims = payload === undefined ? this.peek(request.headers.authorization) : claimsOf(payload);
      caller = claims ? this.users.authContextOf(claims.userId) : Promise.resolve(null);
      this.callers.set(request, caller);
    }
    return caller;
  }

  private readonly callers = callersOfRequests;
}

/** Per request, the caller its user JWT resolved to (read once per request, see UserTokens.callerOf). */
const callersOfRequests = new WeakMap<object, Promise<AuthContext | null>>();

/** The caller an earlier step of this request already verified and read (the /v1 rate limiter does); undefined when none did. */
export function resolvedCaller(request: object): Promise<AuthContext | null> | undefined {
  return callersOfRequests.get(request);
}

function claimsOf(payload: unknown): AccessClaims | null {
  const claims = payload as { sub?: string; typ?: string; roles?: Role[]; iat?: number; exp?: number } | null;
  const userId = Number(claims?.sub);
  if (claims?.typ !== 'access' || !Number.isInteger(userId) || userId < 1 || userId > MAX_ID) return null;
  return { userId, roles: Array.isArray(claims.roles) ? claims.roles : [], issuedAt: Number(claims.iat ?? 0), expiresAt: Number(claims.exp ?? 0) };
}
