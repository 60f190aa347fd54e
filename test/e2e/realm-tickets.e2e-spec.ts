import { dictNode, fileNode, initBlake3, popFor, VECTORS } from '../support/cas-nodes';
import { withPostgres } from '../support/fixtures';
import { expectError, Realm } from '../support/realm';
import { HttpResult, TestServer } from '../support/test-server';
import { WebhookReceiver } from '../support/webhook-receiver';

/*
 * Seed 000, realm tickets, on seed 002's delegates, end to end over HTTP: a ticket is a task
 * with its own leaf delegate (its token reads and writes in the ticket's scope, can neither
 * delegate nor create tickets, and dies when the ticket is submitted). Every response is also
 * checked against /docs-json.
 */

const TICKET = /^ticket:[0-9A-HJKMNP-TV-Z]{26}$/;
const DLT = /^dlt_[0-9A-HJKMNP-TV-Z]{26}$/;
const EMPTY = VECTORS.emptyDictKey;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Seed 000 writes node keys `node:…`: the same 26 characters. */
const nodeAlias = (key: string) => `node:${key.slice('nod_'.length)}`;

interface Ticket {
  ticketId: string;
  /** The ticket's access token. */
  at: string;
  accessTokenId: string;
  expiresAt: number;
  body: Record<string, any>;
}

/** A realm with the ticket routes. */
class TicketRealm extends Realm {
  async ticket(token: string, body: Record<string, unknown> = {}): Promise<Ticket> {
    const res = await this.post('/tickets', { title: 'a task', ...body }, token);
    if (res.status !== 201) throw new Error(`ticket creation failed: ${res.status} ${res.text}`);
    return { ticketId: res.body.ticketId, at: res.body.accessTokenBase64, accessTokenId: res.body.accessTokenId, expiresAt: res.body.expiresAt, body: res.body };
  }

  submit(ticketId: string, root: string, token: string): Promise<HttpResult> {
    return this.post(`/tickets/${ticketId}/submit`, { root }, token);
  }

  /** Every page of GET …/tickets, following nextCursor. */
  async listAll(token: string, query: string, pages: HttpResult[] = []): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await this.get(`/tickets?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
      expect(res.status).toBe(200);
      pages.push(res);
      ids.push(...res.body.tickets.map((ticket: { ticketId: string }) => ticket.ticketId));
      cursor = res.body.nextCursor;
    } while (cursor);
    return ids;
  }
}

let t: TestServer;
let receiver: WebhookReceiver;

beforeAll(async () => {
  await initBlake3();
  receiver = await WebhookReceiver.start();
  t = await TestServer.start({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_POLL_INTERVAL_MS: '50' });
  const hook = await t.post('/v1/webhooks', { url: receiver.url, events: ['realm_ticket.submitted'] }, { token: await t.adminToken() });
  if (hook.status !== 201) throw new Error(`webhook subscription failed: ${hook.status} ${hook.text}`);
});

afterAll(async () => {
  await t?.close();
  await receiver?.close();
});

/**
 * A realm whose root stored `scopeRoot = {0-other: other, 1-input: input}`, and an agent (a
 * child of the root, depth 1, canUpload) scoped to it: `.:0:1` is the input.
 */
async function agentRealm(agentBody: Record<string, unknown> = {}) {
  const realm = await TicketRealm.of(t);
  const input = fileNode(`input image ${Math.random()}`, 'image/png');
  const other = fileNode(`not for the tool ${Math.random()}`);
  const scopeRoot = dictNode({ '0-other': other, '1-input': input });
  await realm.store(realm.jwt, input, other, scopeRoot);
  const agent = await realm.delegate({ name: 'agent', canUpload: true, scope: [scopeRoot.key], ...agentBody });
  return { realm, agent, input, other, scopeRoot };
}

describe("realm tickets: seed 000's complete example", () => {
  it('agent creates a ticket, the tool reads its input and uploads a result, submits; its token is dead; the agent sees the result', async () => {
    const { realm, agent, input, other } = await agentRealm();

    // 1. The agent creates the ticket with its delegate's token.
    const before = Date.now();
    const created = await realm.post('/tickets', { title: 'Generate thumbnail for uploaded image', expiresIn: 3600, canUpload: true, scope: ['.:0:1'] }, agent.at);
    expect(created.status).toBe(201);
    expect(Object.keys(created.body).sort()).toEqual(['accessTokenBase64', 'accessTokenId', 'expiresAt', 'status', 'ticketId', 'title']);
    expect(created.body).toMatchObject({ title: 'Generate thumbnail for uploaded image', status: 'pending' });
    expect(created.body.ticketId).toMatch(TICKET);
    expect(created.body.accessTokenId).toMatch(DLT);
    expect(created.body.expiresAt).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(created.body.expiresAt).toBeLessThanOrEqual(Date.now() + 3_600_000);
    const token = Buffer.from(created.body.accessTokenBase64, 'base64');
    expect(token).toHaveLength(32);
    expect(token.readBigUInt64LE(16)).toBe(BigInt(created.body.expiresAt)); // valid as long as the ticket
    const { ticketId, accessTokenBase64: tool, accessTokenId } = created.body;

    // The ticket's delegate: a child of the agent, one level deeper, scoped to the input, no depot management.
    const delegate = await realm.get(`/delegates/${accessTokenId}`, agent.at);
    expect(delegate.status).toBe(200);
    expect(delegate.body).toMatchObject({
      delegateId: accessTokenId,
      parentId: agent.id,
      depth: 2,
      canUpload: true,
      canManageDepot: false,
      scope: [input.key],
      expiresAt: created.body.expiresAt,
      isRevoked: false,
    });

    // 2. The tool reads its input by index path 0 (its scope root); nothing else of the agent's scope.
    const read = await realm.get(`/nodes/${input.key}`, tool, { 'X-CAS-Index-Path': '0' });
    expect(read.status).toBe(200);
    expect(new Uint8Array(read.bytes)).toEqual(input.bytes);
    expectError(await realm.get(`/nodes/${other.key}`, tool, { 'X-CAS-Index-Path': '0' }), 403, 'NODE_NOT_IN_SCOPE');

    // 3. The tool uploads its result.
    const result = fileNode(`thumbnail ${Math.random()}`, 'image/png');
    const put = await realm.put(result, tool);
    expect(put.status).toBe(200);
    expect(put.body.status).toBe('created');

    const pending = await realm.get(`/tickets/${ticketId}`, tool);
    expect(pending.status).toBe(200);
    expect(pending.body).toEqual({
      ticketId,
      title: 'Generate thumbnail for uploaded image',
      status: 'pending',
      root: null,
      accessTokenId,
      creatorTokenId: agent.id,
      createdAt: expect.any(Number),
      expiresAt: created.body.expiresAt,
    });
    expect(pending.body.createdAt).toBeGreaterThanOrEqual(before - 1000);

    // 4. The tool submits, naming the root as seed 000 writes it; the answer says nod_.
    const submitted = await realm.submit(ticketId, nodeAlias(result.key), tool);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toEqual({ success: true, status: 'submitted', root: result.key });

    // Its token is dead for every route.
    expectError(await realm.get(`/tickets/${ticketId}`, tool), 401, 'TOKEN_REVOKED');
    expectError(await realm.get(`/nodes/${input.key}`, tool, { 'X-CAS-Index-Path': '0' }), 401, 'TOKEN_REVOKED');
    expectError(await realm.put(fileNode('too late'), tool), 401, 'TOKEN_REVOKED');
    expect((await realm.get(`/delegates/${accessTokenId}`, agent.at)).body).toMatchObject({ isRevoked: true, revokedBy: accessTokenId });

    // 5. The agent sees the result, and may read the node its ticket's token stored.
    const done = await realm.get(`/tickets/${ticketId}`, agent.at);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ ...pending.body, status: 'submitted', root: result.key, submittedAt: expect.any(Number) });
    expect(done.body.submittedAt).toBeGreaterThanOrEqual(pending.body.createdAt);
    expect(done.body.submittedAt).toBeLessThanOrEqual(Date.now());
    const output = await realm.get(`/nodes/${result.key}`, agent.at);
    expect(output.status).toBe(200);
    expect(new Uint8Array(output.bytes)).toEqual(result.bytes);

    // The submission went out through the outbox as realm_ticket.submitted.
    const ofTicket = () => receiver.ofEvent('realm_ticket.submitted').filter((r) => r.json?.data?.ticketId === ticketId);
    await receiver.waitFor(() => ofTicket().length === 1, 15_000, 'realm_ticket.submitted');
    expect(ofTicket()[0].json).toEqual({
      event: 'realm_ticket.submitted',
      timestamp: expect.any(String),
      data: { ...done.body, realm: realm.id, submittedBy: accessTokenId },
    });
  });

  withPostgres('writes one outbox row per submission, in the transaction of the submit (a refused second submit adds none)', async () => {
    const { realm, agent } = await agentRealm();
    const ticket = await realm.ticket(agent.at, { canUpload: true });
    const result = fileNode(`outbox ${Math.random()}`);
    await realm.store(ticket.at, result);
    const rows = () => t.sql(`SELECT event_type, aggregate_type, payload FROM outbox_events WHERE aggregate_id = $1`, [ticket.ticketId]);
    expect(await rows()).toEqual([]);
    expect((await realm.submit(ticket.ticketId, result.key, ticket.at)).status).toBe(200);
    expectError(await realm.submit(ticket.ticketId, result.key, agent.at), 409, 'CONFLICT');
    const written = await rows();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ event_type: 'realm_ticket.submitted', aggregate_type: 'realm_ticket' });
    expect(written[0].payload).toMatchObject({ ticketId: ticket.ticketId, status: 'submitted', root: result.key, realm: realm.id, creatorTokenId: agent.id });
  });
});

describe('realm tickets: creation', () => {
  it('answers 403 DELEGATE_TOKEN_REQUIRED when a ticket token creates a ticket or a delegate; it has no refresh token', async () => {
    const { realm, agent } = await agentRealm();
    const ticket = await realm.ticket(agent.at, { canUpload: true });
    expect(ticket.body).not.toHaveProperty('refreshToken');
    expectError(await realm.post('/tickets', { title: 'nested' }, ticket.at), 403, 'DELEGATE_TOKEN_REQUIRED');
    expectError(await realm.post('/delegates', {}, ticket.at), 403, 'DELEGATE_TOKEN_REQUIRED');
    // Refused before any other rule: even a request the agent itself could not make.
    expectError(await realm.post('/delegates', { canManageDepot: true }, ticket.at), 403, 'DELEGATE_TOKEN_REQUIRED');
    // Nothing was created under the ticket's delegate.
    const children = await realm.get('/delegates', ticket.at);
    expect(children.status).toBe(200);
    expect(children.body.delegates).toEqual([]);
    // The agent itself still may do both.
    expect((await realm.post('/delegates', {}, agent.at)).status).toBe(201);
    expect((await realm.post('/tickets', { title: 'sibling' }, agent.at)).status).toBe(201);
    // A leaf cannot manage depots either.
    expectError(await realm.post('/depots', {}, ticket.at), 403, 'DEPOT_MANAGE_NOT_ALLOWED');
  });

  it('scopes the ticket within the creator (400 INVALID_SCOPE otherwise), defaulting to its whole scope', async () => {
    const { realm, agent, scopeRoot, input, other } = await agentRealm();
    for (const scope of [['.:0:2'], ['.:1'], ['.:0:1:0'], ['1:0']]) {
      expectError(await realm.post('/tickets', { title: 'out of scope', scope }, agent.at), 400, 'INVALID_SCOPE');
    }
    // A node the agent neither has as a root nor owns.
    const elsewhere = fileNode(`elsewhere ${Math.random()}`);
    await realm.store(realm.jwt, elsewhere);
    expectError(await realm.post('/tickets', { title: 'not reachable', scope: [elsewhere.key] }, agent.at), 400, 'INVALID_SCOPE');
    // The root delegate has no scope roots: an index path leads nowhere from it.
    expectError(await realm.post('/tickets', { title: 'from the root', scope: ['.:0'] }), 400, 'INVALID_SCOPE');
    // Nothing was created by the refusals.
    expect((await realm.listAll(agent.at, 'limit=100'))).toEqual([]);

    const whole = await realm.ticket(agent.at);
    expect((await realm.get(`/delegates/${whole.accessTokenId}`, agent.at)).body.scope).toEqual([scopeRoot.key]);
    const both = await realm.ticket(agent.at, { scope: ['.:0:1', '0:0'] });
    expect((await realm.get(`/delegates/${both.accessTokenId}`, agent.at)).body.scope).toEqual([input.key, other.key]);
    expect((await realm.get(`/nodes/${other.key}`, both.at, { 'X-CAS-Index-Path': '1' })).status).toBe(200);
  });

  it('never grants more than the creator: canUpload (400 PERMISSION_ESCALATION), a lifetime (capped), depth (400 MAX_DEPTH_EXCEEDED)', async () => {
    const { realm, agent } = await agentRealm({ canUpload: false, expiresIn: 120 });
    expectError(await realm.post('/tickets', { title: 'upload', canUpload: true }, agent.at), 400, 'PERMISSION_ESCALATION');

    const reader = await realm.ticket(agent.at, { expiresIn: 86_400 });
    expect(reader.expiresAt).toBe(agent.view.expiresAt); // capped at the creator's expiry
    expect((await realm.get(`/delegates/${reader.accessTokenId}`, agent.at)).body).toMatchObject({ canUpload: false, expiresAt: agent.view.expiresAt });
    expectError(await realm.put(fileNode('reader upload'), reader.at), 403, 'UPLOAD_NOT_ALLOWED');
    const short = await realm.ticket(agent.at, { expiresIn: 30 });
    expect(short.expiresAt).toBeLessThan(agent.view.expiresAt);
    // Default lifetime: one hour (for a creator that does not expire).
    const before = Date.now();
    const byRoot = await realm.ticket(realm.jwt);
    expect(byRoot.expiresAt).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(byRoot.expiresAt).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect((await realm.get(`/delegates/${byRoot.accessTokenId}`)).body).toMatchObject({ depth: 1, canUpload: false, canManageDepot: false });

    let token = realm.jwt;
    for (let depth = 1; depth <= 14; depth++) token = (await realm.delegate({}, token)).at;
    const deepest = await realm.ticket(token);
    expect((await realm.get(`/delegates/${deepest.accessTokenId}`)).body.depth).toBe(15);
    token = (await realm.delegate({}, token)).at;
    expectError(await realm.post('/tickets', { title: 'too deep' }, token), 400, 'MAX_DEPTH_EXCEEDED');
  });

  it('validates the body: title 1–256 characters, expiresIn a positive integer, typed flags and scope (400 validation_error)', async () => {
    const { realm, agent } = await agentRealm();
    const longest = await realm.ticket(agent.at, { title: 'x'.repeat(256) });
    expect(longest.body.title).toHaveLength(256);
    const bodies: Array<[Record<string, unknown>, string]> = [
      [{ title: '' }, 'title'],
      [{ title: 'x'.repeat(257) }, 'title'],
      [{}, 'title'],
      [{ title: 7 }, 'title'],
      [{ title: 'ok', expiresIn: 0 }, 'expiresIn'],
      [{ title: 'ok', expiresIn: -60 }, 'expiresIn'],
      [{ title: 'ok', expiresIn: 1.5 }, 'expiresIn'],
      [{ title: 'ok', expiresIn: '60' }, 'expiresIn'],
      [{ title: 'ok', expiresIn: null }, 'expiresIn'],
      [{ title: 'ok', canUpload: 'yes' }, 'canUpload'],
      [{ title: 'ok', scope: [] }, 'scope'],
      [{ title: 'ok', scope: ['abc'] }, 'scope'],
      [{ title: 'ok', scope: '.:0:1' }, 'scope'],
      [{ title: 'ok', owner: 'me' }, 'owner'],
    ];
    for (const [body, field] of bodies) {
      const res = await realm.post('/tickets', body, agent.at);
      expectError(res, 400, 'validation_error');
      expect(Object.keys(res.body.details)).toContain(field);
    }
    // Only the one valid ticket exists.
    expect(await realm.listAll(agent.at, 'limit=100')).toEqual([longest.ticketId]);
  });
});

describe('realm tickets: visibility', () => {
  it("shows the tickets of the caller's issuer chain and below: 404 NOT_FOUND for a sibling's, REALM_MISMATCH for another realm", async () => {
    const { realm, agent } = await agentRealm();
    const sibling = await realm.delegate({ name: 'sibling agent', canUpload: true });
    const mine = await realm.ticket(agent.at, { title: 'the agent’s' });
    const theirs = await realm.ticket(sibling.at, { title: 'the sibling’s' });
    const rootOwn = await realm.ticket(realm.jwt, { title: 'the root’s' });

    // The agent sees its own and the root's (its issuer), not its sibling's.
    expect((await realm.get(`/tickets/${mine.ticketId}`, agent.at)).status).toBe(200);
    expect((await realm.get(`/tickets/${rootOwn.ticketId}`, agent.at)).status).toBe(200);
    expectError(await realm.get(`/tickets/${theirs.ticketId}`, agent.at), 404, 'NOT_FOUND');
    expectError(await realm.submit(theirs.ticketId, EMPTY, agent.at), 404, 'NOT_FOUND');
    expect(new Set(await realm.listAll(agent.at, 'limit=100'))).toEqual(new Set([mine.ticketId, rootOwn.ticketId]));
    // The ticket's own token sees the same as its creator.
    expect(new Set(await realm.listAll(mine.at, 'limit=100'))).toEqual(new Set([mine.ticketId, rootOwn.ticketId]));
    expectError(await realm.get(`/tickets/${theirs.ticketId}`, mine.at), 404, 'NOT_FOUND');
    // Seed 000's view runs up the issuer chain; it also runs down: the user (root delegate) sees every ticket of its realm.
    expect(new Set(await realm.listAll(realm.jwt, 'limit=100'))).toEqual(new Set([mine.ticketId, theirs.ticketId, rootOwn.ticketId]));
    expect((await realm.get(`/tickets/${mine.ticketId}`)).status).toBe(200);

    // Another realm: its tokens are refused on this realm's path, and this realm's tickets are not in its own.
    const other = await TicketRealm.of(t);
    const otherAgent = await other.delegate({ canUpload: true });
    expectError(await realm.get(`/tickets/${mine.ticketId}`, other.jwt), 403, 'REALM_MISMATCH');
    expectError(await realm.get('/tickets', otherAgent.at), 403, 'REALM_MISMATCH');
    expectError(await realm.post('/tickets', { title: 'intruder' }, other.jwt), 403, 'REALM_MISMATCH');
    expectError(await realm.submit(mine.ticketId, EMPTY, otherAgent.at), 403, 'REALM_MISMATCH');
    expectError(await other.get(`/tickets/${rootOwn.ticketId}`), 404, 'NOT_FOUND');
    expectError(await other.get(`/tickets/${mine.ticketId}`, otherAgent.at), 404, 'NOT_FOUND');

    for (const id of ['ticket:nonsense', 'ticket:00000000000000000000000000', mine.ticketId.replace('ticket:', 'ticket_'), mine.ticketId.slice(7)]) {
      expectError(await realm.get(`/tickets/${encodeURIComponent(id)}`, agent.at), 404, 'NOT_FOUND');
    }
    expect((await realm.get(`/tickets/${encodeURIComponent(mine.ticketId)}`, agent.at)).body.ticketId).toBe(mine.ticketId);
  });

  it('lists newest first in cursor pages (nextCursor absent on the last page), filtered by status', async () => {
    const { realm, agent } = await agentRealm();
    const tickets: Ticket[] = [];
    for (let i = 0; i < 5; i++) tickets.push(await realm.ticket(agent.at, { title: `task ${i}`, canUpload: true }));
    for (const ticket of [tickets[1], tickets[3]]) expect((await realm.submit(ticket.ticketId, EMPTY, ticket.at)).status).toBe(200);
    const newestFirst = (list: Ticket[]) => list.map((ticket) => ticket.ticketId).sort().reverse();

    const pages: HttpResult[] = [];
    expect(await realm.listAll(agent.at, 'limit=2', pages)).toEqual(newestFirst(tickets));
    expect(pages.map((page) => page.body.tickets.length)).toEqual([2, 2, 1]);
    expect(pages.map((page) => page.body.hasMore)).toEqual([true, true, false]);
    expect(pages[2].body).not.toHaveProperty('nextCursor');
    expect(typeof pages[0].body.nextCursor).toBe('string');
    const first = pages[0].body.tickets[0];
    expect(Object.keys(first).sort()).toEqual(['createdAt', 'status', 'ticketId', 'title']);
    const newest = tickets.find((ticket) => ticket.ticketId === first.ticketId)!;
    expect(first).toEqual({ ticketId: newest.ticketId, title: newest.body.title, status: 'pending', createdAt: expect.any(Number) });

    const pendingPages: HttpResult[] = [];
    expect(await realm.listAll(agent.at, 'status=pending&limit=2', pendingPages)).toEqual(newestFirst([tickets[0], tickets[2], tickets[4]]));
    expect(pendingPages.flatMap((page) => page.body.tickets.map((ticket: { status: string }) => ticket.status))).toEqual(['pending', 'pending', 'pending']);
    expect(await realm.listAll(agent.at, 'status=submitted&limit=1')).toEqual(newestFirst([tickets[1], tickets[3]]));
    const all = await realm.get('/tickets', agent.at);
    expect(all.body.tickets).toHaveLength(5); // default limit 20
    expect(all.body.hasMore).toBe(false);

    // A cursor belongs to its list: another filter or caller cannot use it.
    expectError(await realm.get(`/tickets?status=submitted&cursor=${pendingPages[0].body.nextCursor}`, agent.at), 400, 'validation_error');
    expectError(await realm.get(`/tickets?status=pending&cursor=${pendingPages[0].body.nextCursor}`, realm.jwt), 400, 'validation_error');
    for (const query of ['status=done', 'limit=0', 'limit=101', 'limit=ten', 'cursor=forged', 'sort=asc']) {
      expectError(await realm.get(`/tickets?${query}`, agent.at), 400, 'validation_error');
    }
    expect((await realm.get('/tickets?limit=100', agent.at)).status).toBe(200);
  });
});

describe('realm tickets: submit', () => {
  it("lets the ticket's token or its issuer chain submit; another child of the creator that sees it gets 403 FORBIDDEN", async () => {
    const { realm, agent } = await agentRealm();
    const a = await realm.ticket(agent.at, { canUpload: true });
    const b = await realm.ticket(agent.at, { canUpload: true });
    const helper = await realm.delegate({ canUpload: true }, agent.at);
    const result = fileNode(`a's result ${Math.random()}`);
    await realm.store(a.at, result);

    expect((await realm.get(`/tickets/${a.ticketId}`, b.at)).status).toBe(200); // a sibling ticket's token sees it…
    expectError(await realm.submit(a.ticketId, result.key, b.at), 403, 'FORBIDDEN'); // …but may not submit it
    expect((await realm.get(`/tickets/${a.ticketId}`, helper.at)).status).toBe(200);
    expectError(await realm.submit(a.ticketId, result.key, helper.at), 403, 'FORBIDDEN');
    expect((await realm.get(`/tickets/${a.ticketId}`, agent.at)).body.status).toBe('pending');

    // The creator submits on the tool's behalf; the tool's token dies all the same.
    expect((await realm.submit(a.ticketId, result.key, agent.at)).body).toEqual({ success: true, status: 'submitted', root: result.key });
    expectError(await realm.get(`/tickets/${a.ticketId}`, a.at), 401, 'TOKEN_REVOKED');
    expect((await realm.get(`/tickets/${b.ticketId}`, b.at)).status).toBe(200); // the sibling ticket lives on
    // The user, above the creator, may submit too.
    const byUser = fileNode(`b's result ${Math.random()}`);
    await realm.store(b.at, byUser);
    expect((await realm.submit(b.ticketId, byUser.key, realm.jwt)).status).toBe(200);
    expectError(await realm.get(`/tickets/${b.ticketId}`, b.at), 401, 'TOKEN_REVOKED');
  });

  it('answers 409 CONFLICT to a second submit, and lets exactly one of 10 concurrent submits win', async () => {
    const { realm, agent } = await agentRealm();
    const ticket = await realm.ticket(agent.at, { canUpload: true });
    const first = fileNode(`first ${Math.random()}`);
    const second = fileNode(`second ${Math.random()}`);
    await realm.store(ticket.at, first, second);
    expect((await realm.submit(ticket.ticketId, first.key, agent.at)).status).toBe(200);
    const again = await realm.submit(ticket.ticketId, second.key, agent.at);
    expectError(again, 409, 'CONFLICT');
    expect(again.body.details).toEqual({ root: first.key });
    expect((await realm.get(`/tickets/${ticket.ticketId}`, agent.at)).body.root).toBe(first.key);

    const raced = await realm.ticket(agent.at, { canUpload: true });
    const roots = Array.from({ length: 10 }, (_, i) => fileNode(`racer ${i} ${Math.random()}`));
    await realm.store(raced.at, ...roots);
    const answers = await Promise.all(roots.map((root) => realm.submit(raced.ticketId, root.key, agent.at)));
    const winners = answers.filter((res) => res.status === 200);
    expect(winners).toHaveLength(1);
    for (const res of answers.filter((answer) => answer.status !== 200)) expectError(res, 409, 'CONFLICT');
    expect((await realm.get(`/tickets/${raced.ticketId}`, agent.at)).body.root).toBe(winners[0].body.root);
    const events = () => receiver.ofEvent('realm_ticket.submitted').filter((r) => r.json?.data?.ticketId === raced.ticketId);
    await receiver.waitFor(() => events().length >= 1, 15_000, 'the winner’s event');
    await sleep(300);
    expect(events()).toHaveLength(1);
    expect(events()[0].json.data.root).toBe(winners[0].body.root);
  });

  it('answers 410 GONE for an expired ticket, whose token is expired too', async () => {
    const { realm, agent } = await agentRealm();
    const ticket = await realm.ticket(agent.at, { canUpload: true, expiresIn: 2 });
    const result = fileNode(`late ${Math.random()}`);
    await realm.store(ticket.at, result);
    await sleep(Math.max(0, ticket.expiresAt - Date.now()) + 100);
    const gone = await realm.submit(ticket.ticketId, result.key, agent.at);
    expectError(gone, 410, 'GONE');
    expect(gone.body.details).toEqual({ expiresAt: ticket.expiresAt });
    expectError(await realm.submit(ticket.ticketId, result.key, ticket.at), 401, 'TOKEN_EXPIRED');
    const detail = await realm.get(`/tickets/${ticket.ticketId}`, agent.at);
    expect(detail.body).toMatchObject({ status: 'pending', root: null, expiresAt: ticket.expiresAt });
    expect(detail.body).not.toHaveProperty('submittedAt');
  });

  it("answers 410 GONE for a ticket whose token its creator revoked, and stores nothing", async () => {
    const { realm, agent } = await agentRealm();
    const ticket = await realm.ticket(agent.at, { canUpload: true });
    const result = fileNode(`withdrawn ${Math.random()}`);
    await realm.store(ticket.at, result);
    expect((await realm.post(`/delegates/${ticket.accessTokenId}/revoke`, undefined, agent.at)).status).toBe(200);
    const gone = await realm.submit(ticket.ticketId, result.key, agent.at);
    expectError(gone, 410, 'GONE');
    expect(gone.body.details).toEqual({ accessTokenId: ticket.accessTokenId });
    expect((await realm.get(`/tickets/${ticket.ticketId}`, agent.at)).body).toMatchObject({ status: 'pending', root: null });
  });

  it("answers 400 INVALID_ROOT unless the root is stored by the ticket's token: missing, the creator's, the root's, another ticket's", async () => {
    const { realm, agent, input } = await agentRealm();
    const ticket = await realm.ticket(agent.at, { canUpload: true, scope: ['.:0:1'] });
    const other = await realm.ticket(agent.at, { canUpload: true });
    const byAgent = fileNode(`stored by the agent ${Math.random()}`);
    const byOther = fileNode(`stored by the other ticket ${Math.random()}`);
    await realm.store(agent.at, byAgent);
    await realm.store(other.at, byOther);
    const missing = fileNode(`never stored ${Math.random()}`);

    for (const root of [missing.key, nodeAlias(missing.key), byAgent.key, nodeAlias(byAgent.key), input.key, byOther.key]) {
      const res = await realm.submit(ticket.ticketId, root, ticket.at);
      expectError(res, 400, 'INVALID_ROOT');
      expect(res.body.details).toEqual({ root });
    }
    for (const root of ['nod_123', 'node:xyz', `nod_${'I'.repeat(26)}`, input.key.replace('nod_', 'nod:'), 42, null]) {
      expectError(await realm.submit(ticket.ticketId, root as string, ticket.at), 400, 'validation_error');
    }
    expectError(await realm.post(`/tickets/${ticket.ticketId}/submit`, {}, ticket.at), 400, 'validation_error');
    expect((await realm.get(`/tickets/${ticket.ticketId}`, ticket.at)).body.status).toBe('pending'); // the refusals changed nothing

    // A node the ticket's token claims (proof of possession) is its own: the tool may submit an existing node.
    expect((await realm.post(`/nodes/${byAgent.key}/claim`, { pop: popFor(ticket.at, byAgent.bytes) }, ticket.at)).status).toBe(200);
    // Keys are Crockford Base32, case-insensitive; the answer names the canonical nod_ key.
    expect((await realm.submit(ticket.ticketId, nodeAlias(byAgent.key).toLowerCase(), ticket.at)).body).toEqual({ success: true, status: 'submitted', root: byAgent.key });
  });

  it('accepts the empty dict, which every delegate owns', async () => {
    const { realm, agent } = await agentRealm();
    const ticket = await realm.ticket(agent.at);
    expect((await realm.submit(ticket.ticketId, nodeAlias(EMPTY), ticket.at)).body).toEqual({ success: true, status: 'submitted', root: EMPTY });
  });
});
