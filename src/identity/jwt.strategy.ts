import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-strategy';
import { AuthContext } from './auth-context';
import { USER_JWT } from './auth-strategies';
import { UserTokens } from './user-tokens.service';

type Verify = (request: unknown, done: (err: unknown, user?: AuthContext | false) => void) => void;

/**
 * A passport strategy that hands the whole request to its verify function: the token is read,
 * verified and resolved to a caller there, once (UserTokens.callerOf), not by passport-jwt and
 * then again by us.
 */
class CallerStrategy extends Strategy {
  constructor(private readonly resolve: Verify) {
    super();
  }

  override authenticate(request: unknown): void {
    this.resolve(request, (err, user) => {
      if (err) this.error(err instanceof Error ? err : new Error(String(err)));
      else if (user) this.success(user);
      else this.fail(401);
    });
  }
}

/**
 * The user JWT credential: the bearer's signature, expiry and type are checked and the user is
 * read afresh (enabled, current roles), once per request whoever asks first.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(CallerStrategy, USER_JWT) {
  constructor(private readonly tokens: UserTokens) {
    super();
  }

  async validate(request: { headers: { authorization?: string } }): Promise<AuthContext | false> {
    return (await this.tokens.callerOf(request)) ?? false;
  }
}
