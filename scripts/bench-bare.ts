/**
 * The bare baseline of `npm run bench`: Fastify + pg, no Nest, no TypeORM, answering
 * GET /v1/tickets/:id and GET /api/v1/tickets/:id/ with the same JWT check as the server (HS256
 * verified with the server's secret as a KeyObject, then the user read afresh: a disabled user
 * stops at once) and the statements the server's detail paths send, as plain parameterised SQL.
 * The benchmark starts it as a child process: BARE_DATABASE_URL, BARE_JWT_SECRET, BARE_PORT.
 */
import Fastify, { FastifyReply, FastifyRequest } from 'fastify';
import { verify } from 'jsonwebtoken';
import { createSecretKey } from 'node:crypto';
import { Pool, types } from 'pg';

types.setTypeParser(types.builtins.INT8, (value: string) => Number(value));

const pool = new Pool({ connectionString: process.env.BARE_DATABASE_URL, max: Number(process.env.BARE_POOL_SIZE ?? 10) });
const key = createSecretKey(Buffer.from(process.env.BARE_JWT_SECRET ?? '', 'utf8'));

// The statements of the server's support detail today (auth user, ticket, its people, comment count).
const USER_SQL = 'SELECT id, email, name, roles, disabled FROM users WHERE id = $1 LIMIT 1';
const SUPPORT_TICKET_SQL = `SELECT id, number, title, description, category, priority, status, creator_id, assignee_id, tags, metadata,
  sla_due_time, response_time, resolved_time, closed_at, created_at, updated_at FROM support_tickets WHERE id = $1`;
const PEOPLE_SQL = 'SELECT id, name, email FROM users WHERE id = ANY($1::int[])';
const COMMENT_COUNT_SQL = 'SELECT count(1)::int AS cnt FROM support_comments WHERE ticket_id = $1';
// A workflow detail in the statements it needs: the ticket with its inventory item, and its people.
const WORKFLOW_TICKET_SQL = `SELECT t.*, i.serial_number, i.status AS item_status FROM workflow_tickets t
  JOIN inventory_items i ON i.id = t.inventory_item_id WHERE t.id = $1`;

interface Caller {
  id: number;
  roles: string[];
}

/** HS256 verify, then the user read afresh; null answers 401. */
async function authenticate(request: FastifyRequest): Promise<Caller | null> {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  let sub: number;
  try {
    const claims = verify(header.slice(7), key, { algorithms: ['HS256'] }) as { sub?: string; typ?: string };
    sub = Number(claims.sub);
  } catch {
    return null;
  }
  const { rows } = await pool.query(USER_SQL, [sub]);
  const user = rows[0];
  return user && !user.disabled ? { id: user.id, roles: user.roles } : null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const app = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true } });

app.get('/v1/tickets/:id', async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
  const caller = await authenticate(request);
  if (!caller) return reply.code(401).send({ success: false, message: 'Unauthorized', error_code: 'UNAUTHORIZED', details: null });
  const id = Number(request.params.id);
  const { rows } = await pool.query(SUPPORT_TICKET_SQL, [id]);
  const t = rows[0];
  const visible = t && (caller.roles.includes('admin') || t.creator_id === caller.id || t.assignee_id === caller.id);
  if (!visible) return reply.code(404).send({ success: false, message: 'Ticket not found', error_code: 'TICKET_NOT_FOUND', details: null });
  const people = (await pool.query(PEOPLE_SQL, [[t.creator_id, t.assignee_id].filter((x) => x !== null)])).rows;
  const person = (uid: number | null) => people.find((p) => p.id === uid) ?? null;
  const { cnt } = (await pool.query(COMMENT_COUNT_SQL, [id])).rows[0];
  return {
    success: true,
    message: 'Success',
    data: {
      ticket_id: t.id,
      ticket_number: t.number,
      title: t.title,
      description: t.description,
      category: t.category,
      priority: t.priority,
      status: t.status,
      creator: person(t.creator_id),
      assignee: person(t.assignee_id),
      tags: t.tags,
      metadata: t.metadata,
      sla_due_time: iso(t.sla_due_time),
      response_time: iso(t.response_time),
      resolved_time: iso(t.resolved_time),
      is_overdue: t.sla_due_time < new Date() && !['resolved', 'closed'].includes(t.status),
      comment_count: cnt,
      created_at: iso(t.created_at),
      updated_at: iso(t.updated_at),
    },
  };
});

app.get('/api/v1/tickets/:id', async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
  const caller = await authenticate(request);
  if (!caller) return reply.code(401).send({ detail: 'Authentication credentials were not provided.' });
  const { rows } = await pool.query(WORKFLOW_TICKET_SQL, [Number(request.params.id)]);
  const t = rows[0];
  if (!t) return reply.code(404).send({ detail: 'Not found.' });
  const people = (await pool.query(PEOPLE_SQL, [[t.master_id, t.technician_id].filter((x) => x !== null)])).rows;
  const name = (uid: number | null) => people.find((p) => p.id === uid)?.name ?? null;
  return {
    id: t.id,
    status: t.status,
    title: t.title,
    inventory_item: { id: t.inventory_item_id, serial_number: t.serial_number, status: t.item_status },
    master: t.master_id,
    master_name: name(t.master_id),
    technician: t.technician_id,
    technician_name: name(t.technician_id),
    part_specs: t.part_specs,
    total_duration: t.total_duration,
    flag_color: t.flag_color,
    xp_amount: t.xp_amount,
    is_manual: t.is_manual,
    approved_at: iso(t.approved_at),
    assigned_at: iso(t.assigned_at),
    started_at: iso(t.started_at),
    done_at: iso(t.done_at),
    created_at: iso(t.created_at),
    updated_at: iso(t.updated_at),
  };
});

app.listen({ port: Number(process.env.BARE_PORT), host: '127.0.0.1' }).then(
  () => process.send?.('ready'),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
process.on('SIGTERM', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));
