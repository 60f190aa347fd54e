import { applyDecorators, CanActivate, createParamDecorator, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { USER_JWT } from '../identity/auth-strategies';
import { CasError, CasErrorCode } from './cas.errors';
import { DelegatesService } from './delegates.service';
import type { RealmCaller } from './realm-caller';

/** The OpenAPI security scheme of a delegate's access token (base64, 32 bytes). */
export const DELEGATE_TOKEN = 'delegate-token';

type RealmRequest = { headers: { authorization?: string }; params?: Record<string, string>; realmCaller?: RealmCaller };

/**
 * Authenticates a realm route: a user JWT (the realm's root delegate) or a delegate's access
 * token, and the realm in the URL must be the token's (403 REALM_MISMATCH).
 */
@Injectable()
export class RealmAuthGuard implements CanActivate {
  constructor(private readonly delegates: DelegatesService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RealmRequest>();
    const caller = await this.delegates.authenticate(request.headers.authorization);
    const realmId = request.params?.realmId;
    if (realmId !== undefined && realmId !== caller.realm) {
      throw new CasError(CasErrorCode.REALM_MISMATCH, 'Token realm does not match request realm');
    }
    request.realmCaller = caller;
    return true;
  }
}

/** Declares a realm route: its guard and its security entries, together. */
export function RealmAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(RealmAuthGuard),
    ApiBearerAuth(DELEGATE_TOKEN),
    ApiBearerAuth(USER_JWT),
    ApiUnauthorizedResponse({ description: 'UNAUTHORIZED, INVALID_TOKEN_FORMAT, TOKEN_NOT_FOUND, TOKEN_INVALID, TOKEN_REVOKED, TOKEN_EXPIRED' }),
    ApiForbiddenResponse({ description: "REALM_MISMATCH; ACCESS_TOKEN_REQUIRED for a refresh token; DELEGATE_TOKEN_REQUIRED when a ticket's token would delegate; or a missing permission" }),
  );
}

/** The realm caller the guard authenticated. */
export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): RealmCaller => {
  return ctx.switchToHttp().getRequest<RealmRequest>().realmCaller!;
});
