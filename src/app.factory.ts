import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyHttpOptions } from 'fastify';
import type { Server } from 'node:http';
import { logRequests, PinoLoggerService, rootLogger } from './app/logger';
import { setupSwagger } from './app/swagger';
import { AppModule } from './app.module';
import { handleClientError } from './common/http/client-errors';
import { parseJsonBody } from './common/http/json-body';
import { acceptMultipart } from './common/http/multipart';
import { acceptRawBodies } from './common/http/raw-body';
import { isFileBodyRoute } from './cas/cas-params';
import { acceptsMultipart } from './file-tickets/file-ticket-params';
import fastifyMultipart from '@fastify/multipart';
import { requestIdOf } from './common/http/request-id';
import { sendError } from './common/surfaces/surface-exception.filter';
import { createValidationPipe } from './common/validation/validation.pipe';
import { appConfig } from './config/app.config';
import { countStatementsPerRequest } from './database/statement-counter';
import { databaseConfig } from './config/database.config';

/** Builds the whole application, as main.ts runs it and as the e2e tests drive it. */
export async function createApp(): Promise<NestFastifyApplication> {
  const config = appConfig();
  const frameworkLogger = new NestLogger('Http');
  const options: FastifyHttpOptions<Server> = {
    bodyLimit: config.bodyLimitBytes,
    genReqId: requestIdOf,
    trustProxy: config.trustProxy,
    logger: false,
    // Slow clients are cut off (408, then closed) rather than held open; checked every second.
    requestTimeout: config.timeouts.requestMs,
    keepAliveTimeout: config.timeouts.keepAliveMs,
    http: { headersTimeout: config.timeouts.headersMs, requestTimeout: config.timeouts.requestMs, connectionsCheckingInterval: 1000 },
    // Errors raised before any route runs still answer in the surface's format.
    clientErrorHandler: handleClientError,
    frameworkErrors: (error, request, reply) => sendError(error, request, reply, frameworkLogger),
    // Seed 004's clients call routes with and without the trailing slash.
    routerOptions: { ignoreTrailingSlash: true },
  };
  const adapter = new FastifyAdapter(options);
  // One logger from the first line on: what modules log while they start (a generated secret,
  // say) is a JSON line like everything else, never Nest's coloured console.
  const logger = rootLogger(config);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { logger: new PinoLoggerService(logger) });
  app.useGlobalPipes(createValidationPipe());
  if (config.corsOrigins.length) {
    app.enableCors({ origin: config.corsOrigins.includes('*') ? true : config.corsOrigins, exposedHeaders: ['X-Request-Id'] });
  }

  const fastify = app.getHttpAdapter().getInstance();
  // DB_STATEMENT_COUNT=true: every response says how many SQL statements it cost (X-DB-Statements).
  if (databaseConfig().statementCount) countStatementsPerRequest(fastify);
  logRequests(fastify, logger);
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    done();
  });
  // JSON bodies: bounded in shape and text before validation sees them; empty means {}.
  adapter.useBodyParser('application/json', false, { bodyLimit: config.bodyLimitBytes }, async (_request: unknown, body: Buffer) => parseJsonBody(body.toString('utf8')));

  // Binary bodies (CAS nodes) reach their handler as the raw stream, which caps and hashes them as they arrive.
  fastify.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
  acceptRawBodies(fastify, isFileBodyRoute);

  // multipart/form-data: streamed by seed 003's upload route, fields for DRF forms, 415 elsewhere.
  await app.register(fastifyMultipart as never);
  acceptMultipart(fastify, acceptsMultipart);

  setupSwagger(app);
  await app.init();
  await fastify.ready();
  return app;
}
