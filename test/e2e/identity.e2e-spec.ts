import { sign } from 'jsonwebtoken';
import { Role } from '../../src/identity/roles';
import { ADMIN, TEST_JWT_SECRET, TestServer } from '../support/test-server';

describe('identity: login, refresh, me, admin users', () => {
  let t: TestServer;
  let admin: { token: string; user: { id: number } };

  beforeAll(async () => {
    t = await TestServer.start();
    admin = await t.userWithToken([Role.Admin]);
  });
  afterAll(() => t.close());

  describe('POST /api/oauth/login', () => {
    it('answers tokens and the user, realm included', async () => {
      const { user, password } = await t.userWithToken([Role.Agent], { email: 'Mixed.Case@Example.com' });
      const res = await t.post('/api/oauth/login', { email: 'mixed.case@example.COM', password });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        tokenType: 'Bearer',
        expiresIn: 900,
        user: { id: user.id, email: 'mixed.case@example.com', roles: ['agent'], realmId: `usr_${user.id}` },
      });
      expect(res.body.accessToken.split('.')).toHaveLength(3);
      expect(res.body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(JSON.stringify(res.body)).not.toContain('password');
    });

    it('gives the same 401 for an unknown email and a wrong password', async () => {
      const { user } = await t.userWithToken([Role.User]);
      const unknown = await t.post('/api/oauth/login', { email: 'nobody@example.com', password: 'whatever-1' });
      const wrong = await t.post('/api/oauth/login', { email: user.email, password: 'wrong-password' });
      expect(unknown.status).toBe(401);
      expect(wrong.status).toBe(401);
      expect(unknown.body).toEqual(wrong.body);
      expect(unknown.body).toEqual({ error: 'INVALID_CREDENTIALS', message: 'Invalid email or password' });
    });

    it('refuses a malformed body with 400 and names the fields', async () => {
      const res = await t.post('/api/oauth/login', { email: 'not-an-email', extra: 1 });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('VALIDATION_ERROR');
      expect(Object.keys(res.body.details).sort()).toEqual(['email', 'extra', 'password']);
    });

    it('refuses malformed JSON with 400', async () => {
      const res = await t.request('POST', '/api/oauth/login', { rawBody: '{"email": ' });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('BAD_REQUEST');
      expect(res.body.message).toMatch(/JSON/);
    });

    it('answers a disabled user exactly as a wrong password, even with the right password (no oracle)', async () => {
      const { user, password } = await t.userWithToken([Role.User]);
      await t.patch(`/api/admin/users/${user.id}`, { disabled: true }, { token: admin.token });
      const right = await t.post('/api/oauth/login', { email: user.email, password });
      const wrong = await t.post('/api/oauth/login', { email: user.email, password: 'not-the-password' });
      expect(right.status).toBe(401);
      expect(right.body).toEqual(wrong.body);
      expect(right.body.error).toBe('INVALID_CREDENTIALS');
    });
  });

  describe('POST /api/oauth/refresh', () => {
    it('rotates: the new pair works, the old refresh token is refused and revokes its family', async () => {
      const { refreshToken } = await t.userWithToken([Role.User]);
      const first = await t.post('/api/oauth/refresh', { refreshToken });
      expect(first.status).toBe(200);
      expect(first.body.refreshToken).not.toBe(refreshToken);
      const me = await t.get('/api/oauth/me', { token: first.body.accessToken });
      expect(me.status).toBe(200);

      const reused = await t.post('/api/oauth/refresh', { refreshToken });
      expect(reused.status).toBe(401);
      expect(reused.body.error).toBe('INVALID_REFRESH_TOKEN');
      // Reuse is a theft signal: the token issued by the rotation is now revoked as well.
      const descendant = await t.post('/api/oauth/refresh', { refreshToken: first.body.refreshToken });
      expect(descendant.status).toBe(401);
    });

    it('refuses an unknown token and a disabled user', async () => {
      expect((await t.post('/api/oauth/refresh', { refreshToken: 'x'.repeat(43) })).status).toBe(401);
      const { user, refreshToken } = await t.userWithToken([Role.User]);
      await t.patch(`/api/admin/users/${user.id}`, { disabled: true }, { token: admin.token });
      expect((await t.post('/api/oauth/refresh', { refreshToken })).status).toBe(401);
    });

  });

  describe('GET /api/oauth/me and access tokens', () => {
    it('answers the current user', async () => {
      const { user, token } = await t.userWithToken([Role.Technician, Role.QcInspector]);
      const res = await t.get('/api/oauth/me', { token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: user.id, roles: ['technician', 'qc_inspector'], realmId: `usr_${user.id}` });
    });

    it('refuses a missing, malformed, foreign-signed or expired token with 401', async () => {
      const { user } = await t.userWithToken([Role.User]);
      const secret = TEST_JWT_SECRET;
      const expired = sign({ typ: 'access' }, secret, { subject: String(user.id), expiresIn: -10 });
      const foreign = sign({ typ: 'access' }, 'another-secret-another-secret-another', { subject: String(user.id) });
      const none = sign({ typ: 'access', sub: String(user.id) }, '', { algorithm: 'none' });
      for (const token of [undefined, 'garbage', expired, foreign, none]) {
        const res = await t.get('/api/oauth/me', { token });
        expect(res.status).toBe(401);
        expect(res.body.error).toBe('UNAUTHORIZED');
      }
    });

    it("stops a disabled user's access token at once", async () => {
      const { user, token } = await t.userWithToken([Role.User]);
      expect((await t.get('/api/oauth/me', { token })).status).toBe(200);
      await t.patch(`/api/admin/users/${user.id}`, { disabled: true }, { token: admin.token });
      expect((await t.get('/api/oauth/me', { token })).status).toBe(401);
    });

    it('applies a role change to the same token at once, granted and revoked, on every surface', async () => {
      const { user, token } = await t.userWithToken([Role.User]);
      const setRoles = async (roles: string[]) => expect((await t.patch(`/api/admin/users/${user.id}`, { roles }, { token: admin.token })).status).toBe(200);
      expect((await t.get('/api/admin/users', { token })).status).toBe(403);
      expect((await t.get('/api/v1/tickets/', { token })).status).toBe(403);
      await setRoles([Role.Admin, 'ops_manager']);
      expect((await t.get('/api/admin/users', { token })).status).toBe(200);
      expect((await t.get('/api/v1/tickets/', { token })).status).toBe(200);
      expect((await t.get('/api/oauth/me', { token })).body.roles).toEqual([Role.Admin, 'ops_manager']);
      await setRoles([Role.User]);
      expect((await t.get('/api/admin/users', { token })).status).toBe(403);
      expect((await t.get('/api/v1/tickets/', { token })).status).toBe(403);
    });

    it('refuses a disabled user on the next request of every surface, and takes them back when enabled', async () => {
      const { user, token } = await t.userWithToken([Role.Agent, 'technician']);
      const routes = ['/api/oauth/me', '/v1/tickets', '/api/v1/tickets/'];
      for (const route of routes) expect((await t.get(route, { token })).status).toBe(200);
      await t.patch(`/api/admin/users/${user.id}`, { disabled: true }, { token: admin.token });
      for (const route of routes) expect((await t.get(route, { token })).status).toBe(401);
      await t.patch(`/api/admin/users/${user.id}`, { disabled: false }, { token: admin.token });
      for (const route of routes) expect((await t.get(route, { token })).status).toBe(200);
    });
  });

  describe('admin users API', () => {
    it('answers 401 without a token and 403 for a non-admin', async () => {
      const { token } = await t.userWithToken([Role.Agent]);
      const anonymous = await t.get('/api/admin/users');
      const agent = await t.get('/api/admin/users', { token });
      expect(anonymous.status).toBe(401);
      expect(agent.status).toBe(403);
      expect(agent.body.error).toBe('FORBIDDEN');
    });

    it('creates a user (201), refuses a duplicate email in any case (409)', async () => {
      const body = { email: 'new.agent@example.com', password: 'password-123', name: 'New Agent', roles: ['agent'] };
      const created = await t.post('/api/admin/users', body, { token: admin.token });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ email: 'new.agent@example.com', name: 'New Agent', roles: ['agent'], disabled: false });
      expect(created.body).not.toHaveProperty('passwordHash');
      const duplicate = await t.post('/api/admin/users', { ...body, email: 'NEW.Agent@example.com' }, { token: admin.token });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error).toBe('EMAIL_TAKEN');
      const login = await t.post('/api/oauth/login', { email: body.email, password: body.password });
      expect(login.status).toBe(200);
    });

    it('validates the new user', async () => {
      const res = await t.post(
        '/api/admin/users',
        { email: 'bad', password: 'short', name: '', roles: ['emperor'] },
        { token: admin.token },
      );
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.details).sort()).toEqual(['email', 'name', 'password', 'roles']);
    });

    it('lists with pagination and a role filter', async () => {
      await t.userWithToken([Role.OpsManager]);
      await t.userWithToken([Role.OpsManager]);
      const page = await t.get('/api/admin/users?role=ops_manager&page=1&page_size=1', { token: admin.token });
      expect(page.status).toBe(200);
      expect(page.body.items).toHaveLength(1);
      expect(page.body.items[0].roles).toContain('ops_manager');
      expect(page.body).toMatchObject({ total: 2, page: 1, pageSize: 1, totalPages: 2 });
      const bad = await t.get('/api/admin/users?page_size=500', { token: admin.token });
      expect(bad.status).toBe(400);
    });

    it('searches email or name, case-insensitively and literally, within the role filter', async () => {
      const exact = await t.userWithToken([Role.Master], { name: 'Quota 100% Reached' });
      await t.userWithToken([Role.Master], { name: 'Quota 1000 Reached' });
      await t.userWithToken([Role.User], { name: 'Quota 100% Reached Too' });
      const search = async (q: string) =>
        (await t.get(`/api/admin/users?role=master&search=${encodeURIComponent(q)}`, { token: admin.token })).body.items.map((u: { id: number }) => u.id);
      expect(await search('quota 100%')).toEqual([exact.user.id]);
      expect(await search(exact.user.email.toUpperCase())).toEqual([exact.user.id]);
      expect(await search('no such person')).toEqual([]);
    });

    it('updates name and roles; 404 for an unknown user', async () => {
      const { user, token } = await t.userWithToken([Role.User]);
      const res = await t.patch(`/api/admin/users/${user.id}`, { name: 'Renamed', roles: ['agent', 'admin'] }, { token: admin.token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: 'Renamed', roles: ['agent', 'admin'] });
      // New roles apply to the existing token at once.
      expect((await t.get('/api/admin/users', { token })).status).toBe(200);
      expect((await t.patch('/api/admin/users/999999', { name: 'x' }, { token: admin.token })).status).toBe(404);
      expect((await t.patch(`/api/admin/users/${user.id}`, { disabled: 'yes' }, { token: admin.token })).status).toBe(400);
    });
  });
});

describe('identity: first admin and login rate limits', () => {
  it('creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD, only while there are no users', async () => {
    const t = await TestServer.start({ REFRESH_TOKEN_TTL: '1s', JWT_EXPIRES_IN: '1s' });
    try {
      const res = await t.post('/api/oauth/login', ADMIN);
      expect(res.status).toBe(200);
      expect(res.body.user.roles).toEqual(['admin', 'super_admin']);
      expect(res.body.expiresIn).toBe(1);

      // Both lifetimes come from config: after 1 s both tokens are refused.
      await new Promise((r) => setTimeout(r, 2100));
      expect((await t.get('/api/oauth/me', { token: res.body.accessToken })).status).toBe(401);
      expect((await t.post('/api/oauth/refresh', { refreshToken: res.body.refreshToken })).status).toBe(401);

      t.env.ADMIN_EMAIL = 'second-admin@example.com';
      await t.restart();
      expect((await t.post('/api/oauth/login', { email: 'second-admin@example.com', password: ADMIN.password })).status).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('answers 429 with Retry-After past the failures allowed per email from one IP, without locking the owner out elsewhere', async () => {
    // TRUST_PROXY: the client IP comes from X-Forwarded-For, so one test can speak from two IPs.
    const t = await TestServer.start({ LOGIN_MAX_FAILURES_PER_EMAIL: '3', TRUST_PROXY: 'true' });
    const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
    try {
      const { user, password } = await t.userWithToken([Role.User]);
      for (let i = 0; i < 3; i++) {
        expect((await t.post('/api/oauth/login', { email: user.email, password: 'wrong-one' }, from('203.0.113.7'))).status).toBe(401);
      }
      const blocked = await t.post('/api/oauth/login', { email: user.email, password }, from('203.0.113.7'));
      expect(blocked.status).toBe(429);
      expect(blocked.body.error).toBe('TOO_MANY_LOGIN_ATTEMPTS');
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
      // The rightful owner, from another IP, still signs in: the guesser cannot lock the account.
      expect((await t.post('/api/oauth/login', { email: user.email, password }, from('198.51.100.20'))).status).toBe(200);
      // Another email from the guesser's IP is not affected either.
      const other = await t.userWithToken([Role.User]);
      expect((await t.post('/api/oauth/login', { email: other.user.email, password: other.password }, from('203.0.113.7'))).status).toBe(200);
    } finally {
      await t.close();
    }
  });

  it('answers 429 past the attempts allowed per IP per minute', async () => {
    const t = await TestServer.start({ LOGIN_MAX_ATTEMPTS_PER_IP: '4' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await t.post('/api/oauth/login', { email: `x${i}@example.com`, password: 'nope-nope' })).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
    } finally {
      await t.close();
    }
  });
});
