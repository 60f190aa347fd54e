import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { RateLimitStore } from '../common/rate-limit/rate-limit.store';
import { authConfig } from '../config/auth.config';
import { IdentityError } from './identity.errors';

/**
 * Login throttling: attempts per client IP per minute, and failed passwords per email *from
 * one IP* over a longer window. Counting failures per email and IP (not per email alone) keeps
 * a guesser from locking the rightful owner out: the owner, signing in from elsewhere, is not
 * refused; the guesser's IP is, for that account, until the window ends.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    private readonly store: RateLimitStore,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {}

  /** Counts one attempt and refuses it when either budget is spent. */
  async admit(ip: string, email: string): Promise<void> {
    const perIp = await this.store.hit(`login:ip:${ip}`, 60_000);
    if (perIp.count > this.config.loginMaxAttemptsPerIp) throw IdentityError.tooManyLoginAttempts(secondsUntil(perIp.resetAt));
    const failures = await this.store.peek(this.failureKey(ip, email));
    if (failures.count >= this.config.loginMaxFailuresPerEmail) {
      throw IdentityError.tooManyLoginAttempts(secondsUntil(failures.resetAt));
    }
  }

  async recordFailure(ip: string, email: string): Promise<void> {
    await this.store.hit(this.failureKey(ip, email), this.config.loginFailureWindowSeconds * 1000);
  }

  async recordSuccess(ip: string, email: string): Promise<void> {
    await this.store.reset(this.failureKey(ip, email));
  }

  private failureKey(ip: string, email: string): string {
    return `login:fail:${email.toLowerCase()}:${ip}`;
  }
}

function secondsUntil(epochMs: number): number {
  return Math.max(1, Math.ceil((epochMs - Date.now()) / 1000));
}
