import { initBlake3 } from '../../src/cas/codec/blake3';
import { encodeDictNode, encodeFileNode } from '../../src/cas/codec/node-codec';
import { keyOf, nodeKeyText } from '../../src/cas/codec/node-key';
import { computePop } from '../../src/cas/codec/pop';
import { TestServer } from '../support/test-server';

/**
 * CASFA's own TypeScript client (packages/client/src/api at c7e5968), its calls replayed as it
 * makes them: URLs built with encodeURIComponent, JSON bodies with Content-Type only when there
 * is a body, bodiless POSTs, binary PUTs, X-CAS-Proof on reads. Its response types are the
 * protocol's Zod schemas, so every answer is checked field by field the way they parse:
 * required, optional (absent, never null) or nullable.
 */
describe('CASFA client, unchanged', () => {
  let t: TestServer;
  let realm: string;
  let jwt: string;

  beforeAll(async () => {
    await initBlake3();
    t = await TestServer.start();
    const owner = await t.userWithToken(['user']);
    jwt = owner.token;
    realm = `usr_${owner.user.id}`;
  });
  afterAll(() => t.close());

  // --- the client's fetchApi/fetchWithAuth, as written: JSON Content-Type only with a body -----
  async function fetchApi(url: string, options: { method?: string; headers?: Record<string, string>; body?: unknown; responseType?: 'json' | 'none' } = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
    const response = await fetch(url, { method: options.method ?? 'GET', headers, body: options.body !== undefined ? JSON.stringify(options.body) : undefined });
    const data: any = options.responseType === 'none' ? undefined : await response.json();
    return { ok: response.ok, status: response.status, data };
  }
  const withAuth = (url: string, bearer: string, options: Parameters<typeof fetchApi>[1] = {}) =>
    fetchApi(url, { ...options, headers: { ...options.headers, Authorization: `Bearer ${bearer}` } });
  const realmUrl = (path: string) => `${t.baseUrl}/api/realm/${encodeURIComponent(realm)}${path}`;

  // --- the protocol's schemas, as checks: z.string(), .optional() (absent, not null), .nullable() ---
  type Check = (value: unknown) => boolean;
  const str: Check = (v) => typeof v === 'string';
  const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
  const bool: Check = (v) => typeof v === 'boolean';
  const arrayOf = (item: Check): Check => (v) => Array.isArray(v) && v.every(item);
  const nullable = (inner: Check): Check => (v) => v === null || inner(v);
  const OPTIONAL = Symbol('optional');
  const optional = (inner: Check) => Object.assign((v: unknown) => inner(v), { [OPTIONAL]: true });
  function expectShape(value: any, shape: Record<string, Check>): void {
    for (const [field, check] of Object.entries(shape)) {
      const isOptional = OPTIONAL in check;
      if (isOptional && !(field in value)) continue;
      expect({ field, ok: field in value && check(value[field]) }).toEqual({ field, ok: true });
    }
  }
  const NODE_KEY = /^nod_[0-9A-HJKMNP-TV-Z]{25}[048CGMRW]$/;
  const DELEGATE_ID = /^dlt_[0-9A-HJKMNP-TV-Z]{25}[048CGMRW]$/;
  const DEPOT_ID = /^dpt_[0-9A-HJKMNP-TV-Z]{25}[048CGMRW]$/;

  it('fetchServiceInfo and healthCheck parse as ServiceInfo and {status}', async () => {
    const info = await fetchApi(`${t.baseUrl}/api/info`);
    expect(info.status).toBe(200);
    expectShape(info.data, { service: str, version: str, storage: (v) => ['memory', 'fs', 's3'].includes(v as string), auth: (v) => ['mock', 'cognito', 'tokens-only'].includes(v as string), database: (v) => ['local', 'aws'].includes(v as string) });
    for (const limit of ['maxNodeSize', 'maxNameBytes', 'maxCollectionChildren', 'maxPayloadSize', 'maxDelegateTokenTtl', 'maxAccessTokenTtl', 'maxTokenDepth']) {
      expect(Number.isInteger(info.data.limits[limit]) && info.data.limits[limit] > 0).toBe(true);
    }
    expectShape(info.data.features, { jwtAuth: bool, oauthLogin: bool });
    expect((await fetchApi(`${t.baseUrl}/api/health`)).data).toMatchObject({ status: 'ok' });
  });

  it('plays a whole session: delegate, upload, check, read with proof, claim, depot, refresh, revoke', async () => {
    // createDelegate (the root delegate, through the user JWT, issues a child)
    const created = await withAuth(realmUrl('/delegates'), jwt, { method: 'POST', body: { name: 'agent', canUpload: true, canManageDepot: true } });
    expect(created.status).toBe(201);
    expectShape(created.data, { refreshToken: str, accessToken: str, accessTokenExpiresAt: num });
    expectShape(created.data.delegate, {
      delegateId: (v) => DELEGATE_ID.test(v as string), name: optional(str), realm: (v) => v === realm, parentId: (v) => DELEGATE_ID.test(v as string),
      depth: (v) => v === 1, canUpload: bool, canManageDepot: bool, delegatedDepots: optional(arrayOf(str)), expiresAt: optional(num), createdAt: num,
    });
    let at: string = created.data.accessToken;
    const rt: string = created.data.refreshToken;
    const delegateId: string = created.data.delegate.delegateId;

    // putNode: a file and the dict holding it, bottom up, as application/octet-stream
    const file = encodeFileNode({ contentType: 'text/plain', fileSize: 5, data: Buffer.from('hello') });
    const dict = encodeDictNode({ names: ['hello.txt'], children: [keyOf(file)] });
    const [fileKey, dictKey] = [nodeKeyText(keyOf(file)), nodeKeyText(keyOf(dict))];
    for (const [key, bytes] of [[fileKey, file], [dictKey, dict]] as const) {
      const response = await fetch(realmUrl(`/nodes/${encodeURIComponent(key)}`), {
        method: 'PUT',
        headers: { Authorization: `Bearer ${at}`, 'Content-Type': 'application/octet-stream' },
        body: bytes,
      });
      expect(response.status).toBe(200);
      // The client reads {nodeKey, status}; the realm document names {key, payloadSize, kind}.
      expect(await response.json()).toMatchObject({ nodeKey: key, status: 'created', key, kind: key === fileKey ? 'file' : 'dict' });
    }

    // checkNodes parses as CheckNodesResponse
    const missing = nodeKeyText(keyOf(encodeFileNode({ contentType: 'text/plain', fileSize: 1, data: Buffer.from('x') })));
    const check = await withAuth(realmUrl('/nodes/check'), at, { method: 'POST', body: { keys: [fileKey, dictKey, missing] } });
    expect(check.data).toEqual({ missing: [missing], owned: [fileKey, dictKey], unowned: [] });

    // A delegate scoped to the dict (a sibling of the uploader: it owns nothing) reads with
    // X-CAS-Proof, as getNode/getNodeMetadata send it
    const scoped = await withAuth(realmUrl('/delegates'), jwt, { method: 'POST', body: { name: 'reader', scope: [dictKey] } });
    expect(scoped.status).toBe(201);
    const reader: string = scoped.data.accessToken;
    const raw: Response = await fetch(realmUrl(`/nodes/${encodeURIComponent(fileKey)}`), { headers: { Authorization: `Bearer ${reader}`, 'X-CAS-Proof': '0:0' } });
    expect(raw.status).toBe(200);
    expect(Buffer.from(await raw.arrayBuffer()).equals(Buffer.from(file))).toBe(true);
    const noProof = await fetch(realmUrl(`/nodes/${encodeURIComponent(fileKey)}`), { headers: { Authorization: `Bearer ${reader}` } });
    expect(noProof.status).toBe(403);
    expect(((await noProof.json()) as { message?: unknown }).message).toEqual(expect.any(String)); // the client shows body.message

    const meta = await withAuth(realmUrl(`/nodes/${encodeURIComponent(dictKey)}/metadata`), reader, { headers: { 'X-CAS-Proof': '0' } });
    expect(meta.status).toBe(200);
    expectShape(meta.data, { key: str, kind: (v) => v === 'dict', payloadSize: num, children: (v) => JSON.stringify(v) === JSON.stringify({ 'hello.txt': fileKey }) });
    const fileMeta = await withAuth(realmUrl(`/nodes/${encodeURIComponent(fileKey)}/metadata`), reader, { headers: { 'X-CAS-Proof': '0:0' } });
    expectShape(fileMeta.data, { kind: (v) => v === 'file', contentType: (v) => v === 'text/plain', successor: optional(str) });

    // claimNode: a sibling with upload rights proves possession with its own access token
    const sibling = await withAuth(realmUrl('/delegates'), jwt, { method: 'POST', body: { canUpload: true } });
    const siblingAt = Buffer.from(sibling.data.accessToken, 'base64');
    const claim = await withAuth(realmUrl(`/nodes/${encodeURIComponent(fileKey)}/claim`), sibling.data.accessToken, { method: 'POST', body: { pop: computePop(siblingAt, file) } });
    expect(claim.status).toBe(200);
    expectShape(claim.data, { nodeHash: (v) => v === fileKey, alreadyOwned: (v) => v === false, delegateId: (v) => v === sibling.data.delegate.delegateId });

    // Depots: createDepot, listDepots, getDepot, updateDepot, commitDepot, deleteDepot (responseType none)
    const depot = await withAuth(realmUrl('/depots'), at, { method: 'POST', body: { title: 'main', maxHistory: 5 } });
    expect(depot.status).toBe(201);
    const depotShape = {
      depotId: (v: unknown) => DEPOT_ID.test(v as string), title: nullable(str), root: nullable(str), maxHistory: num, history: arrayOf(str),
      creatorIssuerId: (v: unknown) => v === delegateId, createdAt: num, updatedAt: num,
    };
    expectShape(depot.data, depotShape);
    const depotId: string = depot.data.depotId;
    const depotUrl = realmUrl(`/depots/${encodeURIComponent(depotId)}`);
    const list = await withAuth(`${realmUrl('/depots')}?limit=10`, at);
    expect(list.data.depots).toHaveLength(1);
    expect('nextCursor' in list.data).toBe(false); // nextCursor?: string — absent, not null
    expectShape((await withAuth(depotUrl, at)).data, depotShape);
    expect((await withAuth(depotUrl, at, { method: 'PATCH', body: { title: 'renamed' } })).data.title).toBe('renamed');
    const commit = await withAuth(`${depotUrl}/commit`, at, { method: 'POST', body: { root: dictKey } });
    expect(commit.data).toMatchObject({ depotId, root: dictKey, updatedAt: expect.any(Number) }); // CommitDepotResponse
    expect((await withAuth(depotUrl, at, { method: 'DELETE', responseType: 'none' })).ok).toBe(true);

    // listDelegates / getDelegate parse as ListDelegatesResponse / DelegateDetail
    const grandchild = await withAuth(realmUrl('/delegates'), at, { method: 'POST', body: {} });
    const children = await withAuth(`${realmUrl('/delegates')}?limit=10&includeRevoked=true`, at);
    expect(children.data.delegates.map((d: { delegateId: string }) => d.delegateId)).toEqual([grandchild.data.delegate.delegateId]);
    expect('nextCursor' in children.data).toBe(false);
    expectShape(children.data.delegates[0], { delegateId: str, name: optional(str), depth: num, canUpload: bool, canManageDepot: bool, isRevoked: bool, createdAt: num, expiresAt: optional(num) });
    const detail = await withAuth(realmUrl(`/delegates/${encodeURIComponent(delegateId)}`), at);
    expectShape(detail.data, {
      delegateId: (v) => v === delegateId, name: optional(str), realm: str, parentId: nullable(str), chain: arrayOf(str), depth: num, canUpload: bool,
      canManageDepot: bool, delegatedDepots: optional(arrayOf(str)), scopeNodeHash: optional(str), expiresAt: optional(num), isRevoked: bool,
      revokedAt: optional(num), revokedBy: optional(str), createdAt: num,
    });
    expect(NODE_KEY.test(fileKey)).toBe(true);

    // refreshToken: a bodiless POST with the RT as bearer
    const refreshed = await withAuth(`${t.baseUrl}/api/auth/refresh`, rt, { method: 'POST' });
    expect(refreshed.status).toBe(200);
    expectShape(refreshed.data, { refreshToken: str, accessToken: str, accessTokenExpiresAt: num, delegateId: (v) => v === delegateId });
    expect((await withAuth(realmUrl(''), at)).status).toBe(401); // the old access token is replaced
    at = refreshed.data.accessToken;
    expect((await withAuth(realmUrl(''), at)).data).toMatchObject({ realm, commit: {} });

    // revokeDelegate: a bodiless POST; the revoked delegate's descendants stop too
    const revoked = await withAuth(realmUrl(`/delegates/${encodeURIComponent(delegateId)}/revoke`), jwt, { method: 'POST' });
    expect(revoked.status).toBe(200);
    expectShape(revoked.data, { delegateId: (v) => v === delegateId, revokedAt: num });
    expect((await withAuth(realmUrl(''), grandchild.data.accessToken)).data.error).toBe('TOKEN_REVOKED');
    expect((await withAuth(realmUrl(''), reader)).status).toBe(200); // not below the revoked one
  });
});
