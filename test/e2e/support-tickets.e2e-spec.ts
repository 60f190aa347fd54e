import { Actor, UNLIMITED, withPostgres } from '../support/fixtures';
import { TestServer } from '../support/test-server';



describe('support tickets (seed 001)', () => {
  let t: TestServer;
  let user1: Actor, user2: Actor, agent1: Actor, agent2: Actor, admin: Actor;

  const ticket = (overrides: Record<string, unknown> = {}) => ({
    title: '无法登录账号',
    description: '我尝试使用正确的密码登录，但系统提示密码错误。',
    category: 'technical',
    priority: 'high',
    tags: ['login', 'password'],
    metadata: { browser: 'Chrome 120' },
    ...overrides,
  });
  const create = async (who: Actor, overrides: Record<string, unknown> = {}) => {
    const res = await t.post('/v1/tickets', ticket(overrides), { token: who.token });
    expect(res.status).toBe(201);
    return res.body.data.ticket_id as number;
  };

  beforeAll(async () => {
    t = await TestServer.start(UNLIMITED);
    [user1, user2, agent1, agent2, admin] = await Promise.all([
      t.userWithToken(['user'], { name: '张三' }),
      t.userWithToken(['user']),
      t.userWithToken(['agent'], { name: '客服李四' }),
      t.userWithToken(['agent']),
      t.userWithToken(['admin']),
    ]);
  });
  afterAll(() => t.close());

  it('walks the full flow of §7.1 and records every change', async () => {
    const created = await t.post('/v1/tickets', ticket(), { token: user1.token });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ success: true, message: 'Ticket created successfully', data: { title: '无法登录账号', status: 'new', priority: 'high' } });
    const data = created.body.data;
    expect(data.number).toMatch(/^T-\d{8}-\d{4}$/);
    expect(data.number.slice(2, 10)).toBe(data.created_at.slice(0, 10).replace(/-/g, ''));
    expect(Date.parse(data.sla_due_time) - Date.parse(data.created_at)).toBe(24 * 3600 * 1000);
    const id = data.ticket_id;

    const assigned = await t.post(`/v1/tickets/${id}/assign`, { assignee_id: agent1.user.id }, { token: agent1.token });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ message: 'Ticket assigned successfully', data: { ticket_id: id, assignee_id: agent1.user.id, status: 'open' } });

    const started = await t.patch(`/v1/tickets/${id}/status`, { status: 'in_progress', reason: '开始调查问题' }, { token: agent1.token });
    expect(started.body.data).toMatchObject({ ticket_id: id, old_status: 'open', new_status: 'in_progress' });

    const comment = await t.post(`/v1/tickets/${id}/comments`, { content: '已发现问题原因，正在修复', is_internal: false }, { token: agent1.token });
    expect(comment.status).toBe(201);
    expect(comment.body.data).toMatchObject({ ticket_id: id, user: { id: agent1.user.id, name: '客服李四' }, is_internal: false });

    const resolved = await t.patch(`/v1/tickets/${id}/status`, { status: 'resolved', reason: '问题已修复' }, { token: agent1.token });
    expect(resolved.body.data.new_status).toBe('resolved');

    const closed = await t.post(`/v1/tickets/${id}/close`, { reason: '问题已解决，感谢' }, { token: user1.token });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ message: 'Ticket closed successfully', data: { ticket_id: id, status: 'closed' } });
    expect(closed.body.data.closed_at).toMatch(/Z$/);

    const detail = (await t.get(`/v1/tickets/${id}`, { token: user1.token })).body.data;
    expect(detail).toMatchObject({
      id,
      status: 'closed',
      creator: { id: user1.user.id, name: '张三', email: user1.user.email },
      assignee: { id: agent1.user.id, name: '客服李四' },
      tags: ['login', 'password'],
      metadata: { browser: 'Chrome 120' },
      comments_count: 1,
      is_overdue: false,
    });
    expect(detail.response_time).not.toBeNull();
    expect(detail.resolved_time).not.toBeNull();

    const history = await t.get(`/v1/tickets/${id}/history`, { token: user1.token });
    expect(history.body.data.map((h: any) => [h.field, h.old_value, h.new_value])).toEqual([
      ['assignee', null, String(agent1.user.id)],
      ['status', 'new', 'open'],
      ['status', 'open', 'in_progress'],
      ['status', 'in_progress', 'resolved'],
      ['status', 'resolved', 'closed'],
    ]);
    expect(history.body.data[2]).toMatchObject({ actor: { id: agent1.user.id }, reason: '开始调查问题' });
    expect(history.body.data[4]).toMatchObject({ actor: { id: user1.user.id }, reason: '问题已解决，感谢' });

    const reopened = await t.post(`/v1/tickets/${id}/reopen`, { reason: '问题仍然存在' }, { token: user1.token });
    expect(reopened.body).toMatchObject({ message: 'Ticket reopened successfully', data: { status: 'reopened' } });
    const after = (await t.get(`/v1/tickets/${id}`, { token: user1.token })).body.data;
    expect(after).toMatchObject({ status: 'reopened', closed_at: null, resolved_time: null });
  });

  describe('validation', () => {
    it('answers 422 VALIDATION_ERROR naming each bad field', async () => {
      const res = await t.post('/v1/tickets', { title: '', description: 'x'.repeat(5001), category: 'weather', priority: 'asap', extra: 1 }, { token: user1.token });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ success: false, error_code: 'VALIDATION_ERROR' });
      expect(Object.keys(res.body.details).sort()).toEqual(['category', 'description', 'extra', 'priority', 'title']);
      expect((await t.post('/v1/tickets', ticket({ title: 'x'.repeat(201) }), { token: user1.token })).status).toBe(422);
      expect((await t.post('/v1/tickets', ticket({ title: 'x'.repeat(200), description: 'y'.repeat(5000) }), { token: user1.token })).status).toBe(201);
    });

    it('says first what matters: a missing field is required (§6.3), a wrong type before a range', async () => {
      const empty = await t.post('/v1/tickets', {}, { token: user1.token });
      expect(empty.status).toBe(422);
      expect(empty.body.details).toMatchObject({ title: 'title is required', description: 'description is required', category: 'category is required' });
      const created = await t.post('/v1/tickets', ticket(), { token: user1.token });
      const assign = await t.post(`/v1/tickets/${created.body.data.ticket_id}/assign`, { assignee_id: '4' }, { token: agent1.token });
      expect(assign.status).toBe(422);
      expect(assign.body.details.assignee_id).toMatch(/integer/);
    });

    it('refuses a path id that is not a positive 32-bit integer with 422, never a 500', async () => {
      for (const id of ['abc', '0', '99999999999', '1.5']) {
        const res = await t.get(`/v1/tickets/${id}`, { token: user1.token });
        expect({ id, status: res.status, code: res.body.error_code }).toEqual({ id, status: 422, code: 'VALIDATION_ERROR' });
      }
    });

    it('validates action bodies: priority, status reason and tags', async () => {
      const id = await create(user1);
      const badPriority = await t.patch(`/v1/tickets/${id}/priority`, { priority: 'critical' }, { token: agent1.token });
      expect(badPriority.status).toBe(422);
      expect(Object.keys(badPriority.body.details)).toEqual(['priority']);
      const longReason = await t.post(`/v1/tickets/${id}/close`, { reason: 'x'.repeat(1001) }, { token: agent1.token });
      expect(longReason.status).toBe(422);
      expect((await t.get(`/v1/tickets/${id}`, { token: user1.token })).body.data.status).toBe('new');
      const tags = await t.post('/v1/tickets', ticket({ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }), { token: user1.token });
      expect(tags.status).toBe(422);
      expect(Object.keys(tags.body.details)).toEqual(['tags']);
      expect((await t.post('/v1/tickets', ticket({ metadata: 'not an object' }), { token: user1.token })).body.details).toHaveProperty('metadata');
    });

    it('answers 400 for malformed JSON and 401 without a token', async () => {
      const bad = await t.request('POST', '/v1/tickets', { rawBody: '{"title":', token: user1.token });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ success: false, error_code: 'BAD_REQUEST' });
      const anonymous = await t.post('/v1/tickets', ticket());
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toMatchObject({ success: false, error_code: 'UNAUTHORIZED' });
    });
  });

  describe('visibility and roles', () => {
    let mine: number, queued: number, assignedToAgent2: number;

    beforeAll(async () => {
      mine = await create(user1, { title: 'visibility: mine' });
      queued = await create(user2, { title: 'visibility: queued' });
      assignedToAgent2 = await create(user2, { title: 'visibility: agent2' });
      await t.post(`/v1/tickets/${assignedToAgent2}/assign`, { assignee_id: agent2.user.id }, { token: admin.token });
    });

    it("hides another user's ticket behind 404 TICKET_NOT_FOUND, for every endpoint", async () => {
      const missing = await t.get(`/v1/tickets/${mine}`, { token: user2.token });
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ success: false, error_code: 'TICKET_NOT_FOUND' });
      expect((await t.post(`/v1/tickets/${mine}/close`, {}, { token: user2.token })).status).toBe(404);
      expect((await t.post(`/v1/tickets/${mine}/comments`, { content: 'hi' }, { token: user2.token })).status).toBe(404);
      expect((await t.get(`/v1/tickets/${mine}/comments`, { token: user2.token })).status).toBe(404);
      expect((await t.get(`/v1/tickets/${mine}/history`, { token: user2.token })).status).toBe(404);
      expect((await t.post(`/v1/tickets/${mine}/reopen`, {}, { token: user2.token })).status).toBe(404);
    });

    it('lets an agent see the unassigned queue and their own, not tickets assigned to another agent', async () => {
      expect((await t.get(`/v1/tickets/${queued}`, { token: agent1.token })).status).toBe(200);
      expect((await t.get(`/v1/tickets/${assignedToAgent2}`, { token: agent1.token })).status).toBe(404);
      expect((await t.get(`/v1/tickets/${assignedToAgent2}`, { token: agent2.token })).status).toBe(200);
      expect((await t.post(`/v1/tickets/${assignedToAgent2}/assign`, { assignee_id: agent1.user.id }, { token: agent1.token })).status).toBe(404);
      const titles = (await t.get('/v1/tickets?search=visibility&page_size=100', { token: agent1.token })).body.data.map((x: any) => x.title);
      expect(titles.sort()).toEqual(['visibility: mine', 'visibility: queued']);
    });

    it('lets an admin see everything, and users only their own in lists', async () => {
      const all = (await t.get('/v1/tickets?search=visibility', { token: admin.token })).body;
      expect(all.data).toHaveLength(3);
      const own = (await t.get('/v1/tickets?search=visibility', { token: user2.token })).body.data.map((x: any) => x.id);
      expect(own.sort()).toEqual([queued, assignedToAgent2].sort());
    });

    it('refuses role-restricted actions with 403', async () => {
      expect((await t.post(`/v1/tickets/${mine}/assign`, { assignee_id: agent1.user.id }, { token: user1.token })).status).toBe(403);
      expect((await t.patch(`/v1/tickets/${mine}/status`, { status: 'pending' }, { token: user1.token })).status).toBe(403);
      expect((await t.patch(`/v1/tickets/${mine}/priority`, { priority: 'low' }, { token: user1.token })).status).toBe(403);
      const del = await t.delete(`/v1/tickets/${mine}`, { token: agent1.token });
      expect(del.status).toBe(403);
      expect(del.body.error_code).toBe('FORBIDDEN');
      expect((await t.get('/v1/tickets/sla-report?start_date=2024-01-01&end_date=2030-01-01', { token: agent1.token })).status).toBe(403);
      const byCreator = await t.get(`/v1/tickets?creator_id=${user1.user.id}`, { token: agent1.token });
      expect(byCreator.status).toBe(403);
      const adminByCreator = await t.get(`/v1/tickets?creator_id=${user2.user.id}&search=visibility`, { token: admin.token });
      expect(adminByCreator.body.data).toHaveLength(2);
    });

    it('assigns only to active agents and admins', async () => {
      const res = await t.post(`/v1/tickets/${queued}/assign`, { assignee_id: user1.user.id }, { token: agent1.token });
      expect(res.status).toBe(404);
      expect(res.body.error_code).toBe('ASSIGNEE_NOT_FOUND');
      expect((await t.post(`/v1/tickets/${queued}/assign`, { assignee_id: 999999 }, { token: agent1.token })).body.error_code).toBe('ASSIGNEE_NOT_FOUND');
      expect((await t.post(`/v1/tickets/${queued}/assign`, { assignee_id: 'five' }, { token: agent1.token })).status).toBe(422);
    });

    it('lets only admins delete (204), with comments and history', async () => {
      const id = await create(user1);
      await t.post(`/v1/tickets/${id}/comments`, { content: 'bye' }, { token: user1.token });
      const del = await t.delete(`/v1/tickets/${id}`, { token: admin.token });
      expect(del.status).toBe(204);
      expect(del.text).toBe('');
      expect((await t.get(`/v1/tickets/${id}`, { token: admin.token })).status).toBe(404);
      expect((await t.delete(`/v1/tickets/${id}`, { token: admin.token })).body.error_code).toBe('TICKET_NOT_FOUND');
    });
  });

  describe('status machine', () => {
    it('refuses transitions outside the table with INVALID_STATUS_TRANSITION', async () => {
      const id = await create(user1);
      const fromNew = await t.patch(`/v1/tickets/${id}/status`, { status: 'in_progress' }, { token: agent1.token });
      expect(fromNew.status).toBe(409);
      expect(fromNew.body).toMatchObject({ error_code: 'INVALID_STATUS_TRANSITION', details: { current_status: 'new', requested: 'in_progress' } });
      expect((await t.patch(`/v1/tickets/${id}/status`, { status: 'open' }, { token: agent1.token })).body.error_code).toBe('INVALID_STATUS_TRANSITION');
      expect((await t.post(`/v1/tickets/${id}/reopen`, {}, { token: user1.token })).body.error_code).toBe('INVALID_STATUS_TRANSITION');
      await t.post(`/v1/tickets/${id}/assign`, { assignee_id: agent1.user.id }, { token: agent1.token });
      for (const [to, ok] of [['resolved', false], ['pending', true], ['in_progress', true], ['pending', true], ['resolved', true], ['in_progress', false], ['reopened', true], ['resolved', true], ['closed', true], ['pending', false]] as const) {
        const res = await t.patch(`/v1/tickets/${id}/status`, { status: to }, { token: agent1.token });
        expect({ to, status: res.status }).toEqual({ to, status: ok ? 200 : 409 });
      }
      expect((await t.post(`/v1/tickets/${id}/close`, {}, { token: agent1.token })).body.error_code).toBe('INVALID_STATUS_TRANSITION');
      expect((await t.post(`/v1/tickets/${id}/assign`, { assignee_id: agent2.user.id }, { token: admin.token })).body.error_code).toBe('INVALID_STATUS_TRANSITION');
      expect((await t.patch(`/v1/tickets/${id}/status`, { status: 'done' }, { token: agent1.token })).status).toBe(422);
    });

    it('recomputes sla_due_time on a priority change', async () => {
      const id = await create(user1, { priority: 'low' });
      const before = (await t.get(`/v1/tickets/${id}`, { token: user1.token })).body.data;
      expect(Date.parse(before.sla_due_time) - Date.parse(before.created_at)).toBe(120 * 3600 * 1000);
      const res = await t.patch(`/v1/tickets/${id}/priority`, { priority: 'urgent' }, { token: agent1.token });
      expect(res.body).toMatchObject({ message: 'Ticket priority updated successfully', data: { old_priority: 'low', new_priority: 'urgent' } });
      expect(Date.parse(res.body.data.sla_due_time) - Date.parse(before.created_at)).toBe(4 * 3600 * 1000);
      const history = (await t.get(`/v1/tickets/${id}/history`, { token: user1.token })).body.data;
      expect(history).toEqual([expect.objectContaining({ field: 'priority', old_value: 'low', new_value: 'urgent' })]);
    });

    it('sets response_time on the first agent response only', async () => {
      const id = await create(user1);
      await t.post(`/v1/tickets/${id}/comments`, { content: 'me again' }, { token: user1.token });
      await t.post(`/v1/tickets/${id}/comments`, { content: 'note', is_internal: true }, { token: agent1.token });
      expect((await t.get(`/v1/tickets/${id}`, { token: user1.token })).body.data.response_time).toBeNull();
      await t.post(`/v1/tickets/${id}/comments`, { content: 'looking' }, { token: agent1.token });
      const first = (await t.get(`/v1/tickets/${id}`, { token: user1.token })).body.data.response_time;
      expect(first).not.toBeNull();
      await t.post(`/v1/tickets/${id}/assign`, { assignee_id: agent1.user.id }, { token: agent1.token });
      expect((await t.get(`/v1/tickets/${id}`, { token: user1.token })).body.data.response_time).toBe(first);
    });
  });

  describe('comments', () => {
    let id: number;
    beforeAll(async () => {
      id = await create(user1);
      await t.post(`/v1/tickets/${id}/comments`, { content: '谢谢' }, { token: user1.token });
      await t.post(`/v1/tickets/${id}/comments`, { content: '此用户是VIP客户', is_internal: true }, { token: agent1.token });
    });

    it('never shows internal notes to users, whatever include_internal says', async () => {
      const forUser = await t.get(`/v1/tickets/${id}/comments?include_internal=true`, { token: user1.token });
      expect(forUser.body.data.map((c: any) => c.content)).toEqual(['谢谢']);
      expect(forUser.body.pagination).toEqual({ total: 1, page: 1, page_size: 50, total_pages: 1 });
      const agentDefault = await t.get(`/v1/tickets/${id}/comments`, { token: agent1.token });
      expect(agentDefault.body.data).toHaveLength(1);
      const agentAll = await t.get(`/v1/tickets/${id}/comments?include_internal=true`, { token: agent1.token });
      expect(agentAll.body.data.map((c: any) => c.content)).toEqual(['此用户是VIP客户', '谢谢']);
      expect(agentAll.body.data[1].user).toMatchObject({ id: user1.user.id, name: '张三' });
      expect((await t.get(`/v1/tickets/${id}`, { token: user1.token })).body.data.comments_count).toBe(1);
      expect((await t.get(`/v1/tickets/${id}`, { token: agent1.token })).body.data.comments_count).toBe(2);
    });

    it('refuses internal notes from users', async () => {
      const res = await t.post(`/v1/tickets/${id}/comments`, { content: 'psst', is_internal: true }, { token: user1.token });
      expect(res.status).toBe(403);
    });

    it('answers COMMENT_TOO_LONG past 10000 characters', async () => {
      const long = await t.post(`/v1/tickets/${id}/comments`, { content: '长'.repeat(10001) }, { token: user1.token });
      expect(long.status).toBe(422);
      expect(long.body).toMatchObject({ success: false, error_code: 'COMMENT_TOO_LONG', details: { content: expect.any(String) } });
      expect((await t.post(`/v1/tickets/${id}/comments`, { content: '长'.repeat(10000) }, { token: user1.token })).status).toBe(201);
      expect((await t.post(`/v1/tickets/${id}/comments`, { content: '' }, { token: user1.token })).body.error_code).toBe('VALIDATION_ERROR');
    });

    it('lets only the author edit, and the author or an admin delete', async () => {
      const created = await t.post(`/v1/tickets/${id}/comments`, { content: 'draft' }, { token: user1.token });
      const commentId = created.body.data.comment_id;
      expect((await t.patch(`/v1/tickets/${id}/comments/${commentId}`, { content: 'hacked' }, { token: agent1.token })).status).toBe(403);
      const edited = await t.patch(`/v1/tickets/${id}/comments/${commentId}`, { content: '更新后的评论内容' }, { token: user1.token });
      expect(edited.body).toMatchObject({ message: 'Comment updated successfully', data: { comment_id: commentId, content: '更新后的评论内容' } });
      expect((await t.patch(`/v1/tickets/${id}/comments/${commentId}`, { content: 'x'.repeat(10001) }, { token: user1.token })).body.error_code).toBe('COMMENT_TOO_LONG');
      expect((await t.delete(`/v1/tickets/${id}/comments/${commentId}`, { token: agent1.token })).status).toBe(403);
      expect((await t.delete(`/v1/tickets/${id}/comments/${commentId}`, { token: admin.token })).status).toBe(204);
      expect((await t.delete(`/v1/tickets/${id}/comments/${commentId}`, { token: admin.token })).status).toBe(404);
      const mineToDelete = (await t.post(`/v1/tickets/${id}/comments`, { content: 'oops' }, { token: user1.token })).body.data.comment_id;
      expect((await t.delete(`/v1/tickets/${id}/comments/${mineToDelete}`, { token: user1.token })).status).toBe(204);
      const internal = (await t.get(`/v1/tickets/${id}/comments?include_internal=true`, { token: agent1.token })).body.data.find((c: any) => c.is_internal);
      expect((await t.patch(`/v1/tickets/${id}/comments/${internal.id}`, { content: 'x' }, { token: user1.token })).status).toBe(404);
    });
  });

  describe('list filters, search and sorting', () => {
    let a: number, b: number, c: number;
    beforeAll(async () => {
      a = await create(user2, { title: 'filters: 无法登录账号', description: 'password reset loops', category: 'account', priority: 'urgent', tags: ['f-login', 'f-vip'] });
      b = await create(user2, { title: 'filters: 账单问题', description: '发票金额不对', category: 'billing', priority: 'low', tags: ['f-login'] });
      c = await create(user2, { title: 'filters: feature', description: 'Please add dark mode', category: 'feature', priority: 'medium', tags: [] });
      await t.post(`/v1/tickets/${b}/assign`, { assignee_id: agent2.user.id }, { token: admin.token });
    });
    const ids = async (query: string) => (await t.get(`/v1/tickets?search=filters&page_size=100&${query}`, { token: admin.token })).body.data.map((x: any) => x.id);

    it('filters by status, priority, category, assignee and every listed tag', async () => {
      expect(await ids('status=open')).toEqual([b]);
      expect(await ids('priority=urgent')).toEqual([a]);
      expect(await ids('category=feature')).toEqual([c]);
      expect(await ids(`assignee_id=${agent2.user.id}`)).toEqual([b]);
      expect((await ids('tags=f-login')).sort()).toEqual([a, b].sort());
      expect(await ids('tags=f-login,f-vip')).toEqual([a]);
      expect((await t.get('/v1/tickets?status=done', { token: admin.token })).status).toBe(422);
      expect((await t.get('/v1/tickets?page_size=101', { token: admin.token })).status).toBe(422);
    });

    it('searches substrings of title and description, Chinese and Latin', async () => {
      const search = async (q: string) => (await t.get(`/v1/tickets?search=${encodeURIComponent(q)}&page_size=100`, { token: admin.token })).body.data.map((x: any) => x.id);
      expect(await search('登录')).toEqual(expect.arrayContaining([a]));
      expect(await search('发票金额')).toEqual([b]);
      expect(await search('DARK mode')).toEqual([c]);
      expect(await search('assword res')).toEqual([a]);
      expect(await search('100%_')).toEqual([]);
    });

    it('sorts by priority, created_at and sla_due_time, both ways, and paginates', async () => {
      expect(await ids('sort_by=priority&sort_order=desc')).toEqual([a, c, b]);
      expect(await ids('sort_by=priority&sort_order=asc')).toEqual([b, c, a]);
      expect(await ids('sort_by=created_at&sort_order=asc')).toEqual([a, b, c]);
      expect(await ids('sort_by=sla_due_time&sort_order=asc')).toEqual([a, c, b]);
      const page = await t.get('/v1/tickets?search=filters&page=2&page_size=2&sort_by=created_at&sort_order=asc', { token: admin.token });
      expect(page.body.data.map((x: any) => x.id)).toEqual([c]);
      expect(page.body.pagination).toEqual({ total: 3, page: 2, page_size: 2, total_pages: 2 });
      const item = page.body.data[0];
      expect(Object.keys(item).sort()).toEqual(['assignee_name', 'category', 'created_at', 'creator_name', 'id', 'is_overdue', 'number', 'priority', 'status', 'title', 'updated_at'].sort());
    });

    withPostgres('agrees on overdue between the filter and is_overdue', async () => {
      await t.sql(`UPDATE support_tickets SET sla_due_time = now() - interval '1 minute' WHERE id = ANY($1)`, [[a, b]]);
      await t.patch(`/v1/tickets/${b}/status`, { status: 'in_progress' }, { token: admin.token });
      await t.patch(`/v1/tickets/${b}/status`, { status: 'resolved' }, { token: admin.token });
      expect(await ids('overdue=true')).toEqual([a]);
      expect((await ids('overdue=false')).sort()).toEqual([b, c].sort());
      const list = (await t.get('/v1/tickets?search=filters', { token: admin.token })).body.data;
      expect(list.filter((x: any) => x.is_overdue).map((x: any) => x.id)).toEqual([a]);
      expect((await t.get(`/v1/tickets/${a}`, { token: user2.token })).body.data.is_overdue).toBe(true);
      expect((await t.get(`/v1/tickets/${b}`, { token: user2.token })).body.data.is_overdue).toBe(false);
    });
  });

  it('gives 30 tickets created at once 30 distinct consecutive numbers', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => t.post('/v1/tickets', ticket({ title: `burst ${i}` }), { token: user2.token })));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const numbers = results.map((r) => r.body.data.number as string);
    expect(new Set(numbers).size).toBe(30);
    const sequence = numbers.map((n) => Number(n.slice(-4))).sort((x, y) => x - y);
    expect(sequence[29] - sequence[0]).toBe(29);
  });
});
