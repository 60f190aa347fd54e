import { LoggerService } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import pino, { Level, Logger as Pino } from 'pino';
import pinoHttp from 'pino-http';
import type { AppConfig } from '../config/app.config';

let root: Pino | undefined;

/** The process's one pino logger: JSON lines, or pino-pretty for people (LOG_FORMAT). */
export function rootLogger(app: AppConfig): Pino {
  return (root ??= pino({
    level: app.logLevel,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.refreshToken'], remove: true },
    transport: app.prettyLogs ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } } : undefined,
  }));
}

/**
 * Nest's logger interface on pino: every `new Logger(context)` of the code base writes here.
 * Nest passes the context last; a message may be text, an Error, or pino's object-first form
 * (`logger.error({err, requestId}, 'Unhandled error')`).
 */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log = (message: unknown, ...params: unknown[]) => this.write('info', message, params);
  error = (message: unknown, ...params: unknown[]) => this.write('error', message, params);
  warn = (message: unknown, ...params: unknown[]) => this.write('warn', message, params);
  debug = (message: unknown, ...params: unknown[]) => this.write('debug', message, params);
  verbose = (message: unknown, ...params: unknown[]) => this.write('trace', message, params);
  fatal = (message: unknown, ...params: unknown[]) => this.write('fatal', message, params);

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = [...params];
    const context = typeof rest[rest.length - 1] === 'string' && rest.length > 0 ? (rest.pop() as string) : undefined;
    if (message instanceof Error) {
      this.pino[level]({ context, err: message }, message.message);
    } else if (message !== null && typeof message === 'object') {
      this.pino[level]({ context, ...message }, typeof rest[0] === 'string' ? rest[0] : undefined);
    } else {
      // Nest's error(message, stack, context): the stack comes before the context.
      const stack = level === 'error' && typeof rest[0] === 'string' ? rest[0] : undefined;
      this.pino[level]({ context, ...(stack ? { stack } : {}) }, String(message));
    }
  }
}

/**
 * One info line per request when its response is sent, under the id Fastify gave it
 * (request-id.ts). Above info (LOG_LEVEL=warn, error…) none would be written: then nothing is
 * installed, and a request costs no child logger (SurfaceExceptionFilter logs unhandled errors
 * with their request id at any level).
 */
export function logRequests(fastify: FastifyInstance, root: Pino): void {
  if (!root.isLevelEnabled('info')) return;
  const http = pinoHttp({
    logger: root,
    genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id: string }).id,
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    (request.raw as IncomingMessage & { id: string }).id = request.id;
    http(request.raw, reply.raw);
    done();
  });
}
