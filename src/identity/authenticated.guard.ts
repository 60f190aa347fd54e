import { CanActivate, ExecutionContext, Injectable, Type } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { CommonError } from '../common/errors/domain-error';
import { AuthContext, hasAnyRole } from './auth-context';
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
      await super.canActivate(context);
      const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
      if (!roles?.length) return true;
      const auth = context.switchToHttp().getRequest<{ user: AuthContext }>().user;
      if (!hasAnyRole(auth, roles)) throw CommonError.forbidden(`This action requires one of the roles: ${roles.join(', ')}`);
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
