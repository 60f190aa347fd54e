import { CanActivate, ExecutionContext, Injectable, Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { CommonError } from '../common/errors/domain-error';
import { AuthContext, hasAnyRole } from './auth-context';
import { USER_JWT } from './auth-strategies';
import { resolvedCaller } from './user-tokens.service';
import { Role } from './roles';

export const ROLES_KEY = 'identity:roles';

const guards = new Map<string, Type<CanActivate>>();

/**
 * The guard behind @Authenticated(): the first of `strategies` that accepts the request's
 * credential authenticates it (401 when none does), then one of the route's roles is required
 * (403). One guard class per set of strategies, made once.
 */
export function authenticatedGuard(strategies: readonly string[]): Type<CanActivate> {
  const key = strategies.join(',');
  const existing = guards.get(key);
  if (existing) return existing;

  @Injectable()
  class AuthenticatedGuard extends AuthGuard([...strategies]) {
    constructor(private readonly reflector: Reflector) {
      super();
    }

    override async canActivate(context: ExecutionContext): Promise<boolean> {
      if (!(await this.alreadyAuthenticated(context))) await super.canActivate(context);
      const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
      if (!roles?.length) return true;
      const auth = context.switchToHttp().getRequest<{ user: AuthContext }>().user;
      if (!hasAnyRole(auth, roles)) throw CommonError.forbidden(`This action requires one of the roles: ${roles.join(', ')}`);
      return true;
    }

    /**
     * A user JWT this request already verified and resolved (the /v1 rate limiter reads the
     * caller before routing) is not verified a second time by passport.
     */
    private async alreadyAuthenticated(context: ExecutionContext): Promise<boolean> {
      if (!strategies.includes(USER_JWT)) return false;
      const request = context.switchToHttp().getRequest<{ user?: AuthContext }>();
      const caller = await resolvedCaller(request);
      if (!caller) return false;
      request.user = caller;
      return true;
    }

    override handleRequest<T>(err: unknown, user: T): T {
      if (err || !user) throw CommonError.unauthorized('Missing, invalid or expired access token');
      return user;
    }
  }
  guards.set(key, AuthenticatedGuard);
  return AuthenticatedGuard;
}
