/**
 * The bare baseline of `npm run bench`: Fastify + pg, no Nest, no TypeORM, answering
 * GET /v1/tickets/:id and GET /api/v1/tickets/:id/ with the same JWT check as the server (HS256
 * verified with the server's secret as a KeyObject, then the user read afresh: a disabled user
 * stops at once) and the very statements the server's detail paths send (imported from its
 * repositories, sent by name as the server sends them), mapped to the wire shape by hand.
 * The benchmark starts it as a child process: BARE_DATABASE_URL, BARE_JWT_SECRET, BARE_PORT.
 */
import Fastify, { FastifyReply, FastifyRequest } from 'fastify';
import { verify } from 'jsonwebtoken';
import { createSecretKey } from 'node:crypto';
import { Pool, types } from 'pg';
import type { NamedStatement } from '../src/database/db';
import { AUTH_ROW } from '../src/identity/users.repository';
import { DETAIL_BY_TIER } from '../src/support-tickets/support-tickets.repository';
import { supportTier } from '../src/support-tickets/ticket-rules';
import { LATEST_SESSIONS } from '../src/work-session/work-sessions.repository';
import { READ_ONE } from '../src/workflow/workflow-tickets.repository';

types.setTypeParser(types.builtins.INT8, (value: string) => Number(value));

const pool = new Pool({ connectionString: process.env.BARE_DATABASE_URL, max: Number(process.env.BARE_POOL_SIZE ?? 10) });
const key = createSecretKey(Buffer.from(process.env.BARE_JWT_SECRET ?? '', 'utf8'));

async function rows(statement: NamedStatement, values: unknown[]): Promise<any[]> {
  return (await pool.query({ name: statement.name, text: statement.text, values })).rows;
}

interface Caller {
  id: number;
  roles: Parameters<typeof supportTier>[0];
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
  const [user] = await rows(AUTH_ROW, [sub]);
  return user && !user.disabled ? { id: user.id, roles: user.roles } : null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const app = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true } });

app.get('/v1/tickets/:id', async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
  const caller = await authenticate(request);
  if (!caller) return reply.code(401).send({ success: false, message: 'Unauthorized', error_code: 'UNAUTHORIZED', details: null });
  const id = Number(request.params.id);
  const [t] = await rows(DETAIL_BY_TIER[supportTier(caller.roles)], [id, caller.id, supportTier(caller.roles) !== 'user']);
  if (!t) return reply.code(404).send({ success: false, message: 'Ticket not found', error_code: 'TICKET_NOT_FOUND', details: null });
  const person = (prefix: 'creator' | 'assignee', uid: number | null) => (uid === null ? null : { id: uid, name: t[`${prefix}_name`], email: t[`${prefix}_email`] });
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
      creator: person('creator', t.creatorId),
      assignee: person('assignee', t.assigneeId),
      tags: t.tags,
      metadata: t.metadata,
      sla_due_time: iso(t.slaDueTime),
      response_time: iso(t.responseTime),
      resolved_time: iso(t.resolvedTime),
      is_overdue: t.slaDueTime < new Date() && !['resolved', 'closed'].includes(t.status),
      comment_count: t.comments_count,
      created_at: iso(t.createdAt),
      updated_at: iso(t.updatedAt),
    },
  };
});

app.get('/api/v1/tickets/:id', async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
  const caller = await authenticate(request);
  if (!caller) return reply.code(401).send({ detail: 'Authentication credentials were not provided.' });
  const [t] = await rows(READ_ONE, [Number(request.params.id)]);
  if (!t) return reply.code(404).send({ detail: 'Not found.' });
  const [session] = await rows(LATEST_SESSIONS, [[t.id], new Date(Date.now() - 2 * 86_400_000)]);
  return {
    id: t.id,
    status: t.status,
    title: t.title,
    inventory_item: { id: t.item_id, serial_number: t.item_serial_number, status: t.item_status },
    master: t.master_id,
    master_name: t.master_name,
    technician: t.technician_id,
    technician_name: t.technician_name,
    part_specs: t.part_specs,
    total_duration: t.total_duration,
    flag_color: t.flag_color,
    xp_amount: t.xp_amount,
    is_manual: t.is_manual,
    approved_by: t.approved_by,
    approved_by_name: t.approver_name,
    approved_at: iso(t.approved_at),
    assigned_at: iso(t.assigned_at),
    started_at: iso(t.started_at),
    done_at: iso(t.done_at),
    created_at: iso(t.created_at),
    updated_at: iso(t.updated_at),
    current_session: session ? { id: session.id, events: (session.events ?? []).length } : null,
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
