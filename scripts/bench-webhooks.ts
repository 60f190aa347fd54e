/**
 * Webhook delivery benchmark: throughput (events/s to a local receiver) and end-to-end latency
 * from commit to receipt (p50/p99). Starts the built server on a fresh PostgreSQL database.
 *
 *   npm run bench:webhooks    (BENCH_DATABASE_URL, BENCH_BURST=5000, BENCH_PACED=1000, BENCH_RATE=100)
 */
import './bench-env';
import { Client } from 'pg';
import { TestServer } from '../test/support/test-server';
import { WebhookReceiver } from '../test/support/webhook-receiver';

const BURST = Number(process.env.BENCH_BURST ?? 5000);
const PACED = Number(process.env.BENCH_PACED ?? 1000);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const API_EVENTS = Number(process.env.BENCH_API_EVENTS ?? 200);

/** Passes these variables on to the server when they are set. */
function pick(...names: string[]): Record<string, string> {
  return Object.fromEntries(names.filter((n) => process.env[n]).map((n) => [n, process.env[n]!]));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const receiver = await WebhookReceiver.start();
  const server = await TestServer.start({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', LOG_LEVEL: 'error', DB_POOL_SIZE: '10', RATE_LIMIT_USER_PER_MINUTE: '1000000', SLA_SCAN_INTERVAL_MS: '0', ...pick('WEBHOOK_CONCURRENCY', 'WEBHOOK_POLL_INTERVAL_MS') });
  const db = new Client({ connectionString: server.env.DATABASE_URL });
  await db.connect();
  try {
    const admin = await server.adminToken();
    await server.post('/v1/webhooks', { url: receiver.url, events: ['bench.event', 'ticket.created'] }, { token: admin });

    // Throughput: a burst committed at once, drained by the dispatcher.
    const start = Date.now();
    await db.query(
      `INSERT INTO outbox_events (event_type, aggregate_type, aggregate_id, payload)
       SELECT 'bench.event', 'bench', n::text, json_build_object('n', n) FROM generate_series(1, $1::int) n`,
      [BURST],
    );
    await receiver.waitFor((r) => r.length >= BURST, 600_000, 'burst');
    const seconds = (Date.now() - start) / 1000;

    // Latency: events committed one by one at a steady rate; commit → receipt per event.
    receiver.received.length = 0;
    const committedAt = new Map<number, number>();
    for (let i = 0; i < PACED; i++) {
      await db.query(`INSERT INTO outbox_events (event_type, aggregate_type, aggregate_id, payload) VALUES ('bench.event', 'bench', $1::text, json_build_object('p', $2::int))`, [String(i), i]);
      committedAt.set(i, Date.now());
      await new Promise((r) => setTimeout(r, 1000 / RATE));
    }
    await receiver.waitFor((r) => r.length >= PACED, 120_000, 'paced');
    const latencies = receiver.received.map((r) => r.receivedAt - committedAt.get(r.json.data.p)!).sort((a, b) => a - b);

    // Latency of events committed by this instance through the API (ticket.created): the commit wakes the dispatcher.
    receiver.received.length = 0;
    const user = await server.userWithToken(['user']);
    const answeredAt = new Map<number, number>();
    for (let i = 0; i < API_EVENTS; i++) {
      const res = await server.post('/v1/tickets', { title: `bench ${i}`, description: 'd', category: 'other', priority: 'low' }, { token: user.token });
      answeredAt.set(res.body.data.ticket_id, Date.now());
      await new Promise((r) => setTimeout(r, 1000 / RATE));
    }
    await receiver.waitFor((r) => r.length >= API_EVENTS, 120_000, 'api');
    const apiLatencies = receiver.received.map((r) => r.receivedAt - answeredAt.get(r.json.data.ticket_id)!).sort((a, b) => a - b);

    console.log(`\nWebhook delivery (${BURST} burst, ${PACED} paced at ${RATE}/s, one local receiver)`);
    console.log(`  throughput: ${(BURST / seconds).toFixed(0)} events/s (${BURST} in ${seconds.toFixed(2)} s)`);
    console.log(`  commit (SQL, another instance's) → receipt: p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, max ${latencies[latencies.length - 1]} ms`);
    console.log(`  API response (this instance's commit) → receipt: p50 ${percentile(apiLatencies, 50)} ms, p99 ${percentile(apiLatencies, 99)} ms (${API_EVENTS} tickets)`);
  } finally {
    await db.end();
    await server.close();
    await receiver.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
