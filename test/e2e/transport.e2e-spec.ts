import { connect } from 'node:net';
import { TestServer } from '../support/test-server';

/** What a client on a raw socket sees: the status line, the body, and how long until the server closed. */
function rawExchange(port: number, chunks: string[], giveUpMs: number): Promise<{ statusLine: string; body: string; closedAfterMs: number | null }> {
  return new Promise((resolve) => {
    const started = Date.now();
    let data = '';
    const socket = connect(port, '127.0.0.1', () => chunks.forEach((c) => socket.write(c)));
    const giveUp = setTimeout(() => {
      socket.destroy();
      resolve({ statusLine: data.split('\r\n')[0], body: data.slice(data.indexOf('\r\n\r\n') + 4), closedAfterMs: null });
    }, giveUpMs);
    socket.on('data', (d) => (data += d));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ statusLine: data.split('\r\n')[0], body: data.slice(data.indexOf('\r\n\r\n') + 4), closedAfterMs: Date.now() - started });
    });
  });
}

describe('transport: slow clients are cut off, others are served', () => {
  let t: TestServer;
  let port: number;

  beforeAll(async () => {
    t = await TestServer.start({ HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000' });
    port = Number(new URL(t.baseUrl).port);
  });
  afterAll(() => t.close());

  it('closes a connection whose headers never finish, and one whose body never finishes, with 408 in the surface format', async () => {
    const slowHeaders = rawExchange(port, ['GET /v1/tickets HTTP/1.1\r\nHost: x\r\n'], 8000);
    const slowBody = rawExchange(port, ['POST /v1/tickets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"ti'], 8000);
    // Meanwhile an ordinary client is served at once.
    const started = Date.now();
    expect((await t.get('/api/health')).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);

    const [headers, body] = await Promise.all([slowHeaders, slowBody]);
    expect(headers.closedAfterMs).not.toBeNull();
    expect(headers.closedAfterMs!).toBeLessThan(5000);
    expect(headers.statusLine).toBe('HTTP/1.1 408 Request Timeout');
    expect(body.closedAfterMs).not.toBeNull();
    expect(body.closedAfterMs!).toBeLessThan(6000);
    expect(body.statusLine).toBe('HTTP/1.1 408 Request Timeout');
    expect(JSON.parse(body.body)).toMatchObject({ success: false, error_code: 'REQUEST_TIMEOUT' });
  });
});

describe('transport: the /v1 rate-limit tier follows the current roles', () => {
  it('limits a demoted admin at once, with the token issued while they were admin', async () => {
    const t = await TestServer.start({ RATE_LIMIT_USER_PER_MINUTE: '5' });
    try {
      const admin = await t.adminToken();
      const other = await t.userWithToken(['admin']);
      const unlimited = await t.get('/v1/tickets', { token: other.token });
      expect(unlimited.status).toBe(200);
      expect(unlimited.headers.get('x-ratelimit-limit')).toBe('unlimited');

      expect((await t.patch(`/api/admin/users/${other.user.id}`, { roles: ['user'] }, { token: admin })).status).toBe(200);
      const limited = await t.get('/v1/tickets', { token: other.token });
      expect(limited.status).toBe(200);
      expect(limited.headers.get('x-ratelimit-limit')).toBe('5');
    } finally {
      await t.close();
    }
  });
});
