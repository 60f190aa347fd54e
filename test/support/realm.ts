import { Role } from '../../src/identity/roles';
import { TestNode } from './cas-nodes';
import { HttpResult, TestServer } from './test-server';

export interface Delegate {
  id: string;
  at: string;
  rt: string;
  atExpiresAt: number;
  view: Record<string, any>;
}

/** One user's realm on one server: the JWT is its root delegate. */
export class Realm {
  private rootIdValue?: string;

  constructor(
    readonly t: TestServer,
    readonly id: string,
    readonly jwt: string,
  ) {}

  /** A new user's realm (as this class or a spec's subclass). */
  static async of<R extends Realm>(this: new (t: TestServer, id: string, jwt: string) => R, t: TestServer): Promise<R> {
    const { user, token } = await t.userWithToken([Role.User]);
    return new this(t, `usr_${user.id}`, token);
  }

  path(rest = ''): string {
    return `/api/realm/${this.id}${rest}`;
  }

  get(rest: string, token = this.jwt, headers?: Record<string, string>): Promise<HttpResult> {
    return this.t.get(this.path(rest), { token, headers });
  }

  post(rest: string, body: unknown, token = this.jwt, headers?: Record<string, string>): Promise<HttpResult> {
    return this.t.post(this.path(rest), body, { token, headers });
  }

  patch(rest: string, body: unknown, token = this.jwt): Promise<HttpResult> {
    return this.t.patch(this.path(rest), body, { token });
  }

  delete(rest: string, token = this.jwt): Promise<HttpResult> {
    return this.t.delete(this.path(rest), { token });
  }

  put(node: TestNode | { key: string; bytes: Uint8Array }, token = this.jwt, headers?: Record<string, string>): Promise<HttpResult> {
    return this.t.request('PUT', this.path(`/nodes/${node.key}`), { token, rawBody: node.bytes, headers });
  }

  /** PUTs nodes that must be accepted. */
  async store(token: string, ...nodes: TestNode[]): Promise<void> {
    for (const node of nodes) {
      const res = await this.put(node, token);
      if (res.status !== 200) throw new Error(`PUT ${node.key}: ${res.status} ${res.text}`);
    }
  }

  check(keys: string[], token = this.jwt): Promise<HttpResult> {
    return this.post('/nodes/check', { keys }, token);
  }

  async delegate(body: Record<string, unknown> = {}, token = this.jwt): Promise<Delegate> {
    const res = await this.post('/delegates', body, token);
    if (res.status !== 201) throw new Error(`delegate creation failed: ${res.status} ${res.text}`);
    return { id: res.body.delegate.delegateId, at: res.body.accessToken, rt: res.body.refreshToken, atExpiresAt: res.body.accessTokenExpiresAt, view: res.body.delegate };
  }

  /** The root delegate's id (the parent of a child the JWT issues). */
  async rootId(): Promise<string> {
    this.rootIdValue ??= (await this.delegate()).view.parentId as string;
    return this.rootIdValue;
  }

  async depot(body: Record<string, unknown> = {}, token = this.jwt): Promise<Record<string, any>> {
    const res = await this.post('/depots', body, token);
    if (res.status !== 201) throw new Error(`depot creation failed: ${res.status} ${res.text}`);
    return res.body;
  }
}

export function expectError(res: HttpResult, status: number, error: string): void {
  if (res.status !== status || res.body?.error !== error) {
    throw new Error(`expected ${status} ${error}, got ${res.status} ${res.text}`);
  }
  expect(typeof res.body.message).toBe('string');
}

