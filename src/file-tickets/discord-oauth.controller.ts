import { Body, Controller, Headers, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiSuccess } from '../common/surfaces/surface-response.interceptor';
import { USER_JWT } from '../identity/auth-strategies';
import { DiscordLoginService } from './discord-login.service';
import { DiscordCodeDto } from './dto/file-ticket.dto';
import { OAuthTokenView } from './file-ticket.view';

@ApiTags('file-tickets')
@Controller('oauth')
export class DiscordOAuthController {
  constructor(private readonly login: DiscordLoginService) {}

  @ApiOperation({ summary: 'Sign in with Discord: trade the code Discord appended to the redirect for our token' })
  @ApiSuccess(OAuthTokenView)
  @ApiUnauthorizedResponse({ description: '"Authorize failed": Discord refused the code (or no Discord application is configured)' })
  @ApiServiceUnavailableResponse({ description: 'Discord could not be reached' })
  @Post()
  @HttpCode(200)
  signIn(@Body() dto: DiscordCodeDto): Promise<OAuthTokenView> {
    return this.login.login(dto.code);
  }

  @ApiOperation({ summary: 'Refresh the token: Discord users are checked with Discord again (the token may have expired); password users need a valid token' })
  @ApiBearerAuth(USER_JWT)
  @ApiSuccess(OAuthTokenView)
  @ApiForbiddenResponse({ description: '"Invalid authentication credentials": the token is not ours, or is too old' })
  @ApiUnauthorizedResponse({ description: '"Authorize failed": Discord no longer confirms the user' })
  @ApiServiceUnavailableResponse({ description: 'Discord could not be reached' })
  @Put()
  @HttpCode(200)
  refresh(@Headers('authorization') authorization: string | undefined): Promise<OAuthTokenView> {
    return this.login.refresh(authorization);
  }
}
