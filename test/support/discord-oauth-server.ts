import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A Discord user as GET /users/@me answers it. */
export interface FakeDiscordUser {
  id: string;
  username: string;
  global_name: string | null;
  avatar: string | null;
}

interface Grant {
  userId: string;
  expiresAt: number;
}

/**
 * A local stand-in for Discord's OAuth2 API, over real HTTP on 127.0.0.1: `POST /oauth2/token`
 * (authorization_code and refresh_token grants, form-encoded, client id and secret checked, the
 * redirect URI compared) and `GET /users/@me` (a bearer access token). A spec hands out codes,
 * revokes users, expires access tokens, counts calls and can make the server fail.
 */
export class DiscordOAuthServer {
  readonly clientId = 'pd2-test-client';
  readonly clientSecret = 'pd2-test-secret';
  readonly redirectUri = 'http://pd2.example/login';
  private readonly users = new Map<string, FakeDiscordUser>();
  private readonly codes = new Map<string, string>();
  private readonly accessTokens = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, string>();
  private readonly revoked = new Set<string>();
  /** Requests seen, by "METHOD path" and, for the token endpoint, by grant type. */
  readonly calls: Record<string, number> = {};
  /** Answer every request with this status (e.g. 500) while set. */
  failWith: number | null = null;
  /** Seconds an access token lives. */
  expiresIn = 604_800;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<DiscordOAuthServer> {
    const server = createServer();
    const discord = new DiscordOAuthServer(server);
    server.on('request', (req, res) => void discord.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return discord;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The environment that points the server under test here. */
  env(adminIds: string[] = []): Record<string, string> {
    return {
      DISCORD_CLIENT_ID: this.clientId,
      DISCORD_CLIENT_SECRET: this.clientSecret,
      DISCORD_REDIRECT_URI: this.redirectUri,
      DISCORD_API_BASE: this.url,
      ...(adminIds.length ? { DISCORD_ADMIN_IDS: adminIds.join(',') } : {}),
    };
  }

  /** Registers (or updates) a user and answers a fresh one-time code for them, as Discord's redirect carries it. */
  codeFor(user: FakeDiscordUser): string {
    this.users.set(user.id, user);
    this.revoked.delete(user.id);
    const code = randomBytes(12).toString('hex');
    this.codes.set(code, user.id);
    return code;
  }

  /** The user withdraws the application: every token of theirs stops working. */
  revoke(userId: string): void {
    this.revoked.add(userId);
  }

  /** Every access token handed out so far expires now (refresh tokens stay good). */
  expireAccessTokens(): void {
    for (const grant of this.accessTokens.values()) grant.expiresAt = 0;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private count(key: string): void {
    this.calls[key] = (this.calls[key] ?? 0) + 1;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    this.count(`${req.method} ${path}`);
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (this.failWith !== null) return send(this.failWith, { message: 'failing on purpose' });
    if (req.method === 'POST' && path === '/oauth2/token') return this.token(body, req, send);
    if (req.method === 'GET' && path === '/users/@me') {
      const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
      const grant = match ? this.accessTokens.get(match[1]) : undefined;
      if (!grant || grant.expiresAt <= Date.now() || this.revoked.has(grant.userId)) return send(401, { message: '401: Unauthorized', code: 0 });
      return send(200, { ...this.users.get(grant.userId), discriminator: '0', public_flags: 0 });
    }
    send(404, { message: '404: Not Found', code: 0 });
  }

  private token(body: string, req: IncomingMessage, send: (status: number, payload: unknown) => void): void {
    const form = new URLSearchParams(body);
    this.count(`grant ${form.get('grant_type')}`);
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return send(400, { error: 'invalid_request' });
    if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret) return send(401, { error: 'invalid_client' });
    let userId: string | undefined;
    if (form.get('grant_type') === 'authorization_code') {
      userId = this.codes.get(form.get('code') ?? '');
      if (!userId || form.get('redirect_uri') !== this.redirectUri) return send(400, { error: 'invalid_grant', error_description: 'Invalid "code" in request.' });
      this.codes.delete(form.get('code')!);
    } else if (form.get('grant_type') === 'refresh_token') {
      userId = this.refreshTokens.get(form.get('refresh_token') ?? '');
      if (!userId || this.revoked.has(userId)) return send(400, { error: 'invalid_grant' });
      this.refreshTokens.delete(form.get('refresh_token')!);
    } else {
      return send(400, { error: 'unsupported_grant_type' });
    }
    const accessToken = randomBytes(15).toString('base64url');
    const refreshToken = randomBytes(15).toString('base64url');
    this.accessTokens.set(accessToken, { userId, expiresAt: Date.now() + this.expiresIn * 1000 });
    this.refreshTokens.set(refreshToken, userId);
    send(200, { access_token: accessToken, token_type: 'Bearer', expires_in: this.expiresIn, refresh_token: refreshToken, scope: 'identify' });
  }
}
