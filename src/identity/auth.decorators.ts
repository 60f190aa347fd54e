import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthContext } from './auth-context';
import { AuthenticatedGuard, ROLES_KEY } from './authenticated.guard';
import { Role } from './roles';

/**
 * Declares who may call a route: any signed-in user, or one holding one of `roles`.
 * The same declaration sets the guard and the Swagger security entry, so they cannot drift.
 */
export function Authenticated(options: { roles?: Role[] } = {}): MethodDecorator & ClassDecorator {
  const roles = options.roles ?? [];
  const decorators = [
    SetMetadata(ROLES_KEY, roles),
    UseGuards(AuthenticatedGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing, invalid or expired access token, or a disabled user' }),
  ];
  if (roles.length) decorators.push(ApiForbiddenResponse({ description: `Requires one of the roles: ${roles.join(', ')}` }));
  return applyDecorators(...decorators);
}

/** The caller's auth context, for handlers to pass to services. */
export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthContext => {
  return ctx.switchToHttp().getRequest<{ user: AuthContext }>().user;
});
