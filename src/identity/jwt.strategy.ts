import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { authConfig } from '../config/auth.config';
import { AuthContext } from './auth-context';
import { USER_JWT } from './auth-strategies';
import { JWT_ALGORITHM, jwtKey } from './jwt-key';
import { UserTokens } from './user-tokens.service';

/**
 * The user JWT credential: passport-jwt verifies signature and expiry once, then its payload
 * (not the token again) names the user, who is read afresh with one lean query per request.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, USER_JWT) {
  constructor(
    private readonly tokens: UserTokens,
    @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: jwtKey(config.jwtSecret) as unknown as string,
      algorithms: [JWT_ALGORITHM],
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  async validate(request: { headers: { authorization?: string } }, payload: unknown): Promise<AuthContext | false> {
    return (await this.tokens.callerFromClaims(request, payload)) ?? false;
  }
}
