import { Actor, UNLIMITED, withPostgres } from '../support/fixtures';
import { TestServer } from '../support/test-server';

describe('support list: keyset cursor beside page, totals from counters, estimated totals flagged', () => {
  let t: TestServer;
  let user: Actor;
  let admin: string;

  beforeAll(async () => {
    t = await TestServer.start(UNLIMITED);
    user = await t.userWithToken(['user']);
    admin = await t.adminToken();
    const priorities = ['low', 'urgent', 'medium', 'high', 'low', 'high', 'medium'];
    for (const [i, priority] of priorities.entries()) {
      const res = await t.post('/v1/tickets', { title: `paging ${i}`, description: 'd', category: 'technical', priority }, { token: user.token });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => t?.close());

  it.each([
    ['created_at', 'desc'],
    ['priority', 'asc'],
    ['sla_due_time', 'asc'],
    ['priority', 'desc'],
  ])('walks every ticket by cursor in the order of the pages (%s %s)', async (sortBy, order) => {
    const base = `/v1/tickets?sort_by=${sortBy}&sort_order=${order}`;
    const byPages = (await t.get(`${base}&page_size=100`, { token: user.token })).body.data.map((r: any) => r.id);
    expect(byPages).toHaveLength(7);
    // The order itself, computed here from each ticket's fields: the sort key, then the id, both in `order`.
    const details = await Promise.all(byPages.map(async (id: number) => (await t.get(`/v1/tickets/${id}`, { token: user.token })).body.data));
    const rank = (d: any) => (sortBy === 'priority' ? ['low', 'medium', 'high', 'urgent'].indexOf(d.priority) : Date.parse(d[sortBy]));
    const sign = order === 'asc' ? 1 : -1;
    const expected = [...details].sort((x, y) => sign * (rank(x) - rank(y) || x.id - y.id)).map((d) => d.id);
    expect(byPages).toEqual(expected);
    const walked: number[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res: any = await t.get(`${base}&page_size=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: user.token });
      expect(res.status).toBe(200);
      expect(res.body.pagination).toMatchObject({ total: 7, page_size: 3, total_pages: 3 });
      expect(res.headers.get('x-total-estimated')).toBeNull();
      walked.push(...res.body.data.map((r: any) => r.id));
      cursor = res.headers.get('x-next-cursor');
      if (!cursor) break;
    }
    expect(walked).toEqual(byPages);
  });

  it('starts a cursor walk from any page, and refuses a cursor of another sort or none at all', async () => {
    const page2 = await t.get('/v1/tickets?page=2&page_size=2', { token: user.token });
    const after = await t.get(`/v1/tickets?page_size=2&cursor=${page2.headers.get('x-next-cursor')}`, { token: user.token });
    const page3 = await t.get('/v1/tickets?page=3&page_size=2', { token: user.token });
    expect(after.body.data).toEqual(page3.body.data);
    const wrongSort = await t.get(`/v1/tickets?sort_by=priority&cursor=${page2.headers.get('x-next-cursor')}`, { token: user.token });
    expect(wrongSort.status).toBe(422);
    expect(wrongSort.body.error_code).toBe('VALIDATION_ERROR');
    expect((await t.get('/v1/tickets?cursor=bm90LWEtY3Vyc29y', { token: user.token })).status).toBe(422);
    // A position written by hand (an unsigned token, a sort value PostgreSQL cannot cast, an id past int): refused, never a 500.
    for (const forged of [['priority:desc', 'x', 1], ['created_at:desc', '2024-13-45', 1], ['created_at:desc', '2024-01-01 00:00:00+00', 2 ** 40]]) {
      const res = await t.get(`/v1/tickets?cursor=${Buffer.from(JSON.stringify(forged)).toString('base64url')}`, { token: user.token });
      expect([res.status, res.body.error_code]).toEqual([422, 'VALIDATION_ERROR']);
    }
    // An issued cursor with one character changed is refused as well.
    const issued = page2.headers.get('x-next-cursor')!;
    const edited = `${issued.slice(0, -1)}${issued.endsWith('A') ? 'B' : 'A'}`;
    expect((await t.get(`/v1/tickets?page_size=2&cursor=${edited}`, { token: user.token })).status).toBe(422);
  });

  it('counts exactly from the counters and the bounded count, with filters and visibility', async () => {
    const other = await t.userWithToken(['user']);
    expect((await t.get('/v1/tickets?priority=low', { token: user.token })).body.pagination.total).toBe(2);
    expect((await t.get('/v1/tickets', { token: other.token })).body.pagination.total).toBe(0);
    expect((await t.get(`/v1/tickets?creator_id=${user.user.id}&priority=high`, { token: admin })).body.pagination.total).toBe(2);
    const searched = await t.get('/v1/tickets?search=paging&priority=medium', { token: user.token });
    expect(searched.body.pagination.total).toBe(2);
    expect(searched.headers.get('x-total-estimated')).toBeNull();
  });

  withPostgres('flags the total of a search matching more than 1,000 tickets as an estimate', async () => {
    await t.sql(
      `INSERT INTO support_tickets (number, title, description, category, priority, status, creator_id, sla_due_time, created_at, updated_at)
       SELECT 'E-' || n, 'bulk 登录 ' || n, 'd', 'other', 'low', 'new', $1, now() + interval '1 day', now(), now() FROM generate_series(1, 1050) n`,
      [user.user.id],
    );
    await t.sql('ANALYZE support_tickets');
    const res = await t.get(`/v1/tickets?search=${encodeURIComponent('登录')}&page_size=5`, { token: admin });
    expect(res.headers.get('x-total-estimated')).toBe('true');
    expect(res.body.pagination.total).toBeGreaterThan(1_000);
    expect(res.body.data).toHaveLength(5);
    // The same rows through a filter the counters split by: exact, no flag.
    const exact = await t.get('/v1/tickets?category=other', { token: admin });
    expect(exact.body.pagination.total).toBe(1_050);
    expect(exact.headers.get('x-total-estimated')).toBeNull();
  });
});
