import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { fileTicketsConfig } from '../config/file-tickets.config';
import { FileTicketError, FileTicketErrorCode } from './file-tickets.errors';

/** What Discord's token endpoint grants. */
export interface DiscordGrant {
  accessToken: string;
  refreshToken: string;
  tokenType: string;
  expiresAt: Date;
}

/** A Discord user as `GET /users/@me` describes it (the `identify` scope). */
export interface DiscordUser {
  id: string;
  username: string;
  globalName: string | null;
  /** The avatar's hash, or null for the default avatar. */
  avatar: string | null;
}

const refused = () => new FileTicketError(FileTicketErrorCode.AUTHORIZE_FAILED);
const unavailable = () => new FileTicketError(FileTicketErrorCode.DISCORD_UNAVAILABLE, 'Discord could not be reached; try again later');
const LARGEST_ANSWER = 64 * 1024;

/**
 * Discord's OAuth2 API as seed 003 uses it: the code exchange, the refresh, and the current
 * user. A refusal (4xx, or an answer that is not what Discord sends) is AUTHORIZE_FAILED (401);
 * Discord unreachable, slow or failing (5xx) is DISCORD_UNAVAILABLE (503), so a client is not
 * signed out by an outage.
 */
@Injectable()
export class DiscordClient {
  private readonly logger = new Logger(DiscordClient.name);

  constructor(@Inject(fileTicketsConfig.KEY) private readonly config: ConfigType<typeof fileTicketsConfig>) {}

  /** False when no Discord application is configured: every login is refused. */
  get configured(): boolean {
    const { clientId, clientSecret, redirectUri } = this.config.discord;
    return clientId !== '' && clientSecret !== '' && redirectUri !== '';
  }

  exchangeCode(code: string): Promise<DiscordGrant> {
    return this.token({ grant_type: 'authorization_code', code, redirect_uri: this.config.discord.redirectUri });
  }

  refresh(refreshToken: string): Promise<DiscordGrant> {
    return this.token({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  async me(grant: Pick<DiscordGrant, 'accessToken' | 'tokenType'>): Promise<DiscordUser> {
    const body = await this.call('/users/@me', { headers: { authorization: `${grant.tokenType} ${grant.accessToken}` } });
    const user = body as { id?: unknown; username?: unknown; global_name?: unknown; avatar?: unknown };
    if (typeof user.id !== 'string' || !/^\d{1,20}$/.test(user.id) || typeof user.username !== 'string' || user.username === '') throw refused();
    return {
      id: user.id,
      username: user.username,
      globalName: typeof user.global_name === 'string' && user.global_name !== '' ? user.global_name : null,
      avatar: typeof user.avatar === 'string' && /^(a_)?[0-9a-f]{1,64}$/i.test(user.avatar) ? user.avatar : null,
    };
  }

  private async token(fields: Record<string, string>): Promise<DiscordGrant> {
    if (!this.configured) throw refused();
    const form = new URLSearchParams({ ...fields, client_id: this.config.discord.clientId, client_secret: this.config.discord.clientSecret });
    const body = await this.call('/oauth2/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    const grant = body as { access_token?: unknown; refresh_token?: unknown; token_type?: unknown; expires_in?: unknown; scope?: unknown };
    const scopes = typeof grant.scope === 'string' ? grant.scope.split(' ') : [];
    if (typeof grant.access_token !== 'string' || grant.access_token === '' || typeof grant.refresh_token !== 'string' || !scopes.includes('identify')) throw refused();
    const tokenType = typeof grant.token_type === 'string' && /^[A-Za-z]{1,40}$/.test(grant.token_type) ? grant.token_type : 'Bearer';
    const expiresIn = typeof grant.expires_in === 'number' && grant.expires_in > 0 ? Math.min(grant.expires_in, 365 * 86_400) : 604_800;
    return { accessToken: grant.access_token, refreshToken: grant.refresh_token, tokenType, expiresAt: new Date(Date.now() + expiresIn * 1000) };
  }

  /** One call to Discord: its JSON answer on a 2xx; a 4xx or a malformed answer is a refusal. */
  private async call(path: string, init: RequestInit): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.config.discord.apiBase}${path}`, { ...init, redirect: 'error', signal: AbortSignal.timeout(this.config.discord.timeoutMs) });
    } catch (err) {
      this.logger.warn(`Discord ${path} failed: ${err instanceof Error ? err.message : String(err)}`);
      throw unavailable();
    }
    const text = await readLimited(response).catch(() => null);
    if (response.status >= 500 || response.status === 429) throw unavailable();
    if (response.status < 200 || response.status >= 300 || text === null) throw refused();
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw refused();
      return parsed;
    } catch {
      throw refused();
    }
  }
}

/** The answer's text, refusing one past LARGEST_ANSWER bytes (Discord's are a few hundred). */
async function readLimited(response: Response): Promise<string> {
  if (!response.body) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > LARGEST_ANSWER) throw new Error('answer too large');
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}
