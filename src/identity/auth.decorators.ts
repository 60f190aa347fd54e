import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthContext } from './auth-context';
import { USER_JWT } from './auth-strategies';
import { authenticatedGuard, ROLES_KEY } from './authenticated.guard';
import { Role } from './roles';

export interface AuthenticatedOptions {
  /** Any of these roles is required (403 otherwise). Empty: any authenticated caller. */
  roles?: Role[];
  /** The credentials the route accepts, tried in order (default: the user JWT). */
  strategies?: readonly string[];
}

/**
 * Declares who may call a route: which credentials it accepts and which roles it requires.
 * The same declaration sets the guard and the Swagger security entries, so they cannot drift.
 */
export function Authenticated(options: AuthenticatedOptions = {}): MethodDecorator & ClassDecorator {
  const roles = options.roles ?? [];
  const strategies = options.strategies ?? [USER_JWT];
  const decorators = [
    SetMetadata(ROLES_KEY, roles),
    UseGuards(authenticatedGuard(strategies)),
    ...strategies.map((strategy) => ApiBearerAuth(strategy)),
    ApiUnauthorizedResponse({ description: 'Missing, invalid or expired credentials, or a disabled user' }),
  ];
  if (roles.length) decorators.push(ApiForbiddenResponse({ description: `Requires one of the roles: ${roles.join(', ')}` }));
  return applyDecorators(...decorators);
}

/** The caller's auth context, for handlers to pass to services. */
export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  return ctx.switchToHttp().getRequest<{ user: AuthContext }>().user;
});
