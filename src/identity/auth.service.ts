import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { sign } from 'jsonwebtoken';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { authConfig } from '../config/auth.config';
import { Transactions } from '../database/transactions';
import { LoginDto } from './dto/login.dto';
import { LoginView, TokenPairView } from './dto/user.view';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { JWT_ALGORITHM, jwtKey } from './jwt-key';
import { LoginRateLimiter } from './login-rate-limiter';
import { verifyPassword } from './password';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { Role } from './roles';
import { toUserView, UsersService } from './users.service';

@Injectable()
export class AuthService {
  private readonly key;

  constructor(
    private readonly users: UsersService,
    private readonly limiter: LoginRateLimiter,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly transactions: Transactions,
    @Inject(authConfig.KEY) private readonly config: ConfigType<typeof authConfig>,
  ) {
    this.key = jwtKey(config.jwtSecret);
  }

  /**
   * Unknown email, wrong password and disabled account all get the same answer: the response
   * never tells whether an account exists, is disabled, or had the right password.
   */
  async login(dto: LoginDto, clientIp: string): Promise<LoginView> {
    await this.limiter.admit(clientIp, dto.email);
    const user = await this.users.findCredentials(dto.email);
    const passwordOk = await verifyPassword(dto.password, user?.passwordHash ?? null);
    if (!user || !passwordOk || user.disabled) {
      await this.limiter.recordFailure(clientIp, dto.email);
      throw new IdentityError(IdentityErrorCode.INVALID_CREDENTIALS, 'Invalid email or password');
    }
    await this.limiter.recordSuccess(clientIp, dto.email);
    const tokens = await this.issueTokens(user.id, user.roles, randomUUID());
    return { ...tokens, user: toUserView(user) };
  }

  /**
   * Rotates a refresh token: spends it and issues a new pair of the same family, in one
   * transaction. A token that was already used revokes its whole family (a theft signal).
   */
  async refresh(refreshToken: string): Promise<TokenPairView> {
    const tokenHash = sha256(refreshToken);
    const pair = await this.transactions.run(async () => {
      const claimed = await this.refreshTokens.claim(tokenHash);
      if (!claimed) {
        const known = await this.refreshTokens.findByHash(tokenHash);
        if (known?.usedAt) await this.refreshTokens.revokeFamily(known.familyId);
        return null;
      }
      const current = await this.users.authContextOf(claimed.userId);
      return current ? this.issueTokens(claimed.userId, current.roles, claimed.familyId) : null;
    });
    if (!pair) throw new IdentityError(IdentityErrorCode.INVALID_REFRESH_TOKEN, 'Refresh token is invalid, expired or already used');
    return pair;
  }

  /** `roles` in the token serve rate limiting only; authorization reads the user afresh. */
  private async issueTokens(userId: number, roles: readonly Role[], familyId: string): Promise<TokenPairView> {
    const accessToken = sign({ typ: 'access', roles }, this.key, {
      algorithm: JWT_ALGORITHM,
      subject: String(userId),
      expiresIn: this.config.accessTokenTtlSeconds,
    });
    const refreshToken = randomBytes(32).toString('base64url');
    await this.refreshTokens.insert({
      userId,
      familyId,
      tokenHash: sha256(refreshToken),
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000),
    });
    return { accessToken, refreshToken, expiresIn: this.config.accessTokenTtlSeconds, tokenType: 'Bearer' };
  }
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
