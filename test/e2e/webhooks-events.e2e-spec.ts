import { verifyWebhook, withPostgres } from '../support/fixtures';
import { TestServer } from '../support/test-server';
import { WebhookReceiver } from '../support/webhook-receiver';


describe('webhooks: the seven ticket events, end to end', () => {
  let t: TestServer;
  let receiver: WebhookReceiver;
  let publicSecret: string;
  let internalSecret: string;
  let user: { token: string; user: { id: number; name: string; email: string } };
  let agent: { token: string; user: { id: number; name: string; email: string } };

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    t = await TestServer.start({
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_POLL_INTERVAL_MS: '50',
      SLA_SCAN_INTERVAL_MS: '100',
      PUBLIC_APP_URL: 'https://app.example.com',
      RATE_LIMIT_USER_PER_MINUTE: '100000',
      RATE_LIMIT_AGENT_PER_MINUTE: '100000',
    });
    const admin = await t.adminToken();
    publicSecret = (await t.post('/v1/webhooks', { url: `${receiver.url}?public`, events: ['*'] }, { token: admin })).body.data.secret;
    internalSecret = (await t.post('/v1/webhooks', { url: `${receiver.url}?internal`, events: ['ticket.comment_added'], internal: true }, { token: admin })).body.data.secret;
    [user, agent] = await Promise.all([t.userWithToken(['user'], { name: '张三' }), t.userWithToken(['agent'], { name: '客服李四' })]);
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  const toPublic = () => receiver.received.filter((r) => r.headers['x-webhook-event'] !== 'ping' && verifyWebhook(r.body, r.headers['x-signature'] as string, publicSecret));

  it('delivers created, assigned, status_changed, comment_added, closed and reopened with the §8.2 payload', async () => {
    const created = await t.post('/v1/tickets', { title: '无法登录账号', description: 'd', category: 'technical', priority: 'high' }, { token: user.token });
    const id = created.body.data.ticket_id;
    const started = Date.now();
    await receiver.waitFor(() => toPublic().length === 1);
    const latency = Date.now() - started;
    expect(latency).toBeLessThan(1000); // the committing instance is woken at once, not at the next poll

    await t.post(`/v1/tickets/${id}/assign`, { assignee_id: agent.user.id }, { token: agent.token });
    await t.patch(`/v1/tickets/${id}/status`, { status: 'in_progress', reason: 'looking' }, { token: agent.token });
    await t.post(`/v1/tickets/${id}/comments`, { content: 'public reply' }, { token: agent.token });
    await t.post(`/v1/tickets/${id}/comments`, { content: 'internal note', is_internal: true }, { token: agent.token });
    await t.patch(`/v1/tickets/${id}/status`, { status: 'resolved' }, { token: agent.token });
    await t.post(`/v1/tickets/${id}/close`, { reason: 'thanks' }, { token: user.token });
    await t.post(`/v1/tickets/${id}/reopen`, { reason: 'again' }, { token: user.token });
    // created, assigned + status(new→open), status(→in_progress), comment, status(→resolved), status+closed, status+reopened
    await receiver.waitFor(() => toPublic().length === 10);
    await new Promise((r) => setTimeout(r, 300));

    const events = toPublic().map((r) => r.json);
    expect(events.map((e) => e.event)).toEqual(
      expect.arrayContaining(['ticket.created', 'ticket.assigned', 'ticket.status_changed', 'ticket.comment_added', 'ticket.closed', 'ticket.reopened']),
    );
    const base = {
      ticket_id: id,
      number: created.body.data.number,
      title: '无法登录账号',
      priority: 'high',
      creator: { id: user.user.id, name: '张三', email: user.user.email },
      url: `https://app.example.com/tickets/${id}`,
    };
    const one = (type: string) => events.filter((e) => e.event === type);
    expect(one('ticket.created')).toEqual([{ event: 'ticket.created', timestamp: expect.stringMatching(/Z$/), data: { ...base, status: 'new' } }]);
    expect(one('ticket.assigned')[0].data).toEqual({ ...base, status: 'open', assignee: { id: agent.user.id, name: '客服李四', email: agent.user.email } });
    // Deliveries go out concurrently, so compare without order.
    expect(one('ticket.status_changed').map((e) => `${e.data.old_status}→${e.data.new_status}`).sort()).toEqual(
      ['new→open', 'open→in_progress', 'in_progress→resolved', 'resolved→closed', 'closed→reopened'].sort(),
    );
    expect(one('ticket.closed')[0].data).toMatchObject({ ...base, status: 'closed', reason: 'thanks', closed_at: expect.stringMatching(/Z$/) });
    expect(one('ticket.reopened')[0].data).toMatchObject({ ...base, status: 'reopened', reason: 'again' });
    const comments = one('ticket.comment_added');
    expect(comments).toHaveLength(1);
    expect(comments[0].data).toMatchObject({ ...base, is_internal: false, author: { id: agent.user.id, name: '客服李四' }, comment_id: expect.any(Number) });

    // The internal note goes only to the subscription marked internal (which also got the public one).
    const internal = receiver.received.filter((r) => verifyWebhook(r.body, r.headers['x-signature'] as string, internalSecret));
    expect(internal.map((r) => r.json.data.is_internal).sort()).toEqual([false, true]);
    expect(JSON.stringify(toPublic().map((r) => r.json))).not.toContain('internal note');
  });

  withPostgres('emits ticket.sla_violated once per ticket and due time', async () => {
    receiver.received.length = 0;
    const id = (await t.post('/v1/tickets', { title: 'late', description: 'd', category: 'other', priority: 'urgent' }, { token: user.token })).body.data.ticket_id;
    await receiver.waitFor(() => toPublic().length === 1);
    await t.sql(`UPDATE support_tickets SET sla_due_time = now() - interval '1 minute' WHERE id = $1`, [id]);
    const violated = () => toPublic().filter((r) => r.json.event === 'ticket.sla_violated');
    await receiver.waitFor(() => violated().length === 1);
    await new Promise((r) => setTimeout(r, 600)); // several scans later: still once
    expect(violated()).toHaveLength(1);
    expect(violated()[0].json.data).toMatchObject({ ticket_id: id, title: 'late', priority: 'urgent', status: 'new', sla_due_time: expect.stringMatching(/Z$/) });
    const [row] = await t.sql(`SELECT count(*)::int AS n FROM outbox_events WHERE event_type = 'ticket.sla_violated' AND aggregate_id = $1`, [String(id)]);
    expect(row.n).toBe(1);

    // A new due time (priority change), missed again: a new violation.
    await t.patch(`/v1/tickets/${id}/priority`, { priority: 'high' }, { token: agent.token });
    await t.sql(`UPDATE support_tickets SET sla_due_time = now() - interval '30 seconds' WHERE id = $1`, [id]);
    await receiver.waitFor(() => violated().length === 2);
    // Resolved tickets are never reported.
    const done = (await t.post('/v1/tickets', { title: 'done', description: 'd', category: 'other', priority: 'low' }, { token: user.token })).body.data.ticket_id;
    await t.post(`/v1/tickets/${done}/close`, {}, { token: agent.token });
    await t.sql(`UPDATE support_tickets SET sla_due_time = now() - interval '1 minute' WHERE id = $1`, [done]);
    await new Promise((r) => setTimeout(r, 500));
    expect(violated().filter((r) => r.json.data.ticket_id === done)).toHaveLength(0);
  });
});
