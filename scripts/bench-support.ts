/**
 * Support API benchmark: seeds BENCH_TICKETS tickets (default 100,000) with SQL, starts the built
 * server on a fresh PostgreSQL database and measures requests/s and p50/p99 latency with
 * autocannon for lists (three filter mixes), detail, create and stats.
 *
 *   npm run bench:support    (BENCH_DATABASE_URL, BENCH_TICKETS, BENCH_SECONDS=10, BENCH_CONNECTIONS=20)
 */
import './bench-env';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { TestServer } from '../test/support/test-server';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

interface Scenario {
  name: string;
  token: string;
  method?: 'GET' | 'POST';
  path: () => string;
  body?: string;
}

async function seed(db: Client, userIds: number[], agentIds: number[]): Promise<void> {
  await db.query(
    `INSERT INTO support_tickets (number, title, description, category, priority, status, creator_id, assignee_id, tags, sla_due_time, created_at, updated_at)
     SELECT 'B-' || n,
            (ARRAY['无法登录账号', '账单问题', 'Cannot reset password', '发票金额不对', 'Feature request: dark mode', '页面加载很慢'])[1 + n % 6] || ' #' || n,
            (ARRAY['我尝试使用正确的密码登录，但系统提示密码错误。', 'The invoice total is wrong for October.', '从今天上午开始无法访问服务', 'Please add an export button.'])[1 + n % 4],
            (ARRAY['technical', 'account', 'billing', 'feature', 'complaint', 'other'])[1 + n % 6],
            (ARRAY['low', 'medium', 'high', 'urgent'])[1 + (n / 7)::int % 4],
            (ARRAY['new', 'open', 'in_progress', 'pending', 'resolved', 'closed', 'reopened'])[1 + (n / 3)::int % 7],
            ($1::int[])[1 + n % array_length($1::int[], 1)],
            CASE WHEN n % 3 = 0 THEN NULL ELSE ($2::int[])[1 + n % array_length($2::int[], 1)] END,
            CASE WHEN n % 5 = 0 THEN ARRAY['login', 'vip'] WHEN n % 2 = 0 THEN ARRAY['login'] ELSE ARRAY[]::text[] END,
            now() - (n % 90) * interval '1 day' + interval '24 hours',
            now() - (n % 90) * interval '1 day' - (n % 1440) * interval '1 minute',
            now() - (n % 90) * interval '1 day'
       FROM generate_series(1, $3::int) n`,
    [userIds, agentIds, TICKETS],
  );
  // As autovacuum would have on a table this old: statistics, and a visibility map for index-only counts.
  await db.query('VACUUM ANALYZE support_tickets');
}

function run(baseUrl: string, s: Scenario): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: [
          {
            method: s.method ?? 'GET',
            setupRequest: (req: any) => ({
              ...req,
              path: s.path(),
              headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
              body: s.body,
            }),
          },
        ],
      },
      (err: Error | null, result: autocannon.Result) => (err ? reject(err) : resolve(result)),
    );
    void instance;
  });
}

async function main(): Promise<void> {
  const server = await TestServer.start({
    LOG_LEVEL: 'error',
    DB_POOL_SIZE: '20',
    SLA_SCAN_INTERVAL_MS: '0',
    RATE_LIMIT_USER_PER_MINUTE: '100000000',
    RATE_LIMIT_AGENT_PER_MINUTE: '100000000',
    JWT_EXPIRES_IN: '1h',
  });
  const db = new Client({ connectionString: server.env.DATABASE_URL });
  await db.connect();
  try {
    const admin = await server.adminToken();
    const users = await Promise.all(Array.from({ length: 20 }, () => server.userWithToken(['user'])));
    const agents = await Promise.all(Array.from({ length: 5 }, () => server.userWithToken(['agent'])));
    const seeded = Date.now();
    await seed(db, users.map((u) => u.user.id), agents.map((a) => a.user.id));
    console.log(`seeded ${TICKETS} tickets in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);

    const randomId = () => 1 + Math.floor(Math.random() * TICKETS);
    const createBody = JSON.stringify({ title: '无法登录账号', description: '我尝试使用正确的密码登录。', category: 'technical', priority: 'high', tags: ['login'] });
    const scenarios: Scenario[] = [
      { name: 'list: admin, newest first', token: admin, path: () => `/v1/tickets?page=${1 + Math.floor(Math.random() * 5)}&page_size=20` },
      { name: 'list: agent, status+priority, by SLA', token: agents[0].token, path: () => '/v1/tickets?status=in_progress&priority=high&sort_by=sla_due_time&sort_order=asc' },
      { name: 'list: user, search 登录 + tag', token: users[0].token, path: () => `/v1/tickets?search=${encodeURIComponent('登录')}&tags=login` },
      { name: 'detail (admin, random id)', token: admin, path: () => `/v1/tickets/${randomId()}` },
      { name: 'create (user)', token: users[1].token, method: 'POST', path: () => '/v1/tickets', body: createBody },
      { name: 'stats (admin, all tickets)', token: admin, path: () => '/v1/tickets/stats' },
    ];
    const rows: string[] = [];
    for (const s of scenarios) {
      const r = await run(server.baseUrl, s);
      rows.push(
        `| ${s.name.padEnd(40)} | ${r.requests.average.toFixed(0).padStart(7)} | ${String(r.latency.p50).padStart(6)} | ${String(r.latency.p99).padStart(6)} | ${String(r.non2xx).padStart(5)} |`,
      );
    }
    console.log(`\nSupport API, ${TICKETS} tickets, ${CONNECTIONS} connections, ${SECONDS} s each (PostgreSQL ${process.env.TEST_DATABASE_URL})`);
    console.log('| scenario                                 |   req/s | p50 ms | p99 ms | non-2xx |');
    console.log('|------------------------------------------|---------|--------|--------|---------|');
    for (const row of rows) console.log(row);
  } finally {
    await db.end();
    await server.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
