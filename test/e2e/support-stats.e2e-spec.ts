import { UNLIMITED, withPostgres } from '../support/fixtures';
import { TestServer } from '../support/test-server';


describe('support stats, my-stats and SLA report on a known dataset', () => {
  let t: TestServer;
  let user: { token: string; user: { id: number } };
  let other: { token: string };
  let agent: { token: string; user: { id: number } };
  let admin: string;
  const ids: Record<string, number> = {};
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await TestServer.start(UNLIMITED);
    [user, other, agent] = await Promise.all([t.userWithToken(['user']), t.userWithToken(['user']), t.userWithToken(['agent'])]);
    admin = (await t.userWithToken(['admin'])).token;
    const make = async (key: string, category: string, priority: string) => {
      const res = await t.post('/v1/tickets', { title: key, description: key, category, priority }, { token: user.token });
      ids[key] = res.body.data.ticket_id;
    };
    await make('t1', 'technical', 'high');
    await make('t2', 'account', 'low');
    await make('t3', 'billing', 'urgent');
    await make('t4', 'technical', 'medium');
    const act = (path: string, body: object, method: 'post' | 'patch' = 'patch') => t[method](path, body, { token: agent.token });
    await act(`/v1/tickets/${ids.t1}/assign`, { assignee_id: agent.user.id }, 'post');
    await act(`/v1/tickets/${ids.t1}/status`, { status: 'in_progress' });
    await act(`/v1/tickets/${ids.t2}/assign`, { assignee_id: agent.user.id }, 'post');
    await act(`/v1/tickets/${ids.t2}/status`, { status: 'in_progress' });
    await act(`/v1/tickets/${ids.t2}/status`, { status: 'resolved' });
    await act(`/v1/tickets/${ids.t3}/close`, {}, 'post');
  });
  afterAll(() => t.close());

  it('counts by status, priority and category in SQL, over visible tickets', async () => {
    const stats = await t.get('/v1/tickets/stats', { token: admin });
    expect(stats.status).toBe(200);
    expect(stats.body.data).toMatchObject({
      total_tickets: 4,
      by_status: { new: 1, open: 0, in_progress: 1, pending: 0, resolved: 1, closed: 1, reopened: 0 },
      by_priority: { low: 1, medium: 1, high: 1, urgent: 1 },
      by_category: { technical: 2, account: 1, billing: 1, feature: 0, complaint: 0, other: 0 },
    });
    expect((await t.get('/v1/tickets/stats', { token: user.token })).body.data.total_tickets).toBe(4);
    expect((await t.get('/v1/tickets/stats', { token: other.token })).body.data.total_tickets).toBe(0);
    const byAssignee = await t.get(`/v1/tickets/stats?assignee_id=${agent.user.id}`, { token: admin });
    expect(byAssignee.body.data.total_tickets).toBe(2);
    const byDay = await t.get(`/v1/tickets/stats?start_date=2000-01-01&end_date=2000-12-31`, { token: admin });
    expect(byDay.body.data.total_tickets).toBe(0);
    expect((await t.get(`/v1/tickets/stats?start_date=${today}&end_date=${today}`, { token: admin })).body.data.total_tickets).toBe(4);
    expect((await t.get('/v1/tickets/stats?start_date=yesterday', { token: admin })).status).toBe(422);
    const impossible = await t.get('/v1/tickets/stats?start_date=2024-02-30', { token: admin });
    expect(impossible.status).toBe(422);
    expect(impossible.body.details).toHaveProperty('start_date');
  });

  it('reports my-stats for creators and assignees', async () => {
    const mine = (await t.get('/v1/tickets/my-stats', { token: user.token })).body.data;
    expect(mine).toMatchObject({ created_by_me: { total: 4, open: 2, resolved: 1, closed: 1 }, assigned_to_me: { total: 0 } });
    const agents = (await t.get('/v1/tickets/my-stats', { token: agent.token })).body.data;
    expect(agents).toMatchObject({ created_by_me: { total: 0 }, assigned_to_me: { total: 2, in_progress: 1, pending: 0, resolved: 1 }, overdue_assigned: 0 });
  });

  withPostgres('computes SLA metrics and the SLA report from known timestamps', async () => {
    // t1: answered after 2 h; t2: answered after 2 h 30 m, resolved after 18 h 30 m; t4: overdue.
    await t.sql(
      `UPDATE support_tickets SET created_at = now() - interval '20 hours', response_time = now() - interval '18 hours',
              sla_due_time = now() + interval '4 hours' WHERE id = $1`,
      [ids.t1],
    );
    await t.sql(
      `UPDATE support_tickets SET created_at = now() - interval '20 hours', response_time = now() - interval '17 hours 30 minutes',
              resolved_time = now() - interval '1 hour 30 minutes', sla_due_time = now() + interval '100 hours' WHERE id = $1`,
      [ids.t2],
    );
    await t.sql(`UPDATE support_tickets SET response_time = NULL WHERE id = $1`, [ids.t3]);
    await t.sql(`UPDATE support_tickets SET sla_due_time = now() - interval '1 minute' WHERE id = $1`, [ids.t4]);
    const stats = (await t.get('/v1/tickets/stats', { token: admin })).body.data;
    expect(stats.sla_metrics).toEqual({ average_response_time: '2h 15m', average_resolution_time: '18h 30m', sla_compliance_rate: 100, overdue_tickets: 1 });
    expect((await t.get('/v1/tickets/my-stats', { token: agent.token })).body.data.average_resolution_time).toBe('18h 30m');

    const start = new Date(Date.now() - 2 * 86400_000).toISOString().slice(0, 10);
    const report = await t.get(`/v1/tickets/sla-report?start_date=${start}&end_date=${today}`, { token: admin });
    expect(report.status).toBe(200);
    // Response targets: high 4 h (t1 met), low 24 h (t2 met); t3 never answered; t4 not answered.
    expect(report.body.data.overall).toEqual({ total_tickets: 4, met_response_sla: 2, met_resolution_sla: 1, response_sla_rate: 50, resolution_sla_rate: 25 });
    const byPriority = Object.fromEntries(report.body.data.by_priority.map((r: any) => [r.priority, r]));
    expect(byPriority.low).toMatchObject({ total: 1, met_sla: 1, sla_rate: 100 });
    expect(byPriority.high).toMatchObject({ total: 1, met_sla: 0, sla_rate: 0, met_response_sla: 1 });
    const byAssignee = (await t.get(`/v1/tickets/sla-report?start_date=${start}&end_date=${today}&group_by=assignee`, { token: admin })).body.data.by_assignee;
    expect(byAssignee).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ assignee_id: agent.user.id, total: 2, met_sla: 1 }),
        expect.objectContaining({ assignee_id: null, total: 2, met_sla: 0 }),
      ]),
    );
    const byCategory = (await t.get(`/v1/tickets/sla-report?start_date=${start}&end_date=${today}&group_by=category`, { token: admin })).body.data;
    expect(byCategory.by_category.find((r: any) => r.category === 'technical')).toMatchObject({ total: 2 });
  });

  it('validates the SLA report query and keeps it for admins', async () => {
    expect((await t.get('/v1/tickets/sla-report', { token: admin })).status).toBe(422);
    const reversed = await t.get('/v1/tickets/sla-report?start_date=2024-10-31&end_date=2024-10-01', { token: admin });
    expect(reversed.status).toBe(422);
    expect(reversed.body.error_code).toBe('VALIDATION_ERROR');
    expect((await t.get('/v1/tickets/sla-report?start_date=2024-10-01&end_date=2024-10-31&group_by=color', { token: admin })).status).toBe(422);
    expect((await t.get('/v1/tickets/sla-report?start_date=2024-10-01&end_date=2024-10-31', { token: user.token })).status).toBe(403);
    const empty = await t.get('/v1/tickets/sla-report?start_date=2000-10-01&end_date=2000-10-31', { token: admin });
    expect(empty.body.data).toEqual({
      period: { start: '2000-10-01', end: '2000-10-31' },
      overall: { total_tickets: 0, met_response_sla: 0, met_resolution_sla: 0, response_sla_rate: null, resolution_sla_rate: null },
      by_priority: [],
    });
  });
});

describe('support rate limits (§9)', () => {
  const LIMITS = { RATE_LIMIT_ANONYMOUS_PER_MINUTE: '2', RATE_LIMIT_USER_PER_MINUTE: '3', RATE_LIMIT_AGENT_PER_MINUTE: '5', SLA_SCAN_INTERVAL_MS: '0' };

  it('counts per user by role, sends the headers on every /v1 response and answers 429 past the budget', async () => {
    const t = await TestServer.start(LIMITS);
    try {
      const [u1, u2, agent] = await Promise.all([t.userWithToken(['user']), t.userWithToken(['user']), t.userWithToken(['agent'])]);
      const admin = await t.adminToken();
      const remaining: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await t.get('/v1/tickets', { token: u1.token });
        expect(res.status).toBe(200);
        expect(res.headers.get('x-ratelimit-limit')).toBe('3');
        const reset = Number(res.headers.get('x-ratelimit-reset'));
        expect(reset - Date.now() / 1000).toBeGreaterThan(0);
        expect(reset - Date.now() / 1000).toBeLessThanOrEqual(61);
        remaining.push(res.headers.get('x-ratelimit-remaining')!);
      }
      expect(remaining).toEqual(['2', '1', '0']);
      const limited = await t.get('/v1/tickets', { token: u1.token });
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({ success: false, message: 'Rate limit exceeded', error_code: 'RATE_LIMIT_EXCEEDED', details: { retry_after: expect.any(Number) } });
      expect(Number(limited.headers.get('retry-after'))).toBe(limited.body.details.retry_after);
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');

      expect((await t.get('/v1/tickets', { token: u2.token })).status).toBe(200);
      for (let i = 0; i < 5; i++) expect((await t.get('/v1/nothing', { token: agent.token })).headers.get('x-ratelimit-limit')).toBe('5');
      expect((await t.get('/v1/tickets', { token: agent.token })).status).toBe(429);

      for (let i = 0; i < 10; i++) {
        const res = await t.get('/v1/tickets', { token: admin });
        expect(res.status).toBe(200);
        expect(res.headers.get('x-ratelimit-limit')).toBe('unlimited');
      }
      const anonymous = [await t.get('/v1/tickets'), await t.get('/v1/tickets'), await t.get('/v1/tickets')];
      expect(anonymous.map((r) => r.status)).toEqual([401, 401, 429]);
      expect(anonymous[0].headers.get('x-ratelimit-limit')).toBe('2');
      expect((await t.get('/api/health')).headers.get('x-ratelimit-limit')).toBeNull();
    } finally {
      await t.close();
    }
  });

  it('keeps counters in Redis when REDIS_URL is set, so they outlive a process (and are shared)', async () => {
    const t = await TestServer.start({ ...LIMITS, REDIS_URL: process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: `test-${Date.now()}-${Math.random()}:` });
    try {
      const u = await t.userWithToken(['user']);
      expect((await t.get('/v1/tickets', { token: u.token })).headers.get('x-ratelimit-remaining')).toBe('2');
      expect((await t.get('/v1/tickets', { token: u.token })).headers.get('x-ratelimit-remaining')).toBe('1');
      await t.restart();
      expect((await t.get('/v1/tickets', { token: u.token })).headers.get('x-ratelimit-remaining')).toBe('0');
      expect((await t.get('/v1/tickets', { token: u.token })).status).toBe(429);
    } finally {
      await t.close();
    }
  });
});
