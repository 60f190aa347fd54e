import { sign } from 'jsonwebtoken';
import { Actor, UNLIMITED } from '../fixtures';
import { OpenApiContract } from '../openapi-contract';
import { TEST_JWT_SECRET, TestServer } from '../test-server';
import { ROLES, FuzzOperation, Role } from './operations';
import type { FuzzWorldView } from './axis';
import type { AuthCase, FuzzInput } from './request-arbitrary';
import { KnownValues, PUBLIC_TARGET } from './schema-arbitrary';

/** Settings that keep limits, background jobs and outbound traffic out of the fuzzer's way. */
export const FUZZ_SERVER_ENV: Record<string, string> = {
  ...UNLIMITED,
  RATE_LIMIT_ADMIN_PER_MINUTE: '0',
  LOGIN_MAX_ATTEMPTS_PER_IP: '10000000',
  LOGIN_MAX_FAILURES_PER_EMAIL: '10000000',
  WEBHOOK_DISPATCHER_ENABLED: 'false',
  WORKFLOW_SWEEP_INTERVAL_MS: '0',
  LOG_LEVEL: 'fatal',
};

/** A seeding request that hangs is the server's failure, reported as such rather than as a test timeout. */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) =>
      (timer = setTimeout(
        () => reject(new Error(`${what}: no answer within ${ms} ms (a deadlock in the server?)`)),
        ms,
      )),
  );
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A request ready for fetch. */
export interface FuzzRequest {
  method: string;
  /** Path and query, relative to the server. */
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/**
 * The server under fuzz and what lives in it: one signed-in actor per role, a victim user for
 * the admin routes, and a few rows per resource (support tickets and a comment, workflow tickets
 * in two states, an inventory item, a webhook with a delivery), so generated ids hit real rows.
 */
export class FuzzWorld implements FuzzWorldView {
  readonly actors = {} as Record<Role, Actor & { refreshToken: string; password: string }>;
  readonly known: KnownValues = {};
  private readonly ids = new Map<string, number[]>();
  private readonly forged: Record<string, string> = {};

  private constructor(
    readonly server: TestServer,
    readonly contract: OpenApiContract,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<FuzzWorld> {
    const server = await TestServer.start({ ...FUZZ_SERVER_ENV, ...env });
    try {
      const world = new FuzzWorld(server, await OpenApiContract.load(server.baseUrl));
      await world.seed();
      return world;
    } catch (err) {
      await FuzzWorld.shutdown(server);
      throw err;
    }
  }

  close(): Promise<void> {
    return FuzzWorld.shutdown(this.server);
  }

  /** SIGTERM, and SIGKILL when a server stuck on a deadlock does not stop within 10 s. */
  private static async shutdown(server: TestServer): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), 10_000)));
    const stopped = await Promise.race([server.stop(), late]);
    clearTimeout(timer);
    if (stopped === 'late') await server.stop('SIGKILL');
    await server.close();
  }

  /** Waits (up to a minute) until the server answers GET /api/health again, after a request it did not answer in time. */
  async waitUntilResponsive(): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`${this.server.baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
        await res.text();
        if (res.status < 500) return;
      } catch {
        // still busy, or restarting its listener
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the server did not answer for a minute:\n${this.server.logs().slice(-2000)}`);
  }

  /** Ids of seeded rows for a path parameter: keyed by the template up to that parameter. */
  idsFor(op: FuzzOperation, param: string): number[] {
    const prefix = op.path.slice(0, op.path.indexOf(`{${param}}`)).replace(/\{[^}]+\}/g, '{}');
    return this.ids.get(prefix) ?? [];
  }

  private async seed(): Promise<void> {
    const t = this.server;
    // One at a time, with fixed emails: the same ids and values on every run, so a seed replays the same requests.
    for (const role of ROLES) {
      this.actors[role] = await t.userWithToken([role], {
        name: `fuzz ${role}`,
        email: `fuzz-${role}@example.com`,
      });
    }
    const victim = await t.userWithToken(['user'], { name: 'fuzz victim', email: 'fuzz-victim@example.com' });
    const { user, agent, admin, master, ops_manager: ops, technician, super_admin: superAdmin } = this.actors;
    const call = async (method: string, path: string, token: string, body?: unknown) => {
      const res = await withTimeout(
        t.request(method, path, { token, body, contract: false }),
        10_000,
        `seeding ${method} ${path}`,
      );
      if (res.status >= 300) throw new Error(`seeding ${method} ${path} failed: ${res.status} ${res.text}`);
      return res.body;
    };
    const id = (value: unknown, what: string): number => {
      if (typeof value !== 'number') throw new Error(`seeding: no id for ${what} (${JSON.stringify(value)})`);
      return value;
    };

    const ticket = {
      title: 'fuzz ticket',
      description: 'seeded by the fuzz suite',
      category: 'technical',
      priority: 'high',
      tags: ['fuzz'],
    };
    const s1 = id((await call('POST', '/v1/tickets', user.token, ticket)).data.ticket_id, 'support ticket');
    const s2 = id((await call('POST', '/v1/tickets', user.token, ticket)).data.ticket_id, 'support ticket');
    await call('POST', `/v1/tickets/${s2}/assign`, agent.token, { assignee_id: agent.user.id });
    const comment = id(
      (await call('POST', `/v1/tickets/${s1}/comments`, user.token, { content: 'seeded comment' })).data
        .comment_id,
      'comment',
    );

    const parts = [{ name: 'brake pads', color: 'yellow', minutes: 25 }];
    const intake = (serial: string) =>
      call('POST', '/api/v1/tickets/create/', master.token, {
        serial_number: serial,
        title: 'Bike',
        part_specs: parts,
        confirm_create: true,
        create_reason: 'fuzz',
      });
    const w1 = await intake('SN-FUZZ-1');
    const w2 = await intake('SN-FUZZ-2');
    await call('POST', `/api/v1/tickets/${w2.id}/manual-metrics/`, ops.token, {});
    await call('POST', `/api/v1/tickets/${w2.id}/assign/`, ops.token, { technician_id: technician.user.id });
    const item = id(
      (
        await call('POST', '/api/v1/inventory/items/', master.token, {
          serial_number: 'SN-FUZZ-ITEM',
          reason: 'fuzz',
        })
      ).id,
      'inventory item',
    );

    const hook = id(
      (
        await call('POST', '/v1/webhooks', admin.token, {
          url: PUBLIC_TARGET,
          events: ['ticket.created'],
        })
      ).data.id,
      'webhook',
    );
    const delivery = id((await call('POST', `/v1/webhooks/${hook}/ping`, admin.token)).data.id, 'delivery');

    this.ids.set('/api/admin/users/', [victim.user.id]);
    this.ids.set('/v1/tickets/', [s1, s2]);
    this.ids.set('/v1/tickets/{}/comments/', [comment]);
    this.ids.set('/api/v1/tickets/', [id(w1.id, 'workflow ticket'), id(w2.id, 'workflow ticket')]);
    this.ids.set('/api/v1/inventory/items/', [item, id(w1.inventory_item?.id, 'inventory item of a ticket')]);
    this.ids.set('/v1/webhooks/', [hook]);
    this.ids.set('/v1/webhooks/{}/deliveries/', [delivery]);

    Object.assign(this.known, {
      assignee_id: [agent.user.id, admin.user.id, user.user.id],
      creator_id: [user.user.id],
      technician_id: [technician.user.id, user.user.id],
      technician: [technician.user.id],
      user_id: [technician.user.id, superAdmin.user.id],
      inventory_item: [item],
      serial_number: ['SN-FUZZ-1', 'SN-FUZZ-ITEM', 'SN-NEW'],
      email: [victim.user.email, user.user.email, 'nobody@example.com'],
      password: [victim.password, 'wrong-password'],
      refreshToken: [victim.refreshToken],
      'events[]': ['ticket.created', 'ticket.status_changed', 'ticket.closed', '*', 'ticket.exploded'],
      timezone: ['UTC', 'Asia/Shanghai', 'Mars/Olympus'],
    });

    const forge = (payload: object, options: object = {}) =>
      sign(payload, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: 600, ...options });
    this.forged['forged-int4-sub'] = forge(
      { typ: 'access', roles: ['super_admin'] },
      { subject: '2147483648' },
    );
    this.forged['forged-missing-user'] = forge(
      { typ: 'access', roles: ['admin', 'super_admin'] },
      { subject: '987654321' },
    );
    const header = Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url');
    const claims = Buffer.from(
      JSON.stringify({ sub: String(superAdmin.user.id), typ: 'access', roles: ['super_admin', 'admin'] }),
    ).toString('base64url');
    this.forged['forged-alg-none'] = `${header}.${claims}.`;
  }

  /** The token (or header) an auth case sends for this operation. */
  private authorization(op: FuzzOperation, input: FuzzInput): string | undefined {
    const fitting = this.actors[(input.role as Role | undefined) ?? (op.secured ? 'user' : 'user')];
    const cases: Record<AuthCase, () => string | undefined> = {
      fit: () => `Bearer ${fitting.token}`,
      none: () => undefined,
      garbage: () => 'Bearer not-a-token',
      'other-role': () =>
        `Bearer ${this.actors[ROLES.find((r) => !op.roles.includes(r) && r !== 'admin' && r !== 'super_admin') ?? 'user'].token}`,
      'forged-int4-sub': () => `Bearer ${this.forged['forged-int4-sub']}`,
      'forged-missing-user': () => `Bearer ${this.forged['forged-missing-user']}`,
      'forged-alg-none': () => `Bearer ${this.forged['forged-alg-none']}`,
      'refresh-as-access': () => `Bearer ${fitting.refreshToken}`,
      'lowercase-scheme': () => `bearer ${fitting.token}`,
      basic: () => `Basic ${Buffer.from('admin:admin').toString('base64')}`,
      huge: () => `Bearer ${'a'.repeat(8000)}.${'b'.repeat(2000)}.c`,
    };
    return cases[input.auth]();
  }

  /** A generated input as an HTTP request. */
  requestOf(op: FuzzOperation, input: FuzzInput): FuzzRequest {
    const headers: Record<string, string> = { ...input.headers };
    const authorization = this.authorization(op, input);
    if (authorization) headers.authorization = authorization;
    if (input.body?.contentType !== undefined) headers['content-type'] = input.body.contentType;
    const body = input.body
      ? typeof input.body.data === 'string'
        ? Buffer.from(input.body.data)
        : input.body.data
      : undefined;
    return {
      method: op.method,
      url: input.query ? `${input.path}?${input.query}` : input.path,
      headers,
      body,
    };
  }
}
