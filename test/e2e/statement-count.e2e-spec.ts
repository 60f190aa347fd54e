import { createServer, Server, Socket } from 'node:net';
import { Actor, UNLIMITED, withPostgres } from '../support/fixtures';
import { serverUrl } from '../support/test-database';
import { TestServer } from '../support/test-server';

/**
 * A TCP proxy in front of PostgreSQL that reads the frontend side of the wire protocol and counts
 * the statements the server really sends: one per simple Query ('Q') and one per Execute ('E') of
 * the extended protocol. It is the oracle the X-DB-Statements header is checked against.
 */
class StatementCountingProxy {
  statements = 0;
  private readonly sockets = new Set<Socket>();
  private constructor(private readonly server: Server) {}

  static async start(target: URL): Promise<StatementCountingProxy & { port: number }> {
    const proxy = new StatementCountingProxy(createServer());
    proxy.server.on('connection', (client) => {
      const upstream = new Socket();
      upstream.connect(Number(target.port || 5432), target.hostname);
      for (const s of [client, upstream]) {
        proxy.sockets.add(s);
        s.on('close', () => proxy.sockets.delete(s));
        s.on('error', () => undefined);
      }
      upstream.on('data', (chunk) => client.write(chunk));
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
      let pending = Buffer.alloc(0);
      let started = false;
      client.on('data', (chunk: Buffer) => {
        pending = Buffer.concat([pending, chunk]);
        // Startup (and SSLRequest) messages have no type byte; every later message has one.
        for (;;) {
          const header = started ? 5 : 4;
          if (pending.length < header) break;
          const length = started ? pending.readInt32BE(1) + 1 : pending.readInt32BE(0);
          if (pending.length < length) break;
          if (!started) {
            const code = pending.readInt32BE(4);
            if (code === 196608) started = true; // protocol 3.0; 80877103 would be an SSLRequest
          } else if (pending[0] === 0x51 /* Q */ || pending[0] === 0x45 /* E */) {
            proxy.statements += 1;
          }
          pending = pending.subarray(length);
        }
        upstream.write(chunk);
      });
    });
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return Object.assign(proxy, { port: (proxy.server.address() as { port: number }).port });
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** No background work on the counted server: every statement the proxy sees belongs to the request under test. */
const QUIET = { ...UNLIMITED, WEBHOOK_DISPATCHER_ENABLED: 'false', WORKFLOW_SWEEP_INTERVAL_MS: '0', DB_STATEMENT_COUNT: 'true' };

const TICKET = { title: '无法登录账号', description: '我尝试使用正确的密码登录。', category: 'technical', priority: 'high', tags: ['login'] };

describe('X-DB-Statements (DB_STATEMENT_COUNT=true)', () => {
  let t: TestServer;
  let admin: string;
  let user: Actor;

  beforeAll(async () => {
    t = await TestServer.start(QUIET);
    admin = await t.adminToken();
    user = await t.userWithToken(['user']);
  });
  afterAll(() => t.close());

  const statementsOf = (res: { headers: Headers }) => {
    const value = res.headers.get('x-db-statements');
    expect(value).toMatch(/^\d+$/);
    return Number(value);
  };

  it('counts the statements of a detail request, the same every time, and none for a route that reads nothing', async () => {
    const created = await t.post('/v1/tickets', TICKET, { token: user.token });
    expect(created.status).toBe(201);
    const id = created.body.data.ticket_id as number;
    const first = await t.get(`/v1/tickets/${id}`, { token: admin });
    const second = await t.get(`/v1/tickets/${id}`, { token: admin });
    expect(first.status).toBe(200);
    // At least the auth context and the ticket itself.
    expect(statementsOf(first)).toBeGreaterThanOrEqual(2);
    expect(statementsOf(second)).toBe(statementsOf(first));
    // Refused before any handler runs: nothing reached the database.
    const anonymous = await t.get(`/v1/tickets/${id}`);
    expect(anonymous.status).toBe(401);
    expect(statementsOf(anonymous)).toBe(0);
  });

  it('counts each request on its own while requests run concurrently', async () => {
    const id = (await t.post('/v1/tickets', TICKET, { token: user.token })).body.data.ticket_id as number;
    const alone = statementsOf(await t.get(`/v1/tickets/${id}`, { token: admin }));
    const together = await Promise.all(Array.from({ length: 20 }, () => t.get(`/v1/tickets/${id}`, { token: admin })));
    // More requests than pooled connections: some wait for one another's connection, and still count their own.
    expect(together.map(statementsOf)).toEqual(Array(20).fill(alone));
  });

  withPostgres('reports exactly what the server sends PostgreSQL (a wire-protocol count), for reads and for writes with a body', async () => {
    const proxy = await StatementCountingProxy.start(new URL(serverUrl!));
    const target = new URL(t.env.DATABASE_URL);
    target.host = `127.0.0.1:${proxy.port}`;
    const counted = await TestServer.startSibling(t, { DATABASE_URL: target.toString() });
    try {
      const measure = async (send: () => Promise<{ status: number; headers: Headers }>, status: number) => {
        const before = proxy.statements;
        const res = await send();
        expect(res.status).toBe(status);
        return { header: statementsOf(res), wire: proxy.statements - before };
      };
      const created = await measure(() => counted.post('/v1/tickets', TICKET, { token: user.token }), 201);
      expect(created.wire).toBeGreaterThanOrEqual(3); // BEGIN, INSERT, COMMIT at the least
      expect(created.header).toBe(created.wire);
      const id = (await t.sql<{ id: number }>('SELECT max(id) AS id FROM support_tickets'))[0].id;
      const detail = await measure(() => counted.get(`/v1/tickets/${id}`, { token: admin }), 200);
      expect(detail.wire).toBeGreaterThanOrEqual(2);
      expect(detail.header).toBe(detail.wire);
      const list = await measure(() => counted.get('/v1/tickets?page=1&page_size=5', { token: admin }), 200);
      expect(list.header).toBe(list.wire);
      const missing = await measure(() => counted.get('/v1/tickets/2147483647', { token: admin }), 404);
      expect(missing.header).toBe(missing.wire);
    } finally {
      await counted.stop();
      await proxy.close();
    }
  });

  it('is off by default: no header', async () => {
    const plain = await TestServer.start(UNLIMITED);
    try {
      const res = await plain.get('/api/health');
      expect(res.status).toBe(200);
      expect(res.headers.get('x-db-statements')).toBeNull();
    } finally {
      await plain.close();
    }
  });
});
