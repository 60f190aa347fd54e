import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Fastify's genReqId: the caller's X-Request-Id when it is sane (no log injection), else a UUID.
 * The id is also left on the raw request so the pino-http logger uses the same one.
 */
export function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const id = typeof header === 'string' && ACCEPTABLE_ID.test(header) ? header : randomUUID();
  (req as IncomingMessage & { id: string }).id = id;
  return id;
}
