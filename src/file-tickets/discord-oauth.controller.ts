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

  /**
   * Trades the `code` Discord appended to the redirect URI at Discord's token endpoint, reads the
   * Discord user, finds or creates ours (by Discord id; display name and avatar kept) and answers
   * our user JWT, accepted on every surface, with the public profile claims the PD2 client decodes.
   */
  @ApiOperation({ summary: 'Sign in with Discord: trade the code Discord appended to the redirect for our token' })
  @ApiSuccess(OAuthTokenView, { description: 'Signed in: the bearer token for every later call' })
  @ApiUnauthorizedResponse({ description: '"Authorize failed": Discord refused the code (or no Discord application is configured)' })
  @ApiServiceUnavailableResponse({ description: 'Discord could not be reached' })
  @Post()
  @HttpCode(200)
  signIn(@Body() dto: DiscordCodeDto): Promise<OAuthTokenView> {
    return this.login.login(dto.code);
  }

  /**
   * What the PD2 client calls on every load with its stored token: a fresh token with current
   * profile claims. A Discord user is checked with Discord again (so an expired token of ours is
   * accepted, within the refresh window); a password user needs a valid token.
   */
  @ApiOperation({ summary: 'Refresh the token: Discord users are checked with Discord again (the token may have expired); password users need a valid token' })
  @ApiBearerAuth(USER_JWT)
  @ApiSuccess(OAuthTokenView, { description: 'A fresh token' })
  @ApiForbiddenResponse({ description: '"Invalid authentication credentials": the token is not ours, or is too old' })
  @ApiUnauthorizedResponse({ description: '"Authorize failed": Discord no longer confirms the user' })
  @ApiServiceUnavailableResponse({ description: 'Discord could not be reached' })
  @Put()
  @HttpCode(200)
  refresh(@Headers('authorization') authorization: string | undefined): Promise<OAuthTokenView> {
    return this.login.refresh(authorization);
  }
}
