import { UNLIMITED, withPostgres } from '../support/fixtures';
import { TestServer } from '../support/test-server';
import { WebhookReceiver } from '../support/webhook-receiver';

/**
 * SSRF: with private targets disallowed (the default), a webhook URL that reaches a loopback,
 * private or link-local address in any notation is refused when saved, and never connected to
 * when sent. Every form here points at a receiver on 127.0.0.1 that must see nothing; no test
 * ever sends to a non-loopback address.
 */
describe('webhooks: SSRF guard for IPv4 carried in IPv6', () => {
  let t: TestServer;
  let receiver: WebhookReceiver;
  let port: number;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    port = Number(new URL(receiver.url).port);
    t = await TestServer.start({ ...UNLIMITED, WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false', WEBHOOK_POLL_INTERVAL_MS: '50', WEBHOOK_RETRY_BASE_DELAY_MS: '60000' });
  });
  afterAll(async () => {
    await t.close();
    await receiver.close();
  });

  const loopbackForms = () => [
    `http://[::ffff:127.0.0.1]:${port}/hook`,
    `http://[::ffff:7f00:1]:${port}/hook`,
    `http://[0:0:0:0:0:ffff:127.0.0.1]:${port}/hook`,
    `http://[::127.0.0.1]:${port}/hook`,
    `http://[64:ff9b::127.0.0.1]:${port}/hook`,
    `http://127.0.0.1:${port}/hook`,
    `http://localhost:${port}/hook`,
  ];

  it('refuses every loopback form when a subscription is saved or changed', async () => {
    const admin = await t.adminToken();
    for (const url of loopbackForms()) {
      const created = await t.post('/v1/webhooks', { url, events: ['*'] }, { token: admin });
      expect({ url, status: created.status, code: created.body.error_code }).toEqual({ url, status: 400, code: 'WEBHOOK_TARGET_FORBIDDEN' });
    }
    expect(receiver.received).toHaveLength(0);
  });

  withPostgres('never connects to a mapped loopback address stored behind the API’s back', async () => {
    // A row the API would refuse (as an old or imported subscription might be): the sender checks again.
    const [{ id }] = await t.sql<{ id: number }>(
      `INSERT INTO webhook_subscriptions (url, events, secret) VALUES ($1, '{*}', 'secret-secret-secret') RETURNING id`,
      [`http://[::ffff:127.0.0.1]:${port}/hook`],
    );
    const user = await t.userWithToken(['user']);
    const ticket = await t.post('/v1/tickets', { title: 'ssrf', description: 'd', category: 'other', priority: 'low' }, { token: user.token });
    expect(ticket.status).toBe(201);
    const admin = await t.adminToken();
    let deliveries: any[] = [];
    for (let i = 0; i < 100 && !deliveries.some((d) => d.attempts > 0); i++) {
      await new Promise((r) => setTimeout(r, 100));
      deliveries = (await t.get(`/v1/webhooks/${id}/deliveries`, { token: admin })).body.data;
    }
    expect(deliveries[0]).toMatchObject({ event_type: 'ticket.created', status: 'pending', last_response_status: null });
    expect(deliveries[0].last_error).toMatch(/private address/);
    expect(receiver.received).toHaveLength(0);
  });
});
