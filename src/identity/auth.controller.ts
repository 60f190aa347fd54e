import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ClientIp } from '../common/http/client-ip.decorator';
import { ApiSuccess } from '../common/surfaces/surface-response.interceptor';
import { Auth, Authenticated } from './auth.decorators';
import { AuthContext } from './auth-context';
import { AuthService } from './auth.service';
import { LoginDto, RefreshDto } from './dto/login.dto';
import { LoginView, TokenPairView, UserView } from './dto/user.view';
import { UsersService } from './users.service';

@ApiTags('identity')
@Controller('api/oauth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  /**
   * Anyone logs in with email and password and gets a short-lived access token (a JWT for every
   * surface, `Authorization: Bearer …`) and a single-use refresh token. An unknown email, a wrong
   * password and a disabled account get the same 401. Attempts are limited per client IP, and
   * failures per email from one IP (429 with Retry-After).
   */
  @ApiOperation({ summary: 'Log in with email and password' })
  @ApiSuccess(LoginView, { description: 'A token pair and the logged-in user' })
  @ApiUnauthorizedResponse({ description: 'Unknown email or wrong password (the same answer for both)' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this IP or failures for this email; see Retry-After' })
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto, @ClientIp() ip: string): Promise<LoginView> {
    return this.auth.login(dto, ip);
  }

  /**
   * Trades a refresh token for a new access and refresh token; no other credentials are needed.
   * Each refresh token works once: presenting one that was already used revokes its whole
   * family, so a stolen copy stops working for everyone. A disabled user's tokens are refused.
   */
  @ApiOperation({ summary: 'Trade a refresh token for a new token pair (the old refresh token is spent)' })
  @ApiSuccess(TokenPairView, { description: 'A new token pair; the presented refresh token is spent' })
  @ApiUnauthorizedResponse({ description: 'Refresh token invalid, expired, revoked or already used' })
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto): Promise<TokenPairView> {
    return this.auth.refresh(dto.refreshToken);
  }

  /** The user the bearer token belongs to, with their roles and the realm they own (`usr_<id>`). */
  @ApiOperation({ summary: 'The current user' })
  @ApiSuccess(UserView, { description: 'The caller' })
  @Authenticated()
  @Get('me')
  me(@Auth() auth: AuthContext): Promise<UserView> {
    return this.users.get(auth.userId);
  }
}
