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

  @ApiOperation({ summary: 'Rotate a refresh token (the bearer): a new refresh and access token; the old refresh token is dead' })
  @ApiBearerAuth(DELEGATE_TOKEN)
  @ApiBadRequestResponse({ description: 'NOT_REFRESH_TOKEN (an access token), ROOT_REFRESH_NOT_ALLOWED (a user JWT)' })
  @ApiUnauthorizedResponse({ description: 'INVALID_TOKEN_FORMAT, DELEGATE_NOT_FOUND, DELEGATE_REVOKED, DELEGATE_EXPIRED, TOKEN_INVALID (replayed)' })
  @ApiSuccess(RefreshedTokensView)
  @HttpCode(200)
  @Post('refresh')
  refresh(@Headers('authorization') authorization: string | undefined): Promise<RefreshedTokensView> {
    return this.delegates.refresh(authorization);
  }
}
