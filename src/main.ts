import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { PinoLoggerService, rootLogger } from './app/logger';
import { appConfig } from './config/app.config';
import { configurationProblems } from './config/configuration';
import { ConfigError } from './config/env';
import { databaseConfig } from './config/database.config';
import { pgliteDataDir, startOpeningPglite } from './database/pglite-driver';

async function bootstrap(): Promise<void> {
  useJsonLogs();
  const problems = configurationProblems();
  if (problems.length) {
    process.stderr.write(`${new ConfigError(problems).message}\n`);
    process.exit(1);
  }
  const db = databaseConfig();
  if (db.mode === 'embedded') startOpeningPglite(pgliteDataDir(db));
  // Loaded only now (most of a second), while the embedded database opens on other threads.
  const { createApp } = await import('./app.factory');
  const app = await createApp();
  const { port, host } = appConfig();
  await app.listen({ port, host });
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const logger = new Logger('Bootstrap');
  logger.log(`Listening on http://${shown}:${port} (database: ${db.mode === 'embedded' ? `embedded PGlite in ${db.dataDir}` : 'PostgreSQL'})`);
  logger.log(`Swagger UI: http://${shown}:${port}/docs (OpenAPI JSON: /docs-json)`);
  // SIGTERM/SIGINT: stop taking requests, let lifecycle hooks run, close the database, exit 0.
  const shutdown = (signal: string) => {
    logger.log(`${signal} received: shutting down`);
    app.close().then(
      () => {
        logger.log('Stopped cleanly');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error(`Shutdown failed: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  logger.log(`Log in: POST http://${shown}:${port}/api/oauth/login {"email","password"} (first admin: ADMIN_EMAIL / ADMIN_PASSWORD)`);
}

/** Everything logged from here on (a config warning, say) is a pino line; a bad LOG_* value is reported with the other problems. */
function useJsonLogs(): void {
  try {
    Logger.overrideLogger(new PinoLoggerService(rootLogger(appConfig())));
  } catch {
    // configurationProblems() names it, one line per variable.
  }
}

bootstrap().catch((err: unknown) => {
  // Config errors name the bad variable; print them plainly and stop.
  process.stderr.write(`Failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
