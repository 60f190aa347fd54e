import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { bearerOf } from '../common/http/bearer';
import { authConfig } from '../config/auth.config';
import { Transactions } from '../database/transactions';
import { UsersService, UserSummary } from '../identity/users.service';
import { UserTokens } from '../identity/user-tokens.service';
import { DiscordAccountsRepository } from './discord-accounts.repository';
import { DiscordClient, DiscordGrant, DiscordUser } from './discord.client';
import { FileTicketUsers } from './file-ticket-users.service';
import { OAuthTokenView } from './file-ticket.view';
import { FileTicketError, FileTicketErrorCode } from './file-tickets.errors';
import { TokenSeal } from './token-seal';

const invalidCredentials = () => new FileTicketError(FileTicketErrorCode.INVALID_CREDENTIALS);
const authorizeFailed = () => new FileTicketError(FileTicketErrorCode.AUTHORIZE_FAILED);

/**
 * Seed 003's Discord login. POST /oauth trades Discord's code for Discord's tokens, reads the
 * Discord user, finds or creates our user, and answers our JWT with the PD2 client's profile
 * claims. PUT /oauth asks Discord about the user again (refreshing Discord's token when it
 * has expired) and answers a fresh JWT; the token it is given may have expired up to
 * REFRESH_TOKEN_TTL ago, since Discord, not the token, decides. A password user's token is
 * refreshed too, while it is valid.
 */
@Injectable()
export class DiscordLoginService {
  constructor(
    private readonly discord: DiscordClient,
    private readonly accounts: DiscordAccountsRepository,
    private readonly users: UsersService,
    private readonly pd2Users: FileTicketUsers,
    private readonly tokens: UserTokens,
    private readonly seal: TokenSeal,
    private readonly transactions: Transactions,
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
  ) {}

  async login(code: string): Promise<OAuthTokenView> {
    const grant = await this.discord.exchangeCode(code);
    return this.signIn(grant, await this.discord.me(grant));
  }

  async refresh(authorization: string | undefined): Promise<OAuthTokenView> {
    const token = bearerOf(authorization);
    if (!token) throw invalidCredentials();
    const valid = this.tokens.verify(token);
    const claims = valid ?? this.tokens.verifyExpired(token, this.auth.refreshTokenTtlSeconds);
    if (!claims) throw invalidCredentials();
    const user = await this.users.findSummary(claims.userId);
    if (!user || user.disabled) throw invalidCredentials();
    if (user.discordId === null) {
      if (!valid) throw invalidCredentials();
      return this.tokenFor(user);
    }
    const account = await this.accounts.find(user.id);
    const stored = account && { accessToken: this.seal.open(account.accessTokenSealed), refreshToken: this.seal.open(account.refreshTokenSealed) };
    if (!account || !stored?.refreshToken) throw authorizeFailed();
    let grant: DiscordGrant | null =
      stored.accessToken && account.expiresAt.getTime() > Date.now()
        ? { accessToken: stored.accessToken, refreshToken: stored.refreshToken, tokenType: account.tokenType, expiresAt: account.expiresAt }
        : null;
    let discordUser = grant ? await this.discord.me(grant).catch(refusedToNull) : null;
    if (!discordUser) {
      grant = await this.discord.refresh(stored.refreshToken);
      discordUser = await this.discord.me(grant);
    }
    if (discordUser.id !== user.discordId) throw authorizeFailed();
    return this.signIn(grant!, discordUser);
  }

  /** Keeps the Discord user's profile and grant on our user, and answers our token. */
  private async signIn(grant: DiscordGrant, discordUser: DiscordUser): Promise<OAuthTokenView> {
    const user = await this.transactions.run(async () => {
      const summary = await this.users.upsertDiscordUser({ discordId: discordUser.id, name: displayNameOf(discordUser), avatarUrl: avatarOf(discordUser) });
      if (summary.disabled) return null;
      await this.accounts.save({
        userId: summary.id,
        discordId: discordUser.id,
        accessTokenSealed: this.seal.seal(grant.accessToken),
        refreshTokenSealed: this.seal.seal(grant.refreshToken),
        tokenType: grant.tokenType,
        expiresAt: grant.expiresAt,
      });
      return summary;
    });
    if (!user) throw authorizeFailed();
    return this.tokenFor(user);
  }

  private tokenFor(summary: UserSummary): OAuthTokenView {
    const user = this.pd2Users.of(summary);
    const { accessToken } = this.tokens.issue(summary.id, summary.roles, {
      id: user.publicId,
      display_name: user.displayName,
      display_avatar: user.displayAvatar,
      is_admin: user.isAdmin,
    });
    return { token_type: 'Bearer', access_token: accessToken };
  }
}

/** A refusal from Discord becomes null (try the refresh token); an outage stays an error. */
function refusedToNull(err: unknown): null {
  if (err instanceof FileTicketError && err.code === FileTicketErrorCode.AUTHORIZE_FAILED) return null;
  throw err;
}

/** Discord's display name: the global name, else the username (at most 200 characters, as our users keep names). */
export function displayNameOf(user: DiscordUser): string {
  return (user.globalName ?? user.username).slice(0, 200);
}

/** The avatar's CDN address, or null for Discord's default one. */
export function avatarOf(user: DiscordUser): string | null {
  return user.avatar ? `https://cdn.discordapp.com/avatars/${user.id}/${user.avatar}.png` : null;
}
