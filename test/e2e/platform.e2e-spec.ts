import SwaggerParser from '@apidevtools/swagger-parser';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverUrl } from '../support/test-database';
import { withPostgres } from '../support/fixtures';
import { TestServer } from '../support/test-server';

const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');
/** Tests that need to reach the database from outside the server (PostgreSQL mode). */

describe('platform: surfaces, ops, OpenAPI', () => {
  let t: TestServer;
  beforeAll(async () => (t = await TestServer.start({ BODY_LIMIT_BYTES: '4096' })));
  afterAll(() => t.close());

  it('answers /version and /ping in plain text', async () => {
    const version = await t.get('/version');
    expect(version.status).toBe(200);
    expect(version.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(version.text).toBe('v2.0.0');
    const ping = await t.get('/ping');
    expect(ping.text).toBe('pong');
  });

  it('answers /api/health and /api/info', async () => {
    expect((await t.get('/api/health')).body).toEqual({ status: 'ok', database: 'up' });
    const info = await t.get('/api/info');
    expect(info.body).toMatchObject({ name: 'ticket-platform', database: 'local', databaseMode: serverUrl ? 'postgres' : 'embedded' });
    // CASFA's ServiceInfo, as its client reads it.
    expect(info.body).toMatchObject({ service: 'ticket-platform', storage: 'fs', auth: 'mock', features: { jwtAuth: true, oauthLogin: true } });
    expect(info.body.limits).toEqual({
      maxNodeSize: 4194304, maxNameBytes: 255, maxCollectionChildren: 10000, maxPayloadSize: 4194304,
      maxDelegateTokenTtl: 2592000, maxAccessTokenTtl: 86400, maxTokenDepth: 15,
    });
    // Only what is served.
    expect(info.body.surfaces.map((s: { name: string }) => s.name)).toEqual(['workflow', 'realm', 'support', 'file-tickets', 'api']);
    expect(info.body.surfaces).toContainEqual({ name: 'support', seed: '001', basePath: '/v1' });
    expect(info.body.surfaces).toContainEqual({ name: 'api', seed: null, basePath: '/api/oauth, /api/admin' });
  });

  it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
    expect((await t.get('/api/health', { headers: { 'x-request-id': 'trace-42' } })).headers.get('x-request-id')).toBe('trace-42');
    const generated = (await t.get('/api/health', { headers: { 'x-request-id': 'bad id\twith tabs' } })).headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect((await t.get('/nowhere')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route in the format of its surface', async () => {
    const support = await t.get('/v1/nothing-here');
    expect(support.status).toBe(404);
    expect(support.body).toMatchObject({ success: false, error_code: 'NOT_FOUND' });
    const workflow = await t.get('/api/v1/nothing-here/');
    expect(workflow.status).toBe(404);
    expect(Object.keys(workflow.body)).toEqual(['detail']);
    const realm = await t.get('/api/realm/usr_1/nothing');
    expect(realm.body).toMatchObject({ error: 'NOT_FOUND', details: {} });
    const files = await t.get('/ticket-nothing');
    expect(files.body).toMatchObject({ error: 'NOT_FOUND' });
    const fileSurface = await t.get('/user/x/y/z');
    expect(Object.keys(fileSurface.body)).toEqual(['detail']);
    const api = await t.get('/api/nothing');
    expect(api.body).toEqual({ error: 'NOT_FOUND', message: 'Cannot GET /api/nothing' });
  });

  it('answers 413 for a body over BODY_LIMIT_BYTES', async () => {
    const res = await t.post('/api/oauth/login', { email: 'a@example.com', password: 'x'.repeat(5000) });
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('PAYLOAD_TOO_LARGE');
  });

  it('serves a valid OpenAPI 3 document with schemas, security and surface tags', async () => {
    const res = await t.get('/docs-json');
    expect(res.status).toBe(200);
    const doc = res.body;
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeDefined();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.components.securitySchemes['user-jwt']).toMatchObject({ type: 'http', scheme: 'bearer' });
    // The CLI plugin documented the DTOs from their class-validator decorators and JSDoc.
    expect(doc.components.schemas.LoginDto.required).toEqual(expect.arrayContaining(['email', 'password']));
    expect(doc.components.schemas.CreateUserDto.properties.password.minLength).toBe(8);
    const me = doc.paths['/api/oauth/me'].get;
    expect(me.security).toEqual([{ 'user-jwt': [] }]);
    expect(me.responses['401']).toBeDefined();
    expect(doc.paths['/api/admin/users'].get.responses['403']).toBeDefined();
    expect(doc.paths['/api/oauth/login'].post.tags).toEqual(['identity']);
    // Errors are documented in the format of each route's surface.
    expect(doc.paths['/api/oauth/login'].post.responses['400'].content['application/json'].schema.$ref).toBe('#/components/schemas/ApiError');
    expect(doc.paths['/v1/webhooks'].post.responses['422'].content['application/json'].schema.$ref).toBe('#/components/schemas/SupportError');
    expect(doc.paths['/v1/webhooks/{id}'].get.responses['401'].content['application/json'].schema.$ref).toBe('#/components/schemas/SupportError');
    expect(doc.paths['/version'].get.responses['500'].content['application/json'].schema.$ref).toBe('#/components/schemas/FileTicketsError');
    expect(doc.components.schemas.SupportError.required).toEqual(['success', 'message', 'error_code', 'details']);
    const ui = await t.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
  });

  withPostgres('answers 503 from /api/health and a plain 500 elsewhere when the database is gone', async () => {
    const own = await TestServer.start();
    try {
      await own.setDatabaseReachable(false);
      const health = await own.get('/api/health');
      expect(health.status).toBe(503);
      expect(health.body).toMatchObject({ error: 'SERVICE_UNAVAILABLE', details: { database: 'down' } });

      const login = await own.post('/api/oauth/login', { email: 'a@example.com', password: 'whatever' }, { headers: { 'x-request-id': 'req-500-check' } });
      expect(login.status).toBe(500);
      expect(login.body).toEqual({ error: 'INTERNAL_ERROR', message: 'Internal server error' });
      await new Promise((r) => setTimeout(r, 200));
      expect(own.logs()).toMatch(/"requestId":"req-500-check"[^\n]*Unhandled error/);
      await own.setDatabaseReachable(true);
      expect((await own.get('/api/health')).status).toBe(200);
    } finally {
      await own.close();
    }
  });
});

describe('platform: boot and shutdown', () => {
  const boot = (env: Record<string, string>) =>
    spawnSync(process.execPath, [MAIN], { env: { PATH: process.env.PATH!, LOG_LEVEL: 'warn', ...env }, encoding: 'utf8', timeout: 30_000 });

  it('refuses to boot on a bad value and names the variable', () => {
    const result = boot({ PORT: 'eighty', DATA_DIR: 'memory://' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/PORT must be an integer number/);
    const url = boot({ DATABASE_URL: 'mysql://x', DATA_DIR: 'memory://' });
    expect(url.stderr).toMatch(/DATABASE_URL must start with postgres/);
  });

  it('refuses to boot in production without JWT_SECRET', () => {
    const result = boot({ NODE_ENV: 'production', DATA_DIR: 'memory://', PORT: '0' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/JWT_SECRET is required when NODE_ENV=production/);
  });

  it('generates a JWT secret under DATA_DIR when none is set, keeps it across restarts, and stops cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ticket-secret-'));
    const t = await TestServer.start({ JWT_SECRET: '', DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    try {
      const secretFile = join(dataDir, 'jwt-secret');
      expect(existsSync(secretFile)).toBe(true);
      const secret = readFileSync(secretFile, 'utf8');
      expect(secret.length).toBeGreaterThanOrEqual(43);
      expect(t.logs()).toMatch(/JWT_SECRET is not set: generated one/);
      const token = await t.adminToken();
      await t.restart();
      expect(readFileSync(secretFile, 'utf8')).toBe(secret);
      expect((await t.get('/api/oauth/me', { token })).status).toBe(200);
      expect(await t.stop('SIGTERM')).toBe(0);
      expect(t.logs()).toMatch(/Stopped cleanly/);
    } finally {
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
