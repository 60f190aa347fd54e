import { Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiSuccess } from '../common/surfaces/surface-response.interceptor';
import { DelegatesService } from './delegates.service';
import { RefreshedTokensView } from './dto/delegate.view';
import { DELEGATE_TOKEN } from './realm-auth.guard';

@ApiTags('realm')
@Controller('api/auth')
export class TokensController {
  constructor(private readonly delegates: DelegatesService) {}

  /**
   * A child delegate sends its refresh token as the bearer (no body) and gets a new refresh and
   * access token; the presented refresh token and the previous access token stop working. Of
   * concurrent refreshes with one token exactly one succeeds; the others, and any replay, get 401
   * TOKEN_INVALID. An access token is 400 NOT_REFRESH_TOKEN; a user JWT (the root delegate has no
   * refresh token) is 400 ROOT_REFRESH_NOT_ALLOWED.
   */
  @ApiOperation({ summary: 'Rotate a refresh token (the bearer): a new refresh and access token; the old refresh token is dead' })
  @ApiBearerAuth(DELEGATE_TOKEN)
  @ApiBadRequestResponse({ description: 'NOT_REFRESH_TOKEN (an access token), ROOT_REFRESH_NOT_ALLOWED (a user JWT)' })
  @ApiUnauthorizedResponse({ description: 'INVALID_TOKEN_FORMAT, DELEGATE_NOT_FOUND, DELEGATE_REVOKED, DELEGATE_EXPIRED, TOKEN_INVALID (replayed)' })
  @ApiSuccess(RefreshedTokensView, { description: 'The new token pair of the delegate' })
  @HttpCode(200)
  @Post('refresh')
  refresh(@Headers('authorization') authorization: string | undefined): Promise<RefreshedTokensView> {
    return this.delegates.refresh(authorization);
  }
}
