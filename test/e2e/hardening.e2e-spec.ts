import { sign } from 'jsonwebtoken';
import { get as httpGet } from 'node:http';
import { Actor, UNLIMITED } from '../support/fixtures';
import { PUBLIC_TARGET } from '../support/fuzz/schema-arbitrary';
import { TEST_JWT_SECRET, TestServer } from '../support/test-server';

/**
 * The regression list of the hardening issue: one reproduction per defect the fuzz suite found
 * (test/e2e/fuzz.e2e-spec.ts). Each must be refused with a 4xx in its surface's format, which
 * TestServer.request checks against /docs-json.
 */
const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** A request on a connection of its own (no keep-alive pool): the server must still accept new ones. */
function statusOnNewConnection(baseUrl: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpGet(baseUrl + path, { agent: false, timeout: 2000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 2 s')));
    req.on('error', reject);
  });
}

describe('hardening: identity bodies', () => {
  let t: TestServer;
  let admin: string;

  beforeAll(async () => {
    t = await TestServer.start(UNLIMITED);
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('refuses a login body of 80,000 keys with 400, quickly and briefly', async () => {
    const rawBody = `{${Array.from({ length: 80_000 }, (_, i) => `"k${i}":0`).join(',')}}`;
    const started = Date.now();
    const res = await t.request('POST', '/api/oauth/login', { rawBody });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.status).toBe(400);
    expect(res.text.length).toBeLessThan(10_000);
  });

  it('refuses JSON nested 3,000 levels deep with 400', async () => {
    const res = await t.request('POST', '/api/oauth/login', { rawBody: nested(3000) });
    expect(res.status).toBe(400);
  });

  it('refuses a lone surrogate in the login email with 400', async () => {
    const res = await t.request('POST', '/api/oauth/login', {
      rawBody: '{"email":"\\ud800@example.com","password":"password-123"}',
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('VALIDATION_ERROR');
  });

  it('refuses a null name on PATCH /api/admin/users/{id} with 400', async () => {
    const { user } = await t.userWithToken(['user']);
    const res = await t.patch(`/api/admin/users/${user.id}`, { name: null }, { token: admin });
    expect(res.status).toBe(400);
    expect(res.body.details).toHaveProperty('name');
  });

  it('refuses ?page past int8 on GET /api/admin/users with a 4xx', async () => {
    const res = await t.get('/api/admin/users?page=99999999999999999999', { token: admin });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe('hardening: support values at the edges', () => {
  let t: TestServer;
  let user: Actor, agent: Actor;
  let id: number;

  beforeAll(async () => {
    t = await TestServer.start(UNLIMITED);
    [user, agent] = await Promise.all([t.userWithToken(['user']), t.userWithToken(['agent'])]);
    const created = await t.request('POST', '/v1/tickets', {
      body: { title: 'edge', description: 'edge cases', category: 'technical', priority: 'high' },
      token: user.token,
      contract: false,
    });
    id = created.body.data.ticket_id;
  });
  afterAll(() => t.close());

  it('refuses ticket metadata past its bounds (200 entries, 5 levels, 16 KiB) with 422, and keeps a small one', async () => {
    const base = { title: 't', description: 'd', category: 'other', priority: 'low' };
    const wide = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, 1]));
    for (const metadata of [wide, { a: { b: { c: { d: { e: { f: 1 } } } } } }, { big: 'x'.repeat(17_000) }]) {
      const res = await t.post('/v1/tickets', { ...base, metadata }, { token: user.token });
      expect(res.status).toBe(422);
      expect(res.body.details).toHaveProperty('metadata');
    }
    expect((await t.post('/v1/tickets', { ...base, metadata: { browser: 'Chrome 120' } }, { token: user.token })).status).toBe(201);
  });

  it('refuses JSON nested 3,000 levels deep with a 4xx in the support format', async () => {
    const res = await t.request('POST', '/v1/tickets', { rawBody: nested(3000), token: user.token });
    expect([400, 422]).toContain(res.status);
    expect(res.body.success).toBe(false);
  });

  it('refuses ?search=%00abc with 422', async () => {
    const res = await t.get('/v1/tickets?search=%00abc', { token: user.token });
    expect(res.status).toBe(422);
    expect(res.body.details).toHaveProperty('search');
  });

  it('refuses a title with NUL with 422', async () => {
    const res = await t.post(
      '/v1/tickets',
      { title: 'a\u0000b', description: 'x', category: 'technical', priority: 'high' },
      { token: user.token },
    );
    expect(res.status).toBe(422);
    expect(res.body.details).toHaveProperty('title');
  });

  it('refuses assignee_id 4294967296 with 422', async () => {
    const res = await t.post(`/v1/tickets/${id}/assign`, { assignee_id: 4294967296 }, { token: agent.token });
    expect(res.status).toBe(422);
    expect(res.body.details).toHaveProperty('assignee_id');
  });

  it('refuses ?page past int8 on GET /v1/tickets with a 4xx', async () => {
    const res = await t.get('/v1/tickets?page=99999999999999999999', { token: user.token });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it.each(['1e3', '0x1', '00000000001', '%20291'])(
    'refuses the path id %s with 422 VALIDATION_ERROR',
    async (raw) => {
      const res = await t.get(`/v1/tickets/${raw}`, { token: user.token });
      expect(res.status).toBe(422);
      expect(res.body.error_code).toBe('VALIDATION_ERROR');
    },
  );
});

/** A workflow intake (seed 004) by `master`, not contract-checked: the tests are about what follows. */
let serial = 0;
const intake = (t: TestServer, master: Actor) =>
  t.request('POST', '/api/v1/tickets/create/', {
    body: {
      serial_number: `SN-H-${++serial}`,
      title: 'Bike',
      part_specs: [{ name: 'brake pads', color: 'yellow', minutes: 25 }],
      confirm_create: true,
      create_reason: 'hardening',
    },
    token: master.token,
    contract: false,
  });

describe('hardening: workflow rules', () => {
  let t: TestServer;
  let master: Actor, superAdmin: Actor;

  beforeAll(async () => {
    t = await TestServer.start(UNLIMITED);
    [master, superAdmin] = await Promise.all([t.userWithToken(['master']), t.userWithToken(['super_admin'])]);
  });
  afterAll(() => t.close());

  it('refuses a rules PUT without ticket_xp with 400, and intake still works afterwards', async () => {
    const res = await t.put(
      '/api/v1/rules/config/',
      { work_session: { daily_pause_limit_minutes: 30, timezone: 'UTC' }, reason: 'half a config' },
      { token: superAdmin.token },
    );
    expect(res.status).toBe(400);
    expect(res.body).toHaveProperty('ticket_xp');
    expect((await intake(t, master)).status).toBe(201);
  });
});

describe('hardening: workflow values at the edges', () => {
  let t: TestServer;
  let master: Actor, ops: Actor;

  beforeAll(async () => {
    t = await TestServer.start(UNLIMITED);
    [master, ops] = await Promise.all([t.userWithToken(['master']), t.userWithToken(['ops_manager'])]);
  });
  afterAll(() => t.close());

  it('refuses technician_id 1e308 on an approved ticket with 400', async () => {
    const { id } = (await intake(t, master)).body;
    await t.request('POST', `/api/v1/tickets/${id}/manual-metrics/`, {
      body: {},
      token: ops.token,
      contract: false,
    });
    const res = await t.request('POST', `/api/v1/tickets/${id}/assign/`, {
      rawBody: '{"technician_id":1e308}',
      token: ops.token,
    });
    expect(res.status).toBe(400);
    expect(res.body).toHaveProperty('technician_id');
  });

  it('refuses xp_amount null on manual-metrics with 400', async () => {
    const { id } = (await intake(t, master)).body;
    const res = await t.post(
      `/api/v1/tickets/${id}/manual-metrics/`,
      { xp_amount: null },
      { token: ops.token },
    );
    expect(res.status).toBe(400);
    expect(res.body).toHaveProperty('xp_amount');
  });

  it('refuses part_specs items that are arrays, not objects, with 400', async () => {
    const res = await t.post(
      '/api/v1/tickets/create/',
      { serial_number: 'SN-NESTED', part_specs: [[{ name: 'fd', color: 'yellow', minutes: 9 }]], confirm_create: true, create_reason: 'r' },
      { token: master.token },
    );
    expect(res.status).toBe(400);
    expect(Object.keys(res.body).some((field) => field.startsWith('part_specs'))).toBe(true);
  });

  it('refuses ?page past int8 on GET /api/v1/tickets/ with a 4xx', async () => {
    const res = await t.get('/api/v1/tickets/?page=99999999999999999999', { token: master.token });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe('hardening: webhooks input', () => {
  let t: TestServer;
  let admin: string;
  let hook: number;

  beforeAll(async () => {
    t = await TestServer.start({ ...UNLIMITED, WEBHOOK_DISPATCHER_ENABLED: 'false' });
    admin = await t.adminToken();
    hook = (
      await t.post('/v1/webhooks', { url: PUBLIC_TARGET, events: ['ticket.created'] }, { token: admin })
    ).body.data.id;
  });
  afterAll(() => t.close());

  it('refuses an unknown event type with 422', async () => {
    const res = await t.post(
      '/v1/webhooks',
      { url: PUBLIC_TARGET, events: ['ticket.exploded'] },
      { token: admin },
    );
    expect(res.status).toBe(422);
    expect(res.body.details).toHaveProperty('events');
  });

  it('refuses active null on PATCH with 422', async () => {
    const res = await t.patch(`/v1/webhooks/${hook}`, { active: null }, { token: admin });
    expect(res.status).toBe(422);
    expect(res.body.details).toHaveProperty('active');
  });
});

describe('hardening: routing and transport', () => {
  let t: TestServer;
  let user: Actor;

  beforeAll(async () => {
    t = await TestServer.start(UNLIMITED);
    user = await t.userWithToken(['user']);
  });
  afterAll(() => t.close());

  it('answers /%761/tickets as /v1/tickets: 401 in the support format, with X-RateLimit-* headers', async () => {
    const res = await t.get('/%761/tickets');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ success: false, error_code: 'UNAUTHORIZED' });
    expect(res.headers.get('x-ratelimit-limit')).not.toBeNull();
    expect(res.headers.get('x-ratelimit-remaining')).not.toBeNull();
  });

  it('refuses a validly signed token whose subject is past int4 with 401 on /v1 (found by the fuzz suite)', async () => {
    const token = sign({ typ: 'access', roles: ['admin'] }, TEST_JWT_SECRET, {
      subject: '2147483648',
      expiresIn: 60,
    });
    const res = await t.get('/v1/tickets', { token });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ success: false, error_code: 'UNAUTHORIZED' });
  });

  it('answers /api/v%31/tickets/ as /api/v1/tickets/: 401 in the DRF format', async () => {
    const res = await t.get('/api/v%31/tickets/');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ detail: expect.any(String) });
  });

  it('refuses a 3,000-character path id with a 4xx in the support format', async () => {
    const res = await t.get(`/v1/tickets/${'1'.repeat(3000)}`, { token: user.token });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).toMatchObject({ success: false });
  });

  it('answers a 20 KB header with 431 in a JSON body, then still accepts new connections', async () => {
    const res = await t.get('/v1/tickets', {
      token: user.token,
      headers: { 'x-padding': 'p'.repeat(20_000) },
    });
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(await statusOnNewConnection(t.baseUrl, '/api/health')).toBe(200);
  });

  it('answers 431 in the support format for a percent-encoded support path too', async () => {
    const res = await t.get(`/%761/tickets/1?x=${'y'.repeat(20_000)}`, { token: user.token });
    expect(res.status).toBe(431);
    expect(res.body).toMatchObject({ success: false, error_code: 'REQUEST_HEADERS_TOO_LARGE' });
  });
});
