import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { OpenApiContract } from './openapi-contract';
import { createDatabase, dropDatabase, onServer, serverUrl, withDatabase } from './test-database';

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
  /** The raw response bytes (binary bodies). */
  bytes: Buffer;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is (for malformed JSON tests, and binary bodies: application/octet-stream unless headers say otherwise). */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
  /** false: do not check this response against /docs-json (for requests that test the transport itself). */
  contract?: boolean;
}

export const ADMIN = { email: 'root-admin@example.com', password: 'root-admin-password' };
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';

/** Defaults every test server gets; a spec can override any of them. */
const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'warn',
  LOG_FORMAT: 'json',
  HOST: '127.0.0.1',
  JWT_SECRET: TEST_JWT_SECRET,
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  LOGIN_MAX_ATTEMPTS_PER_IP: '100000',
  LOGIN_MAX_FAILURES_PER_EMAIL: '1000',
};

/** The server under test: this build, or another one (a baseline, for benchmarks) named by TEST_SERVER_MAIN. */
const MAIN = process.env.TEST_SERVER_MAIN ?? join(__dirname, '..', '..', 'dist', 'main.js');

/** The OpenAPI document of the build under test, loaded once per test process from the first server. */
let contract: Promise<OpenApiContract> | undefined;

/** Every server this process started; killed when the process exits, so none outlives a crashed spec. */
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The built server (dist/main.js) as a child process on its own database, reached over real
 * HTTP. `sql()` reaches the same database directly (PostgreSQL mode only).
 */
export class TestServer {
  private output: string[] = [];
  private exited?: Promise<number | null>;
  private adminTokenValue?: string;
  private userSeq = 0;
  private sqlClient?: Client;

  private constructor(
    readonly baseUrl: string,
    readonly env: Record<string, string>,
    private readonly database: string | undefined,
    private readonly dataDir: string | undefined,
    private child: ChildProcess,
  ) {
    this.watch(child);
  }

  static async start(env: Record<string, string> = {}): Promise<TestServer> {
    const database = serverUrl ? await createDatabase() : undefined;
    const dataDir = serverUrl ? undefined : mkdtempSync(join(tmpdir(), 'ticket-e2e-'));
    const port = await freePort();
    const vars = {
      ...TEST_ENV,
      PORT: String(port),
      ...(database ? { DATABASE_URL: withDatabase(serverUrl!, database), DB_POOL_SIZE: '5' } : { DATA_DIR: dataDir! }),
      ...env,
    };
    const server = new TestServer(`http://127.0.0.1:${port}`, vars, database, dataDir, TestServer.spawn(vars));
    await server.waitUntilHealthy();
    return server;
  }

  /**
   * A second server process on the same database as `other` (PostgreSQL mode), as a second
   * instance behind a load balancer would be. Closing it leaves the database to `other`.
   */
  static async startSibling(other: TestServer, env: Record<string, string> = {}): Promise<TestServer> {
    if (!other.database) throw new Error('startSibling() needs TEST_DATABASE_URL');
    const port = await freePort();
    const vars = { ...other.env, PORT: String(port), ...env };
    const server = new TestServer(`http://127.0.0.1:${port}`, vars, undefined, undefined, TestServer.spawn(vars));
    await server.waitUntilHealthy();
    return server;
  }

  private static spawn(vars: Record<string, string>): ChildProcess {
    const env = { ...process.env, ...vars };
    for (const key of ['DATABASE_URL', 'DATA_DIR', 'REDIS_URL']) if (!(key in vars)) delete env[key];
    const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    child.once('exit', () => children.delete(child));
    return child;
  }

  private watch(child: ChildProcess): void {
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 400) this.output.splice(0, this.output.length - 400);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** The server process's id (benchmarks read its CPU time). */
  get pid(): number {
    return this.child.pid!;
  }

  logs(): string {
    return this.output.join('');
  }

  private async waitUntilHealthy(timeoutMs = 45_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exitCode: number | null | undefined;
    void this.exited!.then((code) => (exitCode = code ?? -1));
    while (Date.now() < deadline) {
      if (exitCode !== undefined) throw new Error(`server exited with ${exitCode} during boot:\n${this.logs()}`);
      try {
        const res = await fetch(`${this.baseUrl}/api/health`);
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server not healthy after ${timeoutMs} ms:\n${this.logs()}`);
  }

  /** Stops the process: SIGTERM answers its exit code; SIGKILL simulates a crash. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    this.child.kill(signal);
    return this.exited!;
  }

  /** Starts the process again on the same database. */
  async restart(): Promise<void> {
    await this.stop();
    this.child = TestServer.spawn(this.env);
    this.watch(this.child);
    await this.waitUntilHealthy();
  }

  async close(): Promise<void> {
    await this.sqlClient?.end();
    await this.stop();
    if (this.database) await dropDatabase(this.database);
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Direct SQL on the server's database; only with TEST_DATABASE_URL. */
  async sql<T = any>(query: string, params: unknown[] = []): Promise<T[]> {
    if (!this.database) throw new Error('sql() needs TEST_DATABASE_URL');
    if (!this.sqlClient) {
      this.sqlClient = new Client({ connectionString: withDatabase(serverUrl!, this.database) });
      await this.sqlClient.connect();
    }
    return (await this.sqlClient.query(query, params)).rows as T[];
  }

  /** Makes the database unreachable for the server (PostgreSQL mode), or reachable again. */
  async setDatabaseReachable(reachable: boolean): Promise<void> {
    if (!this.database) throw new Error('setDatabaseReachable() needs TEST_DATABASE_URL');
    await this.sqlClient?.end();
    this.sqlClient = undefined;
    await onServer(async (c) => {
      await c.query(`ALTER DATABASE "${this.database}" ALLOW_CONNECTIONS ${reachable}`);
      if (!reachable) await c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [this.database]);
    });
  }

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Uint8Array | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= typeof body === 'string' ? 'application/json' : 'application/octet-stream';
    const response = await fetch(this.baseUrl + path, { method, headers, body });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    const contentType = response.headers.get('content-type') ?? '';
    let parsed: unknown = text;
    if (contentType.includes('json') && text) parsed = JSON.parse(text);
    if (options.contract !== false) await this.assertContract({ method, url: path, status: response.status, contentType, body: parsed, text });
    return { status: response.status, headers: response.headers, body: parsed as T, text, bytes };
  }

  /** Every response a spec receives must match what /docs-json documents for its operation. */
  private async assertContract(observed: Parameters<OpenApiContract['violations']>[0]): Promise<void> {
    contract ??= OpenApiContract.load(this.baseUrl);
    const problems = (await contract).violations(observed);
    if (problems.length) throw new Error(`Response breaks the OpenAPI contract:\n  ${problems.join('\n  ')}\nbody: ${observed.text.slice(0, 500)}`);
  }

  get = <T = any>(path: string, options?: RequestOptions) => this.request<T>('GET', path, options);
  post = <T = any>(path: string, body?: unknown, options?: RequestOptions) => this.request<T>('POST', path, { ...options, body });
  patch = <T = any>(path: string, body?: unknown, options?: RequestOptions) => this.request<T>('PATCH', path, { ...options, body });
  put = <T = any>(path: string, body?: unknown, options?: RequestOptions) => this.request<T>('PUT', path, { ...options, body });
  delete = <T = any>(path: string, options?: RequestOptions) => this.request<T>('DELETE', path, options);

  async login(email: string, password: string): Promise<{ accessToken: string; refreshToken: string; user: any }> {
    const res = await this.post('/api/oauth/login', { email, password });
    if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${res.text}`);
    return res.body;
  }

  /** The bootstrap admin's access token (roles admin, super_admin). */
  async adminToken(): Promise<string> {
    this.adminTokenValue ??= (await this.login(ADMIN.email, ADMIN.password)).accessToken;
    return this.adminTokenValue;
  }

  /** Creates a user with these roles through the admin API, then logs in as them. */
  async userWithToken(roles: string[], overrides: { email?: string; name?: string; password?: string } = {}) {
    const seq = ++this.userSeq;
    const password = overrides.password ?? 'password-123';
    const email = overrides.email ?? `${roles.join('-') || 'nobody'}-${seq}-${Math.random().toString(36).slice(2, 7)}@example.com`;
    const created = await this.post('/api/admin/users', { email, password, name: overrides.name ?? `${roles[0] ?? 'user'} ${seq}`, roles }, { token: await this.adminToken() });
    if (created.status !== 201) throw new Error(`user creation failed: ${created.status} ${created.text}`);
    const login = await this.login(email, password);
    return { user: created.body as { id: number; email: string; name: string }, token: login.accessToken, refreshToken: login.refreshToken, password };
  }
}
