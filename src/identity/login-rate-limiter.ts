import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { RateLimitStore } from '../common/rate-limit/rate-limit.store';
import { authConfig } from '../config/auth.config';
import { IdentityError } from './identity.errors';

/**
 * Login throttling: attempts per client IP per minute, and failures per email over a longer
 * window (a password-guessing signal that survives a change of IP).
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
    const failures = await this.store.peek(this.emailKey(email));
    if (failures.count >= this.config.loginMaxFailuresPerEmail) {
      throw IdentityError.tooManyLoginAttempts(secondsUntil(failures.resetAt));
    }
  }

  async recordFailure(email: string): Promise<void> {
    await this.store.hit(this.emailKey(email), this.config.loginFailureWindowSeconds * 1000);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.store.reset(this.emailKey(email));
  }

  private emailKey(email: string): string {
    return `login:fail:${email.toLowerCase()}`;
  }
}

function secondsUntil(epochMs: number): number {
  return Math.max(1, Math.ceil((epochMs - Date.now()) / 1000));
}
