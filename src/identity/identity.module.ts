import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminUsersController } from './admin-users.controller';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AuthenticatedGuard } from './authenticated.guard';
import { JwtStrategy } from './jwt.strategy';
import { LoginRateLimiter } from './login-rate-limiter';
import { RefreshTokenEntity } from './refresh-token.entity';
import { UserEntity } from './user.entity';
import { UsersService } from './users.service';

@Module({
  imports: [PassportModule, TypeOrmModule.forFeature([UserEntity, RefreshTokenEntity])],
  controllers: [AuthController, AdminUsersController],
  providers: [UsersService, AuthService, LoginRateLimiter, JwtStrategy, AuthenticatedGuard],
  exports: [UsersService, AuthenticatedGuard],
})
export class IdentityModule {}
