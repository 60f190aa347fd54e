import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CommonError } from '../common/errors/domain-error';
import { RateLimitStore } from '../common/rate-limit/rate-limit.store';
import { supportSurface } from '../common/surfaces/support.surface';
import { surfaceOfRequest } from '../common/surfaces/surfaces';
import { supportConfig } from '../config/support.config';
import { UserTokens } from '../identity/user-tokens.service';
import { supportTier } from './ticket-rules';

const WINDOW_MS = 60_000;

/**
 * Seed 001 §9: requests per minute by role on every /v1 route (unknown ones included), with
 * X-RateLimit-* headers on every response and 429 RATE_LIMIT_EXCEEDED past the budget.
 * A Fastify hook rather than a guard, so it runs before routing and before the body is read.
 * The caller is identified by the access token (its user's current roles), or by client IP;
 * the surface is decided on the route the router matched, so an encoded path cannot slip past.
 */
@Injectable()
export class SupportRateLimitHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly store: RateLimitStore,
    private readonly tokens: UserTokens,
    @Inject(supportConfig.KEY) private readonly config: ConfigType<typeof supportConfig>,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', (request, reply) => this.limit(request, reply));
  }

  private async limit(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (surfaceOfRequest(request) !== supportSurface) return;
    // The user's current roles decide the tier (a demoted admin is limited at once).
    const caller = await this.tokens.callerOf(request);
    const tier = caller ? supportTier(caller.roles) : 'anonymous';
    const limit = this.config.rateLimitPerMinute[tier];
    if (limit === 0) {
      // Unlimited (admins by default): said in the headers every /v1 response carries, nothing counted.
      reply.header('X-RateLimit-Limit', 'unlimited');
      reply.header('X-RateLimit-Remaining', 'unlimited');
      return;
    }
    const window = await this.store.hit(caller ? `v1:user:${caller.userId}` : `v1:ip:${request.ip}`, WINDOW_MS);
    reply.header('X-RateLimit-Limit', String(limit));
    reply.header('X-RateLimit-Remaining', String(Math.max(0, limit - window.count)));
    reply.header('X-RateLimit-Reset', String(Math.ceil(window.resetAt / 1000)));
    // Thrown here, it reaches the surface exception filter like any other error.
    if (window.count > limit) throw CommonError.rateLimited(Math.max(1, Math.ceil((window.resetAt - Date.now()) / 1000)));
  }
}
