import { registerAs } from '@nestjs/config';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min } from 'class-validator';
import { ConfigError, EnvBoolean, parseEnv } from './env';

class AppEnv {
  /** Port the HTTP server listens on (0: any free port). */
  @IsInt() @Min(0) @Max(65535) PORT: number = 3000;
  /** Interface the HTTP server binds to. */
  @IsString() HOST: string = '0.0.0.0';
  /** `production` demands JWT_SECRET and switches logs to JSON. */
  @IsIn(['development', 'production', 'test']) NODE_ENV: string = 'development';
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL: string = 'info';
  /** `json` (structured) or `pretty` (readable); defaults to pretty in development on a terminal. */
  @IsOptional() @IsIn(['json', 'pretty']) LOG_FORMAT?: string;
  /** Comma-separated origins allowed by CORS, or `*`. Empty: CORS off. */
  @IsOptional() @IsString() CORS_ORIGINS?: string;
  /** Largest request body accepted, in bytes (413 beyond). */
  @IsInt() @Min(1024) BODY_LIMIT_BYTES: number = 1_048_576;
  /** Time a client has to send its request line and headers, in ms (408 and close beyond). */
  @IsInt() @Min(1000) HTTP_HEADERS_TIMEOUT_MS: number = 10_000;
  /** Time a client has to send its whole request, body included, in ms (408 and close beyond). */
  @IsInt() @Min(1000) HTTP_REQUEST_TIMEOUT_MS: number = 30_000;
  /** How long an idle keep-alive connection stays open, in ms. */
  @IsInt() @Min(100) HTTP_KEEP_ALIVE_TIMEOUT_MS: number = 5_000;
  /** Trust X-Forwarded-For from a reverse proxy when resolving client IPs. */
  @EnvBoolean() @IsBoolean() TRUST_PROXY: boolean = false;
  /** Public base URL of the web app, used in links sent to others (webhook payloads). */
  @IsUrl({ require_tld: false }) PUBLIC_APP_URL: string = 'http://localhost:3000';
}

export const appConfig = registerAs('app', () => {
  const env = parseEnv(AppEnv);
  // pino-pretty is a development dependency: a production install (npm ci --omit=dev) has none.
  const prettyAvailable = canResolve('pino-pretty');
  if (env.LOG_FORMAT === 'pretty' && !prettyAvailable) {
    throw new ConfigError(['LOG_FORMAT=pretty needs pino-pretty, which this install lacks (a development dependency): use LOG_FORMAT=json']);
  }
  const pretty = env.LOG_FORMAT ? env.LOG_FORMAT === 'pretty' : env.NODE_ENV === 'development' && !!process.stdout.isTTY && prettyAvailable;
  return {
    port: env.PORT,
    host: env.HOST,
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL,
    prettyLogs: pretty,
    corsOrigins: env.CORS_ORIGINS ? env.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean) : [],
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    timeouts: {
      headersMs: Math.min(env.HTTP_HEADERS_TIMEOUT_MS, env.HTTP_REQUEST_TIMEOUT_MS),
      requestMs: env.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    },
    trustProxy: env.TRUST_PROXY,
    publicAppUrl: env.PUBLIC_APP_URL.replace(/\/$/, ''),
  };
});

export type AppConfig = ReturnType<typeof appConfig>;

function canResolve(moduleName: string): boolean {
  try {
    require.resolve(moduleName);
    return true;
  } catch {
    return false;
  }
}
