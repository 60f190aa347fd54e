import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { setupSwagger } from './app/swagger';
import { AppModule } from './app.module';
import { requestIdOf } from './common/http/request-id';
import { createValidationPipe } from './common/validation/validation.pipe';
import { appConfig } from './config/app.config';

/** Builds the whole application, as main.ts runs it and as the e2e tests drive it. */
export async function createApp(): Promise<NestFastifyApplication> {
  const config = appConfig();
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    genReqId: requestIdOf,
    trustProxy: config.trustProxy,
    logger: false,
    // Seed 004's clients call routes with and without the trailing slash.
    routerOptions: { ignoreTrailingSlash: true },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(createValidationPipe());
  if (config.corsOrigins.length) {
    app.enableCors({ origin: config.corsOrigins.includes('*') ? true : config.corsOrigins, exposedHeaders: ['X-Request-Id'] });
  }

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    done();
  });

  setupSwagger(app);
  await app.init();
  await fastify.ready();
  return app;
}
