import { createHmac } from 'node:crypto';
import { UNLIMITED, verifyWebhook, withPostgres } from '../support/fixtures';
import { TestServer } from '../support/test-server';
import { WebhookReceiver } from '../support/webhook-receiver';

const FAST = {
  WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
  WEBHOOK_POLL_INTERVAL_MS: '50',
  WEBHOOK_RETRY_BASE_DELAY_MS: '150',
  WEBHOOK_MAX_ATTEMPTS: '3',
  WEBHOOK_DISABLE_AFTER_DEAD: '2',
  WEBHOOK_TIMEOUT_MS: '1000',
};

/** A committed domain event, as a module would publish through the outbox. */
async function publish(t: TestServer, type: string, data: Record<string, unknown>, internal = false): Promise<number> {
  const [row] = await t.sql<{ id: number }>(
    `INSERT INTO outbox_events (event_type, aggregate_type, aggregate_id, payload, internal) VALUES ($1, 'test', '1', $2, $3) RETURNING id`,
    [type, data, internal],
  );
  return Number(row.id);
}

describe('webhooks', () => {
  let t: TestServer;
  let admin: string;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await TestServer.start({ ...FAST, ...UNLIMITED });
    admin = await t.adminToken();
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.respond = () => 200;
  });

  const subscribe = async (body: Record<string, unknown>) => {
    const res = await t.post('/v1/webhooks', { url: receiver.url, events: ['*'], ...body }, { token: admin });
    expect(res.status).toBe(201);
    return res.body.data as { id: number; secret: string };
  };

  describe('subscriptions API', () => {
    it('creates with a generated secret shown once, then reads, updates, lists and deletes', async () => {
      const created = await t.post('/v1/webhooks', { url: receiver.url, events: ['ticket.created'], description: 'crm' }, { token: admin });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        success: true,
        message: 'Webhook created successfully',
        data: { url: receiver.url, events: ['ticket.created'], active: true, internal: false, description: 'crm', consecutive_dead_deliveries: 0 },
      });
      const { id, secret } = created.body.data;
      expect(secret).toMatch(/^whsec_/);

      const read = await t.get(`/v1/webhooks/${id}`, { token: admin });
      expect(read.body.data).not.toHaveProperty('secret');
      expect(read.body.data.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);

      const updated = await t.patch(`/v1/webhooks/${id}`, { events: ['ticket.closed', 'ticket.reopened'] }, { token: admin });
      expect(updated.body.data.events).toEqual(['ticket.closed', 'ticket.reopened']);

      const list = await t.get('/v1/webhooks?page=1&page_size=100', { token: admin });
      expect(list.body.data.map((w: { id: number }) => w.id)).toContain(id);
      expect(list.body.pagination).toMatchObject({ page: 1, page_size: 100 });

      expect((await t.delete(`/v1/webhooks/${id}`, { token: admin })).status).toBe(204);
      const gone = await t.get(`/v1/webhooks/${id}`, { token: admin });
      expect(gone.status).toBe(404);
      expect(gone.body).toMatchObject({ success: false, error_code: 'WEBHOOK_NOT_FOUND' });
    });

    it('answers WEBHOOK_NOT_FOUND for every route of a missing subscription', async () => {
      const missing = [
        await t.patch('/v1/webhooks/999999', { active: false }, { token: admin }),
        await t.post('/v1/webhooks/999999/rotate-secret', undefined, { token: admin }),
        await t.post('/v1/webhooks/999999/ping', undefined, { token: admin }),
        await t.get('/v1/webhooks/999999/deliveries', { token: admin }),
        await t.delete('/v1/webhooks/999999', { token: admin }),
      ];
      expect(missing.map((r) => [r.status, r.body.error_code])).toEqual(Array(5).fill([404, 'WEBHOOK_NOT_FOUND']));
    });

    it('refuses non-admins (403), anonymous callers (401) and bad input (422)', async () => {
      const { token: agent } = await t.userWithToken(['agent']);
      expect((await t.get('/v1/webhooks', { token: agent })).status).toBe(403);
      expect((await t.get('/v1/webhooks')).status).toBe(401);
      const bad = await t.post('/v1/webhooks', { url: 'ftp://x', events: [], extra: 1 }, { token: admin });
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.body.details).sort()).toEqual(['events', 'extra']);
      const scheme = await t.post('/v1/webhooks', { url: 'ftp://example.com/x', events: ['*'] }, { token: admin });
      expect(scheme.status).toBe(400);
      expect(scheme.body.error_code).toBe('INVALID_WEBHOOK_URL');
      const badEvent = await t.post('/v1/webhooks', { url: receiver.url, events: ['Ticket Created'] }, { token: admin });
      expect(badEvent.status).toBe(422);
    });

    it('pings now, signed with the secret; a rotated secret signs from then on', async () => {
      const { id, secret } = await subscribe({ secret: 'a-secret-of-my-own-choosing' });
      expect(secret).toBe('a-secret-of-my-own-choosing');
      const ping = await t.post(`/v1/webhooks/${id}/ping`, undefined, { token: admin });
      expect(ping.status).toBe(202);
      await receiver.waitFor((r) => r.length === 1);
      const [hit] = receiver.received;
      expect(hit.json).toMatchObject({ event: 'ping', data: { webhook_id: id } });
      expect(hit.headers['x-webhook-event']).toBe('ping');
      expect(hit.headers['x-webhook-id']).toBe(ping.body.data.webhook_message_id);
      expect(verifyWebhook(hit.body, hit.headers['x-signature'] as string, secret)).toBe(true);
      const ts = hit.headers['x-webhook-timestamp'] as string;
      expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(10);
      const expected = createHmac('sha256', secret).update(`${ts}.${hit.body}`).digest('hex');
      expect(hit.headers['x-signature-256']).toBe(`t=${ts},v1=${expected}`);

      const rotated = await t.post(`/v1/webhooks/${id}/rotate-secret`, undefined, { token: admin });
      const newSecret = rotated.body.data.secret;
      expect(newSecret).not.toBe(secret);
      await t.post(`/v1/webhooks/${id}/ping`, undefined, { token: admin });
      await receiver.waitFor((r) => r.length === 2);
      expect(verifyWebhook(receiver.received[1].body, receiver.received[1].headers['x-signature'] as string, newSecret)).toBe(true);
      expect(verifyWebhook(receiver.received[1].body, receiver.received[1].headers['x-signature'] as string, secret)).toBe(false);
      await t.delete(`/v1/webhooks/${id}`, { token: admin });
    });
  });

  describe('delivery', () => {
    withPostgres('delivers outbox events in the §8.2 envelope to matching subscriptions only; internal events only to internal ones', async () => {
      const all = await subscribe({ events: ['ticket.created', 'ticket.comment_added'] });
      const internal = await subscribe({ events: ['ticket.comment_added'], internal: true, url: `${receiver.url}?internal` });
      const eventId = await publish(t, 'ticket.created', { ticket_id: 7, number: 'T-20241023-0001', title: '无法登录账号' });
      await publish(t, 'ticket.closed', { ticket_id: 7 }); // nobody subscribed
      await publish(t, 'ticket.comment_added', { ticket_id: 7, comment_id: 3, is_internal: true }, true);
      await receiver.waitFor((r) => r.length >= 2);
      await new Promise((r) => setTimeout(r, 300));
      expect(receiver.received).toHaveLength(2);
      const created = receiver.ofEvent('ticket.created');
      expect(created).toHaveLength(1);
      expect(created[0].json).toEqual({ event: 'ticket.created', timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/), data: { ticket_id: 7, number: 'T-20241023-0001', title: '无法登录账号' } });
      expect(verifyWebhook(created[0].body, created[0].headers['x-signature'] as string, all.secret)).toBe(true);
      const comment = receiver.ofEvent('ticket.comment_added');
      expect(comment).toHaveLength(1);
      expect(verifyWebhook(comment[0].body, comment[0].headers['x-signature'] as string, internal.secret)).toBe(true);
      const [row] = await t.sql(`SELECT dispatched_at FROM outbox_events WHERE id = $1`, [eventId]);
      expect(row.dispatched_at).not.toBeNull();
      await t.delete(`/v1/webhooks/${all.id}`, { token: admin });
      await t.delete(`/v1/webhooks/${internal.id}`, { token: admin });
    });

    withPostgres('retries with backoff until success, under one X-Webhook-Id, and logs every attempt', async () => {
      const { id } = await subscribe({ events: ['ticket.assigned'] });
      receiver.respond = (_, index) => (index < 2 ? 500 : 200);
      await publish(t, 'ticket.assigned', { ticket_id: 1 });
      await receiver.waitFor((r) => r.length === 3);
      const ids = new Set(receiver.received.map((r) => r.headers['x-webhook-id']));
      expect(ids.size).toBe(1);
      const gaps = [receiver.received[1].receivedAt - receiver.received[0].receivedAt, receiver.received[2].receivedAt - receiver.received[1].receivedAt];
      expect(gaps[0]).toBeGreaterThanOrEqual(100); // 150 ms ± 20 %
      expect(gaps[1]).toBeGreaterThanOrEqual(200); // doubled
      await new Promise((r) => setTimeout(r, 200));
      const log = await t.get(`/v1/webhooks/${id}/deliveries?event=ticket.assigned`, { token: admin });
      expect(log.body.pagination.total).toBe(1);
      const [delivery] = log.body.data;
      expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3, last_response_status: 200, last_error: null });
      expect(delivery.attempt_log.map((a: { response_status: number }) => a.response_status)).toEqual([500, 500, 200]);
      expect(delivery.attempt_log[0]).toMatchObject({ attempt: 1, error: 'HTTP 500', latency_ms: expect.any(Number) });
      await t.delete(`/v1/webhooks/${id}`, { token: admin });
    });

    withPostgres('marks a delivery dead after the last attempt, disables the subscription after 2 dead, and redelivers', async () => {
      const { id } = await subscribe({ events: ['ticket.reopened'] });
      receiver.respond = () => 503;
      await publish(t, 'ticket.reopened', { ticket_id: 1 });
      await receiver.waitFor((r) => r.length === 3);
      await new Promise((r) => setTimeout(r, 200));
      let deliveries = (await t.get(`/v1/webhooks/${id}/deliveries?status=dead`, { token: admin })).body.data;
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]).toMatchObject({ status: 'dead', attempts: 3, last_response_status: 503, next_attempt_at: null });
      expect((await t.get(`/v1/webhooks/${id}`, { token: admin })).body.data).toMatchObject({ active: true, consecutive_dead_deliveries: 1 });

      await publish(t, 'ticket.reopened', { ticket_id: 2 });
      await receiver.waitFor((r) => r.length === 6);
      await new Promise((r) => setTimeout(r, 200));
      const disabled = (await t.get(`/v1/webhooks/${id}`, { token: admin })).body.data;
      expect(disabled).toMatchObject({ active: false, consecutive_dead_deliveries: 2, disabled_reason: expect.stringMatching(/2 consecutive dead/) });

      // A disabled subscription gets nothing new.
      await publish(t, 'ticket.reopened', { ticket_id: 3 });
      await new Promise((r) => setTimeout(r, 400));
      expect(receiver.received).toHaveLength(6);

      // Re-enabled, and the endpoint fixed: a dead delivery can be sent again.
      receiver.respond = () => 200;
      await t.patch(`/v1/webhooks/${id}`, { active: true }, { token: admin });
      deliveries = (await t.get(`/v1/webhooks/${id}/deliveries?status=dead`, { token: admin })).body.data;
      const redelivered = await t.post(`/v1/webhooks/${id}/deliveries/${deliveries[0].id}/redeliver`, undefined, { token: admin });
      expect(redelivered.status).toBe(202);
      expect(redelivered.body.data).toMatchObject({ status: 'pending', redelivery_of: deliveries[0].id });
      await receiver.waitFor((r) => r.some((x) => x.headers['x-webhook-id'] === redelivered.body.data.webhook_message_id));
      const again = receiver.received.find((x) => x.headers['x-webhook-id'] === redelivered.body.data.webhook_message_id)!;
      expect(again.body).toBe(receiver.received[3].body);
      expect((await t.get(`/v1/webhooks/${id}`, { token: admin })).body.data.consecutive_dead_deliveries).toBe(0);
      expect((await t.post(`/v1/webhooks/${id}/deliveries/999999/redeliver`, undefined, { token: admin })).body.error_code).toBe('DELIVERY_NOT_FOUND');
      await t.delete(`/v1/webhooks/${id}`, { token: admin });
    });

    withPostgres('sends nothing for an event whose transaction failed to commit, and delivers the next one', async () => {
      const { id } = await subscribe({ events: ['ticket.created'] });
      const { token } = await t.userWithToken(['user']);
      // A deferred check refuses the ticket titled `doomed` when its transaction commits: after
      // the application wrote the outbox row in that transaction, so the row must go with it.
      const doomed = 'doomed ticket';
      await t.sql(`CREATE FUNCTION refuse_doomed_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
                   BEGIN
                     IF NEW.title = 'doomed ticket' THEN RAISE EXCEPTION 'ticket refused at commit'; END IF;
                     RETURN NULL;
                   END $$`);
      await t.sql(`CREATE CONSTRAINT TRIGGER refuse_doomed_ticket AFTER INSERT ON support_tickets
                   DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_doomed_ticket()`);
      try {
        const ticket = (title: string) => t.post('/v1/tickets', { title, description: 'd', category: 'technical', priority: 'low' }, { token });
        const failed = await ticket(doomed);
        expect(failed.status).toBe(500);
        expect(failed.body).toMatchObject({ success: false, error_code: 'INTERNAL_ERROR' });
        expect(await t.sql(`SELECT id FROM support_tickets WHERE title = $1`, [doomed])).toEqual([]);
        expect(await t.sql(`SELECT id FROM outbox_events WHERE payload->>'title' = $1`, [doomed])).toEqual([]);

        expect((await ticket('committed')).status).toBe(201);
        await receiver.waitFor((r) => r.length === 1);
        await new Promise((r) => setTimeout(r, 300));
        expect(receiver.received.map((r) => r.json.data.title)).toEqual(['committed']);
      } finally {
        await t.sql('DROP TRIGGER refuse_doomed_ticket ON support_tickets');
        await t.sql('DROP FUNCTION refuse_doomed_ticket()');
        await t.delete(`/v1/webhooks/${id}`, { token: admin });
      }
    });
  });
});

describe('webhooks: SSRF', () => {
  it('refuses targets on loopback, private and link-local addresses unless allowed', async () => {
    const t = await TestServer.start({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false' });
    try {
      const admin = await t.adminToken();
      for (const url of ['http://127.0.0.1:9/x', 'http://localhost/x', 'http://169.254.169.254/latest', 'http://10.0.0.5/x', 'http://[::1]/x', 'http://192.168.1.10/x']) {
        const res = await t.post('/v1/webhooks', { url, events: ['*'] }, { token: admin });
        expect({ url, status: res.status, code: res.body.error_code }).toEqual({ url, status: 400, code: 'WEBHOOK_TARGET_FORBIDDEN' });
      }
      // A public literal address is accepted; moving it to a private one later is refused too.
      const created = await t.post('/v1/webhooks', { url: 'http://93.184.216.34/hook', events: ['*'] }, { token: admin });
      expect(created.status).toBe(201);
      const moved = await t.patch(`/v1/webhooks/${created.body.data.id}`, { url: 'http://10.1.1.1/hook' }, { token: admin });
      expect(moved.body.error_code).toBe('WEBHOOK_TARGET_FORBIDDEN');
      expect((await t.get(`/v1/webhooks/${created.body.data.id}`, { token: admin })).body.data.url).toBe('http://93.184.216.34/hook');
    } finally {
      await t.close();
    }
  });
});

describe('webhooks: crash and several instances', () => {
  withPostgres('delivers every committed event after the server is killed before sending them', async () => {
    const receiver = await WebhookReceiver.start();
    // A long poll interval: the events are committed, and the process dies before it looks.
    const t = await TestServer.start({ ...FAST, WEBHOOK_POLL_INTERVAL_MS: '60000' });
    try {
      const admin = await t.adminToken();
      await t.post('/v1/webhooks', { url: receiver.url, events: ['ticket.created'] }, { token: admin });
      await new Promise((r) => setTimeout(r, 300));
      await t.sql(`INSERT INTO outbox_events (event_type, aggregate_type, aggregate_id, payload)
                   SELECT 'ticket.created', 'test', n::text, json_build_object('n', n) FROM generate_series(1, 50) n`);
      expect(await t.stop('SIGKILL')).toBeNull();
      expect(receiver.received).toHaveLength(0);
      t.env.WEBHOOK_POLL_INTERVAL_MS = '50';
      await t.restart();
      await receiver.waitFor((r) => r.length >= 50);
      expect(new Set(receiver.received.map((r) => r.json.data.n)).size).toBe(50);
    } finally {
      await t.close();
      await receiver.close();
    }
  });

  withPostgres('two instances on one database deliver 200 events exactly once each', async () => {
    const receiver = await WebhookReceiver.start();
    const a = await TestServer.start({ ...FAST, WEBHOOK_CONCURRENCY: '4' });
    const b = await TestServer.startSibling(a);
    try {
      const admin = await a.adminToken();
      await a.post('/v1/webhooks', { url: receiver.url, events: ['ticket.created'] }, { token: admin });
      await a.sql(`INSERT INTO outbox_events (event_type, aggregate_type, aggregate_id, payload)
                   SELECT 'ticket.created', 'test', n::text, json_build_object('n', n) FROM generate_series(1, 200) n`);
      await receiver.waitFor((r) => r.length >= 200, 30_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(receiver.received).toHaveLength(200);
      expect(new Set(receiver.received.map((r) => r.headers['x-webhook-id'])).size).toBe(200);
      expect(new Set(receiver.received.map((r) => r.json.data.n)).size).toBe(200);
      const attempts = await a.sql(`SELECT count(*)::int AS n FROM webhook_delivery_attempts`);
      expect(attempts[0].n).toBe(200);
    } finally {
      await b.close();
      await a.close();
      await receiver.close();
    }
  });
});
