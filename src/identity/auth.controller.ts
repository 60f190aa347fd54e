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

  @ApiOperation({ summary: 'Log in with email and password' })
  @ApiSuccess(LoginView)
  @ApiUnauthorizedResponse({ description: 'Unknown email or wrong password (the same answer for both)' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this IP or failures for this email; see Retry-After' })
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto, @ClientIp() ip: string): Promise<LoginView> {
    return this.auth.login(dto, ip);
  }

  @ApiOperation({ summary: 'Trade a refresh token for a new token pair (the old refresh token is spent)' })
  @ApiSuccess(TokenPairView)
  @ApiUnauthorizedResponse({ description: 'Refresh token invalid, expired, revoked or already used' })
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto): Promise<TokenPairView> {
    return this.auth.refresh(dto.refreshToken);
  }

  @ApiOperation({ summary: 'The current user' })
  @ApiSuccess(UserView)
  @Authenticated()
  @Get('me')
  me(@Auth() auth: AuthContext): Promise<UserView> {
    return this.users.get(auth.userId);
  }
}
