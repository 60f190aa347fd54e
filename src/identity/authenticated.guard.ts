import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { CommonError } from '../common/errors/domain-error';
import { AuthContext, hasAnyRole } from './auth-context';
import { Role } from './roles';

export const ROLES_KEY = 'identity:roles';

/** The one guard behind @Authenticated(): a valid user JWT (401), then one of the route's roles (403). */
@Injectable()
export class AuthenticatedGuard extends AuthGuard('jwt') {
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
