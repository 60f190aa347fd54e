import { AsyncLocalStorage } from 'node:async_hooks';
import { Client } from 'pg';

/** The statements of one request so far. */
export interface StatementTally {
  count: number;
}

const current = new AsyncLocalStorage<StatementTally>();
let enabled = false;

/** The response header that carries a request's count. */
export const STATEMENTS_HEADER = 'X-DB-Statements';

/**
 * Turns counting on for this process: every statement sent through the `pg` driver (any pool,
 * any client) or the embedded driver while a tally is open is added to it. Off (the default),
 * nothing is patched and `countStatement()` is one boolean test.
 */
export function enableStatementCounting(): void {
  if (enabled) return;
  enabled = true;
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  Client.prototype.query = function countedQuery(this: Client, ...args: unknown[]) {
    countStatement();
    return query.apply(this, args);
  } as typeof Client.prototype.query;
}

/** Adds one statement to the tally of the request in progress, if counting is on and one is open. */
export function countStatement(): void {
  if (!enabled) return;
  const tally = current.getStore();
  if (tally) tally.count += 1;
}

/** Runs `work` (and everything it starts) with `tally` as the request's tally. */
export function withStatementTally<T>(tally: StatementTally, work: () => T): T {
  return current.run(tally, work);
}

/** The Fastify hooks this needs (a structural type: the database layer does not depend on Fastify). */
interface HookTarget {
  addHook(name: 'onRequest' | 'preHandler', hook: (request: object, reply: unknown, done: () => void) => void): unknown;
  addHook(name: 'onSend', hook: (request: object, reply: { header(name: string, value: string): unknown }, payload: unknown, done: () => void) => void): unknown;
}

/**
 * Opens a tally per request and answers it as `X-DB-Statements: <n>`: the statements sent before
 * the response, whichever path sent them (guards, the handler, its transaction's BEGIN/COMMIT).
 * The tally is entered when the request arrives and again before the handler runs, because
 * Fastify resumes after reading a body from the socket's context, not the request's.
 */
export function countStatementsPerRequest(fastify: HookTarget): void {
  enableStatementCounting();
  const tallies = new WeakMap<object, StatementTally>();
  fastify.addHook('onRequest', (request, _reply, done) => {
    const tally = { count: 0 };
    tallies.set(request, tally);
    withStatementTally(tally, done);
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    const tally = tallies.get(request);
    if (tally) withStatementTally(tally, done);
    else done();
  });
  fastify.addHook('onSend', (request, reply, _payload, done) => {
    const tally = tallies.get(request);
    if (tally) reply.header(STATEMENTS_HEADER, String(tally.count));
    done();
  });
}
