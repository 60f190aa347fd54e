import { sign } from 'jsonwebtoken';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeFileNode } from '../../src/cas/codec/node-codec';
import { keyOf, nodeKeyText } from '../../src/cas/codec/node-key';
import { initBlake3 } from '../support/cas-nodes';
import { DiscordOAuthServer, FakeDiscordUser } from '../support/discord-oauth-server';
import { withPostgres } from '../support/fixtures';
import { OpenApiContract } from '../support/openapi-contract';
import { TEST_JWT_SECRET, TestServer } from '../support/test-server';
import { unzip } from '../support/zip-reader';

/*
 * Seed 003 end to end: Discord login against a local Discord (a real HTTP server on 127.0.0.1),
 * the PD2 web client's own calls replayed as frontend/src/api/*.ts makes them, every ticket
 * route's successes and refusals, path traversal, the size limit, dedup in the blob store, and
 * zips unpacked and compared byte for byte. Files are stored as CAS nodes with a 4 KiB node
 * limit here, so files of a few KiB already span several nodes.
 */

const MAX_FILE = 64 * 1024;
const NODE_LIMIT = 4096;
const PD2_ORIGIN = 'http://pd2.example';
const TEXT = 'text/plain; charset=utf-8';

let t: TestServer;
let discord: DiscordOAuthServer;
let contract: OpenApiContract;
let blobDir: string;

const alice: FakeDiscordUser = { id: '300000000000000001', username: 'alice', global_name: 'Alice A.', avatar: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' };
const bob: FakeDiscordUser = { id: '300000000000000002', username: 'bob', global_name: null, avatar: null };
const carol: FakeDiscordUser = { id: '300000000000000003', username: 'carol', global_name: 'Carol Admin', avatar: null };

beforeAll(async () => {
  await initBlake3();
  discord = await DiscordOAuthServer.start();
  blobDir = mkdtempSync(join(tmpdir(), 'file-ticket-blobs-'));
  t = await TestServer.start({
    ...discord.env([carol.id]),
    FILE_TICKET_MAX_FILE_BYTES: String(MAX_FILE),
    CAS_MAX_NODE_SIZE: String(NODE_LIMIT),
    BLOB_STORE_URL: `file://${blobDir}`,
    CORS_ORIGINS: PD2_ORIGIN,
  });
  contract = await OpenApiContract.load(t.baseUrl);
});

afterAll(async () => {
  await t?.close();
  await discord?.close();
  rmSync(blobDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Plain HTTP, every answer checked against /docs-json.

interface Answer {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
  body: any;
}

async function call(method: string, path: string, options: { token?: string; json?: unknown; form?: FormData; headers?: Record<string, string> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: FormData | string | undefined;
  if (options.form) body = options.form;
  else if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(t.baseUrl + path, { method, headers, body });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  const contentType = res.headers.get('content-type') ?? '';
  const parsed = contentType.includes('json') && text ? JSON.parse(text) : text;
  const problems = contract.violations({ method, url: path, status: res.status, contentType, body: parsed, text });
  if (problems.length) throw new Error(`${method} ${path} breaks the OpenAPI contract:\n  ${problems.join('\n  ')}\n${text.slice(0, 300)}`);
  return { status: res.status, headers: res.headers, bytes, text, body: parsed };
}

/** A file as a browser's folder upload hands it over: `webkitRelativePath` set. */
function browserFile(content: string | Uint8Array, name: string, type: string, relativePath = ''): File {
  const file = new File([typeof content === 'string' ? Buffer.from(content) : content], name, { type });
  Object.defineProperty(file, 'webkitRelativePath', { value: relativePath });
  return file;
}

/** A multipart form of files named as given, and `data` as a JSON text (null: no `data` part). */
function form(files: Array<[name: string, content: string | Uint8Array]>, data: unknown = { is_public: 'true', remark: '' }): FormData {
  const fd = new FormData();
  for (const [name, content] of files) fd.append('files', new File([typeof content === 'string' ? Buffer.from(content) : content], name));
  if (data !== null) fd.set('data', typeof data === 'string' ? data : JSON.stringify(data));
  return fd;
}

/** Deterministic bytes of any length. */
function bytesOf(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), bytesOf(300, 9)]);

const decodeJwt = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

async function signIn(user: FakeDiscordUser): Promise<string> {
  const res = await call('POST', '/oauth', { json: { code: discord.codeFor(user) } });
  if (res.status !== 200) throw new Error(`sign-in of ${user.username}: ${res.status} ${res.text}`);
  return res.body.access_token;
}

async function createTicket(token: string, files: Array<[string, string | Uint8Array]>, data: unknown = { is_public: 'true', remark: 'r' }): Promise<any> {
  const res = await call('POST', '/ticket', { token, form: form(files, data) });
  if (res.status !== 201) throw new Error(`ticket creation: ${res.status} ${res.text}`);
  return res.body;
}

function blobFiles(): string[] {
  const out: string[] = [];
  for (const fan of readdirSync(blobDir)) for (const name of readdirSync(join(blobDir, fan))) if (!name.endsWith('.tmp')) out.push(name);
  return out;
}

async function usage(token: string): Promise<{ physicalBytes: number; nodeCount: number }> {
  const me = await call('GET', '/api/oauth/me', { token });
  const res = await call('GET', `/api/realm/${me.body.realmId}/usage`, { token });
  return { physicalBytes: res.body.physicalBytes, nodeCount: res.body.nodeCount };
}

// ---------------------------------------------------------------------------------------------
// The PD2 web client, as frontend/src/api/*.ts and App.tsx call the API (axios, localStorage).

class HttpError extends Error {
  constructor(readonly response: { status: number; data: unknown }) {
    super(`HTTP ${response.status}`);
  }
}

class Pd2Client {
  readonly localStorage = new Map<string, string>();

  /** axios with config/axios.ts's interceptor: `Authorization: ${token_type} ${access_token}` from localStorage. */
  private async axios(method: string, url: string, data?: unknown, responseType?: 'blob'): Promise<{ status: number; data: any }> {
    const headers: Record<string, string> = {};
    const token = this.localStorage.get('access_token');
    const tokenType = this.localStorage.get('token_type');
    if (token !== undefined && tokenType !== undefined) headers.Authorization = `${tokenType} ${token}`;
    let body: FormData | string | undefined;
    if (data instanceof FormData) body = data;
    else if (data !== undefined) {
      body = JSON.stringify(data);
      headers['Content-Type'] = 'application/json';
    }
    const res = await fetch(t.baseUrl + url, { method, headers, body });
    const bytes = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    if (res.status >= 400) throw new HttpError({ status: res.status, data: type.includes('json') ? JSON.parse(bytes.toString()) : bytes.toString() });
    if (responseType === 'blob') return { status: res.status, data: new Blob([bytes], { type }) };
    return { status: res.status, data: type.includes('json') && bytes.length ? JSON.parse(bytes.toString()) : bytes.toString() };
  }

  /** api/oauth.ts oauth(code), then what loginPage stores. */
  async oauth(code: string): Promise<void> {
    const response = await this.axios('POST', '/oauth', { code: code });
    this.localStorage.set('access_token', response.data.access_token);
    this.localStorage.set('token_type', response.data.token_type);
  }

  /** App.tsx on every load: PUT /oauth; 401/403 signs out. */
  async load(): Promise<'kept' | 'signed-out'> {
    if (!this.localStorage.has('access_token')) return 'signed-out';
    try {
      const response = await this.axios('PUT', '/oauth');
      this.localStorage.set('access_token', response.data.access_token);
      this.localStorage.set('token_type', response.data.token_type);
      return 'kept';
    } catch (error) {
      const status = (error as HttpError).response?.status;
      if (status === 403 || status === 401) {
        this.localStorage.delete('access_token');
        this.localStorage.delete('token_type');
        return 'signed-out';
      }
      throw error;
    }
  }

  /** App.tsx: jwtDecode(token) as UserData, without verifying it. */
  get userData(): { id: string; display_name: string; display_avatar: string; is_admin: boolean; exp: number; iat: number } | undefined {
    const token = this.localStorage.get('access_token');
    return token ? decodeJwt(token) : undefined;
  }

  async getTicketList(userId: string, page?: number): Promise<any[]> {
    let url = `/ticket/${userId}`;
    if (page !== undefined) url += `?offset=${10 * page}&length=10`;
    return (await this.axios('GET', url)).data;
  }

  async createTicket(files: File[], isPublic: boolean, remark: string): Promise<any> {
    const formData = new FormData();
    for (let i = 0; i < files.length; i++) {
      const file = files[i] as File & { webkitRelativePath?: string };
      if (file === null) continue;
      formData.append('files', new File([file], file.webkitRelativePath || file.name, { type: file.type }));
    }
    formData.set('data', JSON.stringify({ is_public: isPublic ? 'true' : 'false', remark: remark }));
    return (await this.axios('POST', '/ticket', formData)).data;
  }

  async getTicket(userId: string, ticketId: string): Promise<any> {
    return (await this.axios('GET', `/ticket/${userId}/${ticketId}`)).data;
  }

  async updateTicket(userId: string, ticketId: string, isPublic?: boolean, remark?: string): Promise<any> {
    const data: Record<string, unknown> = {};
    if (isPublic !== undefined) data['is_public'] = isPublic;
    if (remark !== undefined) data['remark'] = remark;
    return (await this.axios('PUT', `/ticket/${userId}/${ticketId}`, data)).data;
  }

  async deleteTicket(userId: string, ticketId: string): Promise<void> {
    await this.axios('DELETE', `/ticket/${userId}/${ticketId}`);
  }

  async getTicketContent(userId: string, ticketId: string, filename: string): Promise<string | Blob | File> {
    const response = await this.axios('GET', `/ticket/${userId}/${ticketId}/files/${filename}`, undefined, 'blob');
    const data = response.data as Blob;
    if (data.type.startsWith('text/')) return await data.text();
    if (data.type.startsWith('image/')) return response.data;
    return new File([response.data], filename, { type: data.type });
  }

  async getTicketZip(userId: string, ticketId: string): Promise<Blob> {
    return (await this.axios('GET', `/ticket/${userId}/${ticketId}/download`, undefined, 'blob')).data;
  }

  async getUser(userId: string): Promise<any> {
    return (await this.axios('GET', `/user/${userId}`)).data;
  }
}

// ---------------------------------------------------------------------------------------------

describe('the PD2 web client, unchanged', () => {
  it('signs in with Discord, refreshes on load, uploads a folder, browses, edits, downloads and deletes', async () => {
    const client = new Pd2Client();
    await client.oauth(discord.codeFor(alice));
    const user = client.userData!;
    expect(user).toMatchObject({ id: alice.id, display_name: 'Alice A.', display_avatar: `https://cdn.discordapp.com/avatars/${alice.id}/${alice.avatar}.png`, is_admin: false });
    expect(typeof user.exp).toBe('number');
    expect(typeof user.iat).toBe('number');
    expect(user.exp).toBeGreaterThan(user.iat);

    const meCalls = discord.calls['GET /users/@me'] ?? 0;
    expect(await client.load()).toBe('kept');
    expect(discord.calls['GET /users/@me']).toBe(meCalls + 1);
    expect(client.localStorage.get('access_token')).toBeDefined();
    expect(client.localStorage.get('token_type')).toBe('Bearer');
    expect(client.userData!.id).toBe(alice.id);

    const big = bytesOf(20_000, 1); // five nodes at a 4 KiB limit
    const files = [
      browserFile('public class Main { }\n', 'Main.java', 'text/x-java', 'project/src/Main.java'),
      browserFile('# Project\n讀我\n', 'README.md', 'text/markdown', 'project/README.md'),
      browserFile(PNG, 'logo.png', 'image/png', 'project/logo.png'),
      browserFile(big, 'data.bin', 'application/octet-stream', 'project/data.bin'),
    ];
    const created = await client.createTicket(files, false, 'Homework 1');
    expect(created).toMatchObject({ files: ['project/src/Main.java', 'project/README.md', 'project/logo.png', 'project/data.bin'], is_public: false, remark: 'Homework 1' });
    expect(created.id).toMatch(/^[0-9a-f]{20}$/);
    expect(created.author.display_data).toEqual({ id: alice.id, display_name: 'Alice A.', display_avatar: user.display_avatar, is_admin: false });
    expect(Math.abs(created.create_time - Date.now())).toBeLessThan(60_000);

    const list = await client.getTicketList('@me', 0);
    expect(list.map((ticket) => ticket.id)).toContain(created.id);
    expect(list[0]).not.toHaveProperty('author');
    expect((await client.getTicketList(user.id, 0)).map((ticket) => ticket.id)).toContain(created.id);

    const one = await client.getTicket('@me', created.id);
    expect(one).toEqual(created);

    expect(await client.getTicketContent('@me', created.id, 'project/src/Main.java')).toBe('public class Main { }\n');
    expect(await client.getTicketContent(user.id, created.id, 'project/README.md')).toBe('# Project\n讀我\n');
    const image = await client.getTicketContent('@me', created.id, 'project/logo.png');
    expect(image).toBeInstanceOf(Blob);
    expect(image).not.toBeInstanceOf(File);
    expect((image as Blob).type).toBe('image/png');
    expect(Buffer.from(await (image as Blob).arrayBuffer()).equals(PNG)).toBe(true);
    const binary = await client.getTicketContent('@me', created.id, 'project/data.bin');
    expect(binary).toBeInstanceOf(File);
    expect((binary as File).type).toBe('application/octet-stream');
    expect(Buffer.from(await (binary as File).arrayBuffer()).equals(big)).toBe(true);

    const updated = await client.updateTicket('@me', created.id, true);
    expect(updated).toMatchObject({ id: created.id, is_public: true, remark: 'Homework 1' });
    expect((await client.updateTicket(user.id, created.id, undefined, 'Homework 1 (final)')).remark).toBe('Homework 1 (final)');

    expect(await client.getUser('@me')).toEqual({ id: alice.id, display_name: 'Alice A.', display_avatar: user.display_avatar, is_admin: false });

    const zip = unzip(Buffer.from(await (await client.getTicketZip('@me', created.id)).arrayBuffer()));
    expect(zip.map((entry) => entry.name)).toEqual(created.files);
    expect(zip[3].data.equals(big)).toBe(true);

    await client.deleteTicket('@me', created.id);
    await expect(client.getTicket('@me', created.id)).rejects.toMatchObject({ response: { status: 404, data: { detail: 'Ticket not found' } } });
  });

  it('keeps a Windows folder path, backslashes turned into slashes, and serves it by that path', async () => {
    const client = new Pd2Client();
    await client.oauth(discord.codeFor(alice));
    const created = await client.createTicket([browserFile('class Util {}', 'Util.java', '', 'project\\lib\\Util.java')], true, '');
    expect(created.files).toEqual(['project/lib/Util.java']);
    expect(await client.getTicketContent('@me', created.id, 'project/lib/Util.java')).toBe('class Util {}');
  });

  it('signs out on load when the token is not ours, and when Discord no longer knows the user', async () => {
    const client = new Pd2Client();
    client.localStorage.set('access_token', 'not-a-token');
    client.localStorage.set('token_type', 'Bearer');
    expect(await client.load()).toBe('signed-out');
    expect(client.localStorage.has('access_token')).toBe(false);

    const dave: FakeDiscordUser = { id: '300000000000000004', username: 'dave', global_name: null, avatar: null };
    await client.oauth(discord.codeFor(dave));
    expect(await client.load()).toBe('kept');
    discord.revoke(dave.id);
    expect(await client.load()).toBe('signed-out');
  });

  it('is allowed from its own origin (CORS_ORIGINS)', async () => {
    const res = await fetch(`${t.baseUrl}/ticket`, {
      method: 'OPTIONS',
      headers: { origin: PD2_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBe(PD2_ORIGIN);
    const other = await fetch(`${t.baseUrl}/ping`, { headers: { origin: 'http://elsewhere.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('Discord login', () => {
  it('answers our JWT with the profile claims, accepted on every surface', async () => {
    const res = await call('POST', '/oauth', { json: { code: discord.codeFor(bob) } });
    expect(res.status).toBe(200);
    expect(res.body.token_type).toBe('Bearer');
    const claims = decodeJwt(res.body.access_token);
    expect(claims).toMatchObject({ id: bob.id, display_name: 'bob', display_avatar: 'https://cdn.discordapp.com/embed/avatars/0.png', is_admin: false, typ: 'access' });
    expect(Object.keys(claims).sort()).toEqual(['display_avatar', 'display_name', 'exp', 'iat', 'id', 'is_admin', 'roles', 'sub', 'typ']);
    const me = await call('GET', '/api/oauth/me', { token: res.body.access_token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ name: 'bob', roles: ['user'] });
    expect(String(me.body.id)).toBe(claims.sub);
    expect((await call('GET', `/api/realm/${me.body.realmId}/usage`, { token: res.body.access_token })).status).toBe(200);
    expect((await call('GET', '/v1/tickets', { token: res.body.access_token })).status).toBe(200);
  });

  it('refuses a code Discord refuses (401 "Authorize failed"), and a body without one (400)', async () => {
    expect(await call('POST', '/oauth', { json: { code: 'not-a-code' } })).toMatchObject({ status: 401, body: { detail: 'Authorize failed' } });
    const code = discord.codeFor(bob);
    expect((await call('POST', '/oauth', { json: { code } })).status).toBe(200);
    expect(await call('POST', '/oauth', { json: { code } })).toMatchObject({ status: 401, body: { detail: 'Authorize failed' } });
    expect((await call('POST', '/oauth', { json: {} })).status).toBe(400);
  });

  it('makes the users named in DISCORD_ADMIN_IDS admins', async () => {
    expect(decodeJwt(await signIn(carol)).is_admin).toBe(true);
    expect(decodeJwt(await signIn(bob)).is_admin).toBe(false);
  });

  it('keeps one user per Discord account and refreshes its name and avatar at every sign-in', async () => {
    const first = decodeJwt(await signIn({ ...bob, global_name: 'Bobby' }));
    const second = decodeJwt(await signIn({ ...bob, global_name: 'Robert', avatar: 'ffffffffffffffffffffffffffffffff' }));
    expect(second.sub).toBe(first.sub);
    expect(second.display_name).toBe('Robert');
    expect(second.display_avatar).toBe(`https://cdn.discordapp.com/avatars/${bob.id}/ffffffffffffffffffffffffffffffff.png`);
    await signIn(bob);
  });

  it('refreshes with PUT /oauth: Discord asked again, expired Discord tokens refreshed, expired JWTs of Discord users forgiven', async () => {
    const token = await signIn(alice);
    const me = discord.calls['GET /users/@me'];
    const res = await call('PUT', '/oauth', { token });
    expect(res.status).toBe(200);
    expect(discord.calls['GET /users/@me']).toBe(me + 1);
    expect(decodeJwt(res.body.access_token)).toMatchObject({ id: alice.id, display_name: 'Alice A.' });

    discord.expireAccessTokens();
    const refreshes = discord.calls['grant refresh_token'] ?? 0;
    expect((await call('PUT', '/oauth', { token })).status).toBe(200);
    expect(discord.calls['grant refresh_token']).toBe(refreshes + 1);

    const expired = sign({ typ: 'access', roles: ['user'], id: alice.id }, TEST_JWT_SECRET, { algorithm: 'HS256', subject: decodeJwt(token).sub, expiresIn: -60 });
    expect((await call('GET', '/ticket', { token: expired })).status).toBe(403);
    expect((await call('PUT', '/oauth', { token: expired })).status).toBe(200);
    const ancient = sign({ typ: 'access', roles: ['user'], exp: Math.floor(Date.now() / 1000) - 31 * 86_400 }, TEST_JWT_SECRET, { algorithm: 'HS256', subject: decodeJwt(token).sub });
    expect(await call('PUT', '/oauth', { token: ancient })).toMatchObject({ status: 403, body: { detail: 'Invalid authentication credentials' } });
  });

  it('refuses PUT /oauth without a token of ours (403), and once Discord refuses the user (401)', async () => {
    expect(await call('PUT', '/oauth')).toMatchObject({ status: 403, body: { detail: 'Invalid authentication credentials' } });
    expect(await call('PUT', '/oauth', { token: 'garbage' })).toMatchObject({ status: 403, body: { detail: 'Invalid authentication credentials' } });
    const forged = sign({ typ: 'access', roles: ['user'] }, 'another-secret-that-is-long-enough-0123456789', { algorithm: 'HS256', subject: '1', expiresIn: 600 });
    expect((await call('PUT', '/oauth', { token: forged })).status).toBe(403);
    const erin: FakeDiscordUser = { id: '300000000000000005', username: 'erin', global_name: null, avatar: null };
    const token = await signIn(erin);
    discord.revoke(erin.id);
    expect(await call('PUT', '/oauth', { token })).toMatchObject({ status: 401, body: { detail: 'Authorize failed' } });
  });

  it('answers 503 while Discord fails, so clients keep their session', async () => {
    const token = await signIn(alice);
    discord.failWith = 502;
    try {
      expect((await call('POST', '/oauth', { json: { code: 'anything' } })).status).toBe(503);
      expect((await call('PUT', '/oauth', { token })).status).toBe(503);
    } finally {
      discord.failWith = null;
    }
  });

  it('refreshes a password user\'s valid JWT with PUT /oauth, with claims under our user id', async () => {
    const { user, token } = await t.userWithToken(['user'], { name: 'Pat Password' });
    const res = await call('PUT', '/oauth', { token });
    expect(res.status).toBe(200);
    expect(decodeJwt(res.body.access_token)).toMatchObject({ id: String(user.id), display_name: 'Pat Password', is_admin: false });
    const expired = sign({ typ: 'access', roles: ['user'] }, TEST_JWT_SECRET, { algorithm: 'HS256', subject: String(user.id), expiresIn: -60 });
    expect((await call('PUT', '/oauth', { token: expired })).status).toBe(403);
    expect((await call('PUT', '/oauth', { token: await t.adminToken() })).body.access_token).toBeDefined();
    expect(decodeJwt((await call('PUT', '/oauth', { token: await t.adminToken() })).body.access_token).is_admin).toBe(true);
  });
});

describe('tickets', () => {
  let aliceToken: string;
  let bobToken: string;
  let carolToken: string;
  let publicTicket: any;
  let privateTicket: any;

  beforeAll(async () => {
    [aliceToken, bobToken, carolToken] = [await signIn(alice), await signIn(bob), await signIn(carol)];
    publicTicket = await createTicket(aliceToken, [['a.txt', 'public a'], ['dir/b.txt', 'public b']], { is_public: true, remark: 'open' });
    privateTicket = await createTicket(aliceToken, [['secret.txt', 'private']], { is_public: 'false', remark: 'closed' });
  });

  it('creates with the seed\'s shape: 201, 20-hex id, author display data; booleans as JSON or strings; data optional', async () => {
    const res = await call('POST', '/ticket', { token: bobToken, form: form([['x.txt', 'x']], { is_public: false, remark: 'json boolean' }) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ files: ['x.txt'], is_public: false, remark: 'json boolean', author: { display_data: { id: bob.id, display_name: 'bob', is_admin: false } } });
    const noData = await call('POST', '/ticket', { token: bobToken, form: form([['y.txt', 'y']], null) });
    expect(noData.body).toMatchObject({ is_public: false, remark: '' });
    expect((await call('POST', '/ticket', { token: bobToken, form: form([['z.txt', 'z']], '{"is_public": "yes"}') })).status).toBe(400);
    expect((await call('POST', '/ticket', { token: bobToken, form: form([['z.txt', 'z']], 'not json') })).status).toBe(400);
    expect((await call('POST', '/ticket', { token: bobToken, form: form([['z.txt', 'z']], { remark: 'x'.repeat(10_001) }) })).status).toBe(400);
  });

  it('refuses uploads without a legal file: 400 "Missing file"', async () => {
    expect(await call('POST', '/ticket', { token: bobToken, form: form([], { remark: 'nothing' }) })).toMatchObject({ status: 400, body: { detail: 'Missing file' } });
    expect(await call('POST', '/ticket', { token: bobToken, json: { files: [] } })).toMatchObject({ status: 400, body: { detail: 'Missing file' } });
    const allIllegal = form([['../escape.txt', 'x'], ['/etc/passwd', 'x'], ['C:\\boot.ini', 'x'], ['a/../../b', 'x']]);
    expect(await call('POST', '/ticket', { token: bobToken, form: allIllegal })).toMatchObject({ status: 400, body: { detail: 'Missing file' } });
    const other = new FormData();
    other.append('attachments', new File(['x'], 'x.txt'));
    expect((await call('POST', '/ticket', { token: bobToken, form: other })).body).toEqual({ detail: 'Missing file' });
  });

  it('skips traversal, absolute and clashing names in uploads and keeps the legal files', async () => {
    const created = await createTicket(bobToken, [
      ['../../etc/cron.d/evil', 'evil'],
      ['ok.txt', 'first'],
      ['\\\\server\\share\\x', 'unc'],
      ['/abs.txt', 'abs'],
      ['ok.txt', 'second'],
      ['ok.txt/inner', 'under a file'],
      ['sub/./deep//file.txt', 'deep'],
      ['what?.txt', 'forbidden character'],
    ]);
    expect(created.files).toEqual(['ok.txt', 'sub/deep/file.txt']);
    expect((await call('GET', `/ticket/@me/${created.id}/files/ok.txt`, { token: bobToken })).text).toBe('first');
    const zip = unzip((await call('GET', `/ticket/@me/${created.id}/download`, { token: bobToken })).bytes);
    expect(zip.map((e) => [e.name, e.data.toString()])).toEqual([
      ['ok.txt', 'first'],
      ['sub/deep/file.txt', 'deep'],
    ]);
  });

  it('refuses a file past FILE_TICKET_MAX_FILE_BYTES with 413 "File is too large", storing nothing', async () => {
    const before = await usage(bobToken);
    const blobs = blobFiles().length;
    const mine = (await call('GET', '/ticket?length=100', { token: bobToken })).body.length;
    const res = await call('POST', '/ticket', { token: bobToken, form: form([['fine.txt', bytesOf(1000, 3)], ['big.bin', bytesOf(MAX_FILE + 1, 4)]]) });
    expect(res).toMatchObject({ status: 413, body: { detail: 'File is too large' } });
    expect(await usage(bobToken)).toEqual(before);
    expect(blobFiles().length).toBe(blobs);
    expect((await call('GET', '/ticket?length=100', { token: bobToken })).body.length).toBe(mine);
    const atLimit = await call('POST', '/ticket', { token: bobToken, form: form([['limit.bin', bytesOf(MAX_FILE, 5)]]) });
    expect(atLimit.status).toBe(201);
    const back = await call('GET', `/ticket/@me/${atLimit.body.id}/files/limit.bin`, { token: bobToken });
    expect(back.bytes.equals(bytesOf(MAX_FILE, 5))).toBe(true);
    expect(back.headers.get('content-type')).toBe('application/octet-stream');
    expect(back.headers.get('content-length')).toBe(String(MAX_FILE));
  });

  it('refuses multipart bodies on every other route (415) and malformed ones here (400)', async () => {
    expect((await call('POST', '/api/oauth/login', { form: form([['a.txt', 'a']]) })).status).toBe(415);
    expect((await call('PUT', `/ticket/@me/${publicTicket.id}`, { token: aliceToken, form: form([['a.txt', 'a']]) })).status).toBe(415);
    const broken = await fetch(`${t.baseUrl}/ticket`, { method: 'POST', headers: { authorization: `Bearer ${bobToken}`, 'content-type': 'multipart/form-data; boundary=xyz' }, body: '--xyz\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\nunterminated' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ detail: 'The multipart/form-data body is malformed' });
  });

  it('lists one\'s own tickets newest first, with offset and length (1–100)', async () => {
    const own = await call('GET', '/ticket', { token: aliceToken });
    expect(own.status).toBe(200);
    const ids = own.body.map((ticket: any) => ticket.id);
    expect(ids.indexOf(privateTicket.id)).toBeLessThan(ids.indexOf(publicTicket.id));
    expect(own.body.find((ticket: any) => ticket.id === privateTicket.id)).toEqual({ id: privateTicket.id, files: ['secret.txt'], is_public: false, remark: 'closed', create_time: privateTicket.create_time });
    const second = await call('GET', '/ticket?offset=1&length=1', { token: aliceToken });
    expect(second.body.map((ticket: any) => ticket.id)).toEqual([ids[1]]);
    expect((await call('GET', '/ticket?length=101', { token: aliceToken })).status).toBe(400);
    expect((await call('GET', '/ticket?offset=-1', { token: aliceToken })).status).toBe(400);
    expect((await call('GET', '/ticket?length=abc', { token: aliceToken })).status).toBe(400);
  });

  it('lists another user\'s public tickets only (by Discord id or our id), all of them for admins; 404 for unknown users', async () => {
    const byOthers = await call('GET', `/ticket/${alice.id}?length=100`, { token: bobToken });
    expect(byOthers.status).toBe(200);
    const ids = byOthers.body.map((ticket: any) => ticket.id);
    expect(ids).toContain(publicTicket.id);
    expect(ids).not.toContain(privateTicket.id);
    expect(byOthers.body.every((ticket: any) => ticket.is_public)).toBe(true);
    const ourId = decodeJwt(aliceToken).sub;
    expect((await call('GET', `/ticket/${ourId}?length=100`, { token: bobToken })).body.map((ticket: any) => ticket.id)).toEqual(ids);
    expect((await call('GET', `/ticket/${alice.id}?length=100`, { token: carolToken })).body.map((ticket: any) => ticket.id)).toContain(privateTicket.id);
    expect(await call('GET', '/ticket/399999999999999999', { token: bobToken })).toMatchObject({ status: 404, body: { detail: 'User not found' } });
    expect((await call('GET', '/ticket/nobody', { token: bobToken })).status).toBe(404);
  });

  it('shows a ticket to its owner, to anyone when public, to admins always; 404 otherwise', async () => {
    expect((await call('GET', `/ticket/@me/${privateTicket.id}`, { token: aliceToken })).body.remark).toBe('closed');
    expect((await call('GET', `/ticket/${alice.id}/${publicTicket.id}`, { token: bobToken })).body).toMatchObject({ id: publicTicket.id, author: { display_data: { id: alice.id } } });
    expect(await call('GET', `/ticket/${alice.id}/${privateTicket.id}`, { token: bobToken })).toMatchObject({ status: 404, body: { detail: 'Ticket not found' } });
    expect((await call('GET', `/ticket/${alice.id}/${privateTicket.id}`, { token: carolToken })).status).toBe(200);
    expect((await call('GET', `/ticket/${bob.id}/${publicTicket.id}`, { token: bobToken })).status).toBe(404);
    expect((await call('GET', `/ticket/@me/${'0'.repeat(20)}`, { token: aliceToken })).status).toBe(404);
    expect((await call('GET', `/ticket/@me/not-an-id`, { token: aliceToken })).status).toBe(404);
    expect((await call('GET', `/ticket/399999999999999999/${publicTicket.id}`, { token: aliceToken })).body).toEqual({ detail: 'Ticket not found' });
  });

  it('lets the owner and admins change a ticket (201), refuses others who can see it (403) and hides it from those who cannot (404)', async () => {
    const res = await call('PUT', `/ticket/@me/${publicTicket.id}`, { token: aliceToken, json: { remark: 'edited', ignored: 1 } });
    expect(res).toMatchObject({ status: 201, body: { remark: 'edited', is_public: true } });
    expect(await call('PUT', `/ticket/${alice.id}/${publicTicket.id}`, { token: bobToken, json: { remark: 'vandal' } })).toMatchObject({ status: 403, body: { detail: 'Permission denied' } });
    expect((await call('PUT', `/ticket/${alice.id}/${privateTicket.id}`, { token: bobToken, json: { remark: 'vandal' } })).status).toBe(404);
    expect((await call('PUT', `/ticket/${alice.id}/${privateTicket.id}`, { token: carolToken, json: { is_public: 'false', remark: 'moderated' } })).body).toMatchObject({ remark: 'moderated', is_public: false });
    expect((await call('PUT', `/ticket/@me/${publicTicket.id}`, { token: aliceToken, json: { is_public: 'sometimes' } })).status).toBe(400);
    // The same rules as at creation: no DRF-style "yes"/"1"/"on".
    for (const loose of ['yes', '1', 'on']) expect((await call('PUT', `/ticket/@me/${publicTicket.id}`, { token: aliceToken, json: { is_public: loose } })).status).toBe(400);
    expect((await call('GET', `/ticket/${alice.id}/${publicTicket.id}`, { token: bobToken })).body.remark).toBe('edited');
  });

  it('lets the owner and admins delete (204), refuses others (403), and keeps bytes other tickets use', async () => {
    const shared = bytesOf(9000, 77);
    const first = await createTicket(aliceToken, [['shared.bin', shared], ['only-first.txt', 'first']], { is_public: true });
    const second = await createTicket(bobToken, [['copy/shared.bin', shared]], { is_public: true });
    expect(await call('DELETE', `/ticket/${alice.id}/${first.id}`, { token: bobToken })).toMatchObject({ status: 403, body: { detail: 'Permission denied' } });
    expect((await call('DELETE', `/ticket/${alice.id}/${privateTicket.id}`, { token: bobToken })).status).toBe(404);
    const deleted = await call('DELETE', `/ticket/@me/${first.id}`, { token: aliceToken });
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await call('GET', `/ticket/@me/${first.id}`, { token: aliceToken })).status).toBe(404);
    expect((await call('DELETE', `/ticket/@me/${first.id}`, { token: aliceToken })).status).toBe(404);
    const kept = await call('GET', `/ticket/${bob.id}/${second.id}/files/copy/shared.bin`, { token: aliceToken });
    expect(kept.bytes.equals(shared)).toBe(true);
    const third = await createTicket(bobToken, [['gone.txt', 'x']]);
    expect((await call('DELETE', `/ticket/${bob.id}/${third.id}`, { token: carolToken })).status).toBe(204);
  });

  it('serves files by path: 403 "Permission denied" for paths that leave the ticket, 404 "Ticket file not found" for missing ones', async () => {
    const path = (p: string) => `/ticket/${alice.id}/${publicTicket.id}/files/${p}`;
    const ok = await call('GET', path('dir/b.txt'), { token: bobToken });
    expect(ok).toMatchObject({ status: 200, text: 'public b' });
    expect(ok.headers.get('content-type')).toBe(TEXT);
    expect(ok.headers.get('content-disposition')).toBe(`inline; filename="b.txt"; filename*=UTF-8''b.txt`);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    for (const attempt of ['..%2F..%2Fetc%2Fpasswd', '%2Fetc%2Fpasswd', 'dir%2F..%2F..%2Fsecret.txt', '..%5C..%5Cboot.ini', 'C:%5Cwin.ini', 'a%00b']) {
      expect(await call('GET', path(attempt), { token: bobToken })).toMatchObject({ status: 403, body: { detail: 'Permission denied' } });
    }
    // Sent as written (fetch would resolve the dots before sending): the server's own check refuses it.
    const raw = await rawGet(`${t.baseUrl}${path('dir/../../../../etc/passwd')}`, bobToken);
    expect(raw).toEqual({ status: 403, body: '{"detail":"Permission denied"}' });
    expect(await call('GET', path('missing.txt'), { token: bobToken })).toMatchObject({ status: 404, body: { detail: 'Ticket file not found' } });
    expect((await call('GET', path('dir'), { token: bobToken })).body).toEqual({ detail: 'Ticket file not found' });
    expect((await call('GET', path('secret.txt'), { token: bobToken })).status).toBe(404);
    expect((await call('GET', `/ticket/${alice.id}/${privateTicket.id}/files/secret.txt`, { token: bobToken })).body).toEqual({ detail: 'Ticket not found' });
    expect((await call('GET', `/ticket/${alice.id}/${privateTicket.id}/files/secret.txt`, { token: carolToken })).text).toBe('private');
  });

  it('streams a zip of every file that unpacks to the uploaded bytes, multi-node files and UTF-8 names included', async () => {
    const files: Array<[string, Buffer]> = [
      ['src/Main.java', Buffer.from('public class Main {}\n')],
      ['資料/報告.txt', Buffer.from('中文內容\n')],
      ['big/data.bin', bytesOf(50_000, 11)],
      ['empty.txt', Buffer.alloc(0)],
      ['logo.png', PNG],
    ];
    const created = await createTicket(aliceToken, files, { is_public: 'false' });
    const res = await call('GET', `/ticket/@me/${created.id}/download`, { token: aliceToken });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toContain(`attachment; filename="${created.id}.zip"`);
    const entries = unzip(res.bytes);
    expect(entries.map((entry) => entry.name)).toEqual(files.map(([name]) => name));
    entries.forEach((entry, i) => expect(entry.data.equals(files[i][1])).toBe(true));
    expect((await call('GET', `/ticket/${alice.id}/${created.id}/download`, { token: bobToken })).body).toEqual({ detail: 'Ticket not found' });
    expect((await call('GET', `/ticket/${alice.id}/${created.id}/download`, { token: carolToken })).status).toBe(200);
  });

  it('stores identical files once: one blob across tickets and users, one node row per realm', async () => {
    const content = bytesOf(12_345, 42); // several nodes at the 4 KiB limit
    const first = await createTicket(aliceToken, [['one/copy.bin', content]]);
    const blobsAfterFirst = blobFiles();
    const sizeAfterFirst = blobsAfterFirst.reduce((sum, name) => sum + statSync(join(blobDir, name.slice(-2).toLowerCase(), name)).size, 0);
    const usageBefore = await usage(aliceToken);
    const second = await createTicket(aliceToken, [['two/copy.bin', content]]);
    const third = await createTicket(bobToken, [['copy.bin', content]]);
    const added = blobFiles().filter((name) => !blobsAfterFirst.includes(name));
    // Directories dedupe too: "two/" holds what "one/" holds, and Bob's root holds it as well. The one new
    // blob is Alice's second root {two: …}; none of the file's nodes is written again.
    expect(added.length).toBe(1);
    const addedBytes = added.reduce((sum, name) => sum + statSync(join(blobDir, name.slice(-2).toLowerCase(), name)).size, 0);
    expect(addedBytes).toBeLessThan(100);
    expect(sizeAfterFirst).toBeGreaterThan(content.length);
    const usageAfter = await usage(aliceToken);
    expect(usageAfter.physicalBytes - usageBefore.physicalBytes).toBe(addedBytes);
    expect(usageAfter.nodeCount - usageBefore.nodeCount).toBe(1);
    for (const [token, id, path] of [[aliceToken, first.id, 'one/copy.bin'], [aliceToken, second.id, 'two/copy.bin'], [bobToken, third.id, 'copy.bin']]) {
      expect((await call('GET', `/ticket/@me/${id}/files/${path}`, { token })).bytes.equals(content)).toBe(true);
    }
  });

  withPostgres('keeps an identical single-node file as one cas_nodes row per realm and one blob', async () => {
    const content = Buffer.from('the same small file in two tickets of two users\n');
    const key = nodeKeyText(keyOf(encodeFileNode({ contentType: TEXT, fileSize: content.length, data: content })));
    await createTicket(aliceToken, [['same.txt', content]]);
    await createTicket(aliceToken, [['again/same.txt', content]]);
    await createTicket(bobToken, [['same.txt', content]]);
    expect(blobFiles().filter((name) => name === key)).toHaveLength(1);
    const rows = await t.sql<{ realm: string }>(`SELECT realm FROM cas_nodes WHERE key = $1 ORDER BY realm`, [keyOf(encodeFileNode({ contentType: TEXT, fileSize: content.length, data: content }))]);
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((row) => row.realm)).size).toBe(2);
  });

  it('answers display data of users: @me, by Discord id, by our id; 404 for unknown ones', async () => {
    expect(await call('GET', '/user/@me', { token: bobToken })).toMatchObject({ status: 200, body: { id: bob.id, display_name: 'bob', display_avatar: 'https://cdn.discordapp.com/embed/avatars/0.png', is_admin: false } });
    expect((await call('GET', `/user/${carol.id}`, { token: bobToken })).body).toEqual({ id: carol.id, display_name: 'Carol Admin', display_avatar: 'https://cdn.discordapp.com/embed/avatars/0.png', is_admin: true });
    expect((await call('GET', `/user/${decodeJwt(aliceToken).sub}`, { token: bobToken })).body.id).toBe(alice.id);
    expect(await call('GET', '/user/399999999999999999', { token: bobToken })).toMatchObject({ status: 404, body: { detail: 'User not found' } });
    expect((await call('GET', '/user/@someone', { token: bobToken })).status).toBe(404);
  });

  it('refuses every ticket and user route without valid credentials: 403 "Invalid authentication credentials"', async () => {
    const routes: Array<[string, string]> = [
      ['GET', '/ticket'],
      ['POST', '/ticket'],
      ['GET', `/ticket/${alice.id}`],
      ['GET', `/ticket/${alice.id}/${publicTicket.id}`],
      ['PUT', `/ticket/${alice.id}/${publicTicket.id}`],
      ['DELETE', `/ticket/${alice.id}/${publicTicket.id}`],
      ['GET', `/ticket/${alice.id}/${publicTicket.id}/files/a.txt`],
      ['GET', `/ticket/${alice.id}/${publicTicket.id}/download`],
      ['GET', '/user/@me'],
    ];
    for (const [method, path] of routes) {
      for (const token of [undefined, 'garbage']) {
        expect(await call(method, path, { token })).toMatchObject({ status: 403, body: { detail: 'Invalid authentication credentials' } });
      }
    }
    expect((await call('GET', `/ticket/${alice.id}/${publicTicket.id}`, { token: aliceToken })).status).toBe(200);
  });

  it('serves /version and /ping as plain text', async () => {
    expect(await call('GET', '/version')).toMatchObject({ status: 200, text: 'v2.0.0' });
    expect(await call('GET', '/ping')).toMatchObject({ status: 200, text: 'pong' });
  });
});

/** A GET whose path goes out byte for byte as given (no dot-segment resolution, unlike fetch). */
function rawGet(url: string, token: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  const path = url.slice(url.indexOf('/', url.indexOf('//') + 2));
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
