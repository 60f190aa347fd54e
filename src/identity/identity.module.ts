import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminUsersController } from './admin-users.controller';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { JwtStrategy } from './jwt.strategy';
import { LoginRateLimiter } from './login-rate-limiter';
import { RefreshTokenEntity } from './refresh-token.entity';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { UserEntity } from './user.entity';
import { UserTokens } from './user-tokens.service';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [PassportModule, TypeOrmModule.forFeature([UserEntity, RefreshTokenEntity])],
  controllers: [AuthController, AdminUsersController],
  providers: [UsersRepository, RefreshTokensRepository, UsersService, UserTokens, AuthService, LoginRateLimiter, JwtStrategy],
  exports: [UsersService, UserTokens],
})
export class IdentityModule {}
