import { randomBytes } from 'node:crypto';
import { delegateIdBytes, dictNode, fileNode, initBlake3, nodeOf, popFor, TestNode, twoNodeFile, VECTORS } from '../support/cas-nodes';
import { computePop } from '../../src/cas/codec/pop';
import { TestServer } from '../support/test-server';
import { Delegate, expectError, Realm } from '../support/realm';

/*
 * Seed 002, the realm CAS, end to end: every route of src/cas and every error code it answers,
 * on the built server over HTTP. Every response is also checked against /docs-json.
 */

const EMPTY = VECTORS.emptyDictKey;
const EMPTY_DICT_BYTES = Buffer.from('43415301010000000000000000000000', 'hex');
const [EMPTY_FILE, B_FILE, HELLO, JSON_FILE] = VECTORS.files;
const SUCCESSOR = VECTORS.successors[0];
const [README_DICT, PNG_DICT] = VECTORS.dicts;
const DLT = /^dlt_[0-9A-HJKMNP-TV-Z]{26}$/;
const DPT = /^dpt_[0-9A-HJKMNP-TV-Z]{26}$/;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const sorted = (values: string[]) => [...values].sort();

const refresh = (t: TestServer, token?: string) => t.post('/api/auth/refresh', undefined, { token });

let t: TestServer;
/** CAS_MAX_NODE_SIZE=4096 and a 5000-byte realm quota. */
let small: TestServer;
const SMALL_NODE = 4096;
const SMALL_QUOTA = 5000;

beforeAll(async () => {
  await initBlake3();
  [t, small] = await Promise.all([TestServer.start(), TestServer.start({ CAS_MAX_NODE_SIZE: String(SMALL_NODE), CAS_REALM_QUOTA_BYTES: String(SMALL_QUOTA) })]);
});

afterAll(async () => {
  await Promise.all([t?.close(), small?.close()]);
});

describe('realm CAS: authentication', () => {
  it('creates the root delegate on the first JWT request, once, even when two first requests race', async () => {
    const realm = await Realm.of(t);
    const [a, b] = await Promise.all([realm.delegate(), realm.delegate()]);
    const rootId = a.view.parentId;
    expect(rootId).toMatch(DLT);
    expect(b.view.parentId).toBe(rootId);

    const root = await realm.get(`/delegates/${rootId}`);
    expect(root.status).toBe(200);
    expect(root.body).toEqual({
      delegateId: rootId,
      realm: realm.id,
      parentId: null,
      chain: [rootId],
      depth: 0,
      canUpload: true,
      canManageDepot: true,
      isRevoked: false,
      createdAt: expect.any(Number),
    });
    const child = await realm.get(`/delegates/${a.id}`);
    expect(child.body.chain).toEqual([rootId, a.id]);

    const info = await realm.get('');
    expect(info.status).toBe(200);
    expect(info.body).toEqual({ realm: realm.id, commit: {}, nodeLimit: 4 * 1024 * 1024, maxNameBytes: 255 });
  });

  it('serves a data route to an access token; a refresh token there is 403 ACCESS_TOKEN_REQUIRED', async () => {
    const realm = await Realm.of(t);
    const reader = await realm.delegate({ name: 'reader' });
    const info = await realm.get('', reader.at);
    expect(info.status).toBe(200);
    // No canUpload: no commit capability advertised.
    expect(info.body).toEqual({ realm: realm.id, nodeLimit: 4 * 1024 * 1024, maxNameBytes: 255 });
    expectError(await realm.get('', reader.rt), 403, 'ACCESS_TOKEN_REQUIRED');
    expectError(await realm.get('/usage', reader.rt), 403, 'ACCESS_TOKEN_REQUIRED');
  });

  it('answers 401 with WWW-Authenticate: missing, garbage, unknown delegate, forged, bad JWT', async () => {
    const realm = await Realm.of(t);
    const d = await realm.delegate();
    const real = Buffer.from(d.at, 'base64');

    const unknown = Buffer.from(real);
    randomBytes(16).copy(unknown, 0);
    const forgedNonce = Buffer.from(real);
    forgedNonce[31] ^= 0xff;
    const forgedExpiry = Buffer.from(real);
    forgedExpiry.writeBigUInt64LE(BigInt(Date.now() + 365 * 86_400_000), 16);

    const cases: Array<[string | undefined, string]> = [
      [undefined, 'UNAUTHORIZED'],
      ['garbage', 'INVALID_TOKEN_FORMAT'],
      [b64(randomBytes(20)), 'INVALID_TOKEN_FORMAT'],
      [b64(unknown), 'TOKEN_NOT_FOUND'],
      [b64(forgedNonce), 'TOKEN_INVALID'],
      [b64(forgedExpiry), 'TOKEN_INVALID'],
      ['not.a.jwt', 'UNAUTHORIZED'],
    ];
    for (const [token, error] of cases) {
      // Not realm.get: its default token is the JWT.
      const res = await t.get(realm.path('/delegates'), { token });
      expectError(res, 401, error);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
    expect((await realm.get('/delegates', d.at)).status).toBe(200);
  });

  it('refuses an expired access token (TOKEN_EXPIRED) and an expired delegate (TOKEN_EXPIRED, refresh: DELEGATE_EXPIRED)', async () => {
    const realm = await Realm.of(t);
    const shortAt = await realm.delegate({ tokenTtlSeconds: 1 });
    const shortLived = await realm.delegate({ expiresIn: 1 });
    expect(shortAt.atExpiresAt - Date.now()).toBeLessThanOrEqual(1000);
    expect(shortLived.atExpiresAt).toBe(shortLived.view.expiresAt);
    expect((await realm.get('', shortAt.at)).status).toBe(200);

    await sleep(Math.max(shortAt.atExpiresAt, shortLived.view.expiresAt) - Date.now() + 50);
    expectError(await realm.get('', shortAt.at), 401, 'TOKEN_EXPIRED');
    expectError(await realm.get('', shortLived.at), 401, 'TOKEN_EXPIRED');
    expectError(await refresh(t, shortLived.rt), 401, 'DELEGATE_EXPIRED');

    // An expired access token is what refresh is for.
    const renewed = await refresh(t, shortAt.rt);
    expect(renewed.status).toBe(200);
    expect((await realm.get('', renewed.body.accessToken)).status).toBe(200);
  });

  it('refuses the token of a revoked delegate with 401 TOKEN_REVOKED', async () => {
    const realm = await Realm.of(t);
    const d = await realm.delegate();
    expect((await realm.post(`/delegates/${d.id}/revoke`, undefined)).status).toBe(200);
    const res = await realm.get('', d.at);
    expectError(res, 401, 'TOKEN_REVOKED');
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it("stops every delegate of a disabled user's realm, and starts them again when re-enabled", async () => {
    const realm = await Realm.of(t);
    const d = await realm.delegate();
    const userId = Number(realm.id.slice(4));
    const admin = await t.adminToken();
    expect((await t.patch(`/api/admin/users/${userId}`, { disabled: true }, { token: admin })).status).toBe(200);
    expectError(await realm.get('', d.at), 401, 'TOKEN_REVOKED');
    expectError(await refresh(t, d.rt), 401, 'DELEGATE_REVOKED');
    expect((await realm.get('')).status).toBe(401); // the JWT too
    expect((await t.patch(`/api/admin/users/${userId}`, { disabled: false }, { token: admin })).status).toBe(200);
    expect((await realm.get('', d.at)).status).toBe(200);
  });

  it("answers 403 REALM_MISMATCH for another user's JWT or access token", async () => {
    const a = await Realm.of(t);
    const b = await Realm.of(t);
    const bChild = await b.delegate({ canUpload: true });
    expectError(await a.get('', b.jwt), 403, 'REALM_MISMATCH');
    expectError(await a.get('/delegates', bChild.at), 403, 'REALM_MISMATCH');
    expectError(await a.put(HELLO, b.jwt), 403, 'REALM_MISMATCH');
    expectError(await t.get(`/api/realm/usr_999999/usage`, { token: bChild.at }), 403, 'REALM_MISMATCH');
    expect((await b.get('', bChild.at)).status).toBe(200);
  });
});

describe('realm CAS: delegates', () => {
  it('issues a child with exactly the documented fields, tokens in their binary layout', async () => {
    const realm = await Realm.of(t);
    const rootId = await realm.rootId();
    const depot = await realm.depot({ title: 'delegated' });

    const before = Date.now();
    const res = await realm.post('/delegates', { name: 'ci', canUpload: true, canManageDepot: true, delegatedDepots: [depot.depotId], expiresIn: 600, tokenTtlSeconds: 120 });
    const after = Date.now();
    expect(res.status).toBe(201);
    expect(sorted(Object.keys(res.body))).toEqual(['accessToken', 'accessTokenExpiresAt', 'delegate', 'refreshToken']);
    const { delegate } = res.body;
    expect(delegate).toEqual({
      delegateId: expect.stringMatching(DLT),
      name: 'ci',
      realm: realm.id,
      parentId: rootId,
      depth: 1,
      canUpload: true,
      canManageDepot: true,
      delegatedDepots: [depot.depotId],
      expiresAt: expect.any(Number),
      createdAt: expect.any(Number),
    });
    expect(delegate.expiresAt).toBeGreaterThanOrEqual(before + 600_000);
    expect(delegate.expiresAt).toBeLessThanOrEqual(after + 600_000);
    expect(res.body.accessTokenExpiresAt).toBeGreaterThanOrEqual(before + 120_000);
    expect(res.body.accessTokenExpiresAt).toBeLessThanOrEqual(after + 120_000);

    const at = Buffer.from(res.body.accessToken, 'base64');
    const rt = Buffer.from(res.body.refreshToken, 'base64');
    expect(at).toHaveLength(32);
    expect(rt).toHaveLength(24);
    expect(at.subarray(0, 16)).toEqual(delegateIdBytes(delegate.delegateId));
    expect(rt.subarray(0, 16)).toEqual(delegateIdBytes(delegate.delegateId));
    expect(Number(at.readBigUInt64LE(16))).toBe(res.body.accessTokenExpiresAt);

    const detail = await realm.get(`/delegates/${delegate.delegateId}`);
    expect(detail.body).toEqual({
      delegateId: delegate.delegateId,
      name: 'ci',
      realm: realm.id,
      parentId: rootId,
      chain: [rootId, delegate.delegateId],
      depth: 1,
      canUpload: true,
      canManageDepot: true,
      delegatedDepots: [depot.depotId],
      expiresAt: delegate.expiresAt,
      isRevoked: false,
      createdAt: delegate.createdAt,
    });
  });

  it('omits absent optional fields (never null) and defaults every permission to false', async () => {
    const realm = await Realm.of(t);
    const res = await realm.post('/delegates', {});
    expect(res.status).toBe(201);
    expect(sorted(Object.keys(res.body.delegate))).toEqual(['canManageDepot', 'canUpload', 'createdAt', 'delegateId', 'depth', 'parentId', 'realm']);
    expect(res.body.delegate).toMatchObject({ canUpload: false, canManageDepot: false, depth: 1 });
    expect(res.text).not.toContain('null');
    // The default access token lifetime is an hour.
    expect(res.body.accessTokenExpiresAt - Date.now()).toBeGreaterThan(3590_000);

    const detail = await realm.get(`/delegates/${res.body.delegate.delegateId}`);
    expect(sorted(Object.keys(detail.body))).toEqual(['canManageDepot', 'canUpload', 'chain', 'createdAt', 'delegateId', 'depth', 'isRevoked', 'parentId', 'realm']);

    const list = await realm.get('/delegates');
    expect(sorted(Object.keys(list.body.delegates[0]))).toEqual(['canManageDepot', 'canUpload', 'createdAt', 'delegateId', 'depth', 'isRevoked']);
  });

  it('refuses PERMISSION_ESCALATION: flags the issuer lacks, a longer life, depots outside its list', async () => {
    const realm = await Realm.of(t);
    const [d1, d2] = [await realm.depot({ title: 'one' }), await realm.depot({ title: 'two' })];
    const readOnly = await realm.delegate();
    expectError(await realm.post('/delegates', { canUpload: true }, readOnly.at), 400, 'PERMISSION_ESCALATION');
    expectError(await realm.post('/delegates', { canManageDepot: true }, readOnly.at), 400, 'PERMISSION_ESCALATION');

    const mortal = await realm.delegate({ expiresIn: 60, canUpload: true });
    expectError(await realm.post('/delegates', { expiresIn: 120 }, mortal.at), 400, 'PERMISSION_ESCALATION');
    const shorter = await realm.delegate({ expiresIn: 30 }, mortal.at);
    expect(shorter.view.expiresAt).toBeLessThanOrEqual(mortal.view.expiresAt);
    const inheriting = await realm.delegate({ canUpload: true }, mortal.at);
    expect(inheriting.view.expiresAt).toBe(mortal.view.expiresAt);
    expect(inheriting.atExpiresAt).toBeLessThanOrEqual(mortal.view.expiresAt);

    const manager = await realm.delegate({ canManageDepot: true, delegatedDepots: [d1.depotId] });
    expectError(await realm.post('/delegates', { canManageDepot: true, delegatedDepots: [d2.depotId] }, manager.at), 400, 'PERMISSION_ESCALATION');
    expect((await realm.delegate({ canManageDepot: true, delegatedDepots: [d1.depotId] }, manager.at)).view.delegatedDepots).toEqual([d1.depotId]);
    expect((await realm.delegate({ canManageDepot: true }, manager.at)).view.delegatedDepots).toEqual([d1.depotId]);
  });

  it('resolves scope within the issuer (INVALID_SCOPE otherwise)', async () => {
    const realm = await Realm.of(t);
    const dict = dictNode({ 'a.txt': HELLO.key, 'b.json': JSON_FILE.key });
    await realm.store(realm.jwt, HELLO, JSON_FILE, dict);
    const unstored = fileNode('never stored');
    const depot = await realm.depot();

    for (const scope of [['.'], ['0:1'], [unstored.key], ['cas://dpt_00000000000000000000000000']]) {
      expectError(await realm.post('/delegates', { scope }), 400, 'INVALID_SCOPE');
    }
    const byDepot = await realm.delegate({ scope: [`cas://${depot.depotId}`] });
    expect((await realm.get(`/delegates/${byDepot.id}`)).body).toMatchObject({ scope: [EMPTY], scopeNodeHash: EMPTY });

    const scoped = await realm.delegate({ scope: [`cas://${dict.key}`] });
    const detail = await realm.get(`/delegates/${scoped.id}`);
    expect(detail.body).toMatchObject({ scope: [dict.key], scopeNodeHash: dict.key });

    for (const scope of [[HELLO.key], ['0:2'], ['1'], ['0:0:0']]) {
      expectError(await realm.post('/delegates', { scope }, scoped.at), 400, 'INVALID_SCOPE');
    }
    const narrowed = await realm.delegate({ scope: ['0:1', '.:0:0'] }, scoped.at);
    const narrowedDetail = await realm.get(`/delegates/${narrowed.id}`, scoped.at);
    expect(narrowedDetail.body.scope).toEqual([JSON_FILE.key, HELLO.key]);
    expect(narrowedDetail.body).not.toHaveProperty('scopeNodeHash');
    const same = await realm.delegate({ scope: ['.', dict.key] }, scoped.at);
    expect((await realm.get(`/delegates/${same.id}`)).body.scope).toEqual([dict.key]);
  });

  it('allows 15 levels of delegation and refuses the 16th with MAX_DEPTH_EXCEEDED', async () => {
    const realm = await Realm.of(t);
    let token = realm.jwt;
    let last: Delegate | undefined;
    for (let depth = 1; depth <= 15; depth++) {
      last = await realm.delegate({ canUpload: true }, token);
      expect(last.view.depth).toBe(depth);
      token = last.at;
    }
    expectError(await realm.post('/delegates', {}, token), 400, 'MAX_DEPTH_EXCEEDED');
    const detail = await realm.get(`/delegates/${last!.id}`);
    expect(detail.body.depth).toBe(15);
    expect(detail.body.chain).toHaveLength(16);
  });

  it('lists direct children only, in cursor pages, with revoked ones on request', async () => {
    const realm = await Realm.of(t);
    const children: Delegate[] = [];
    for (let i = 1; i <= 5; i++) children.push(await realm.delegate({ name: `c${i}` }));
    const grandchild = await realm.delegate({ name: 'g1' }, children[0].at);
    expect((await realm.post(`/delegates/${children[4].id}/revoke`, undefined)).status).toBe(200);

    const first = await realm.get('/delegates?limit=2');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ delegates: [expect.any(Object), expect.any(Object)], nextCursor: expect.any(String), hasMore: true });
    const second = await realm.get(`/delegates?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.delegates).toHaveLength(2);
    expect(second.body.hasMore).toBe(false);
    expect(second.body).not.toHaveProperty('nextCursor');
    const paged = [...first.body.delegates, ...second.body.delegates];
    expect(sorted(paged.map((d) => d.delegateId))).toEqual(sorted(children.slice(0, 4).map((d) => d.id)));
    expect(paged.map((d) => d.delegateId)).toEqual([...paged.map((d) => d.delegateId)].sort());
    expect(paged.find((d) => d.delegateId === children[0].id)).toEqual({
      delegateId: children[0].id,
      name: 'c1',
      depth: 1,
      canUpload: false,
      canManageDepot: false,
      isRevoked: false,
      createdAt: children[0].view.createdAt,
    });

    const all = await realm.get('/delegates?includeRevoked=true');
    expect(all.body.delegates).toHaveLength(5);
    expect(all.body.hasMore).toBe(false);
    expect(all.body.delegates.filter((d: any) => d.isRevoked).map((d: any) => d.delegateId)).toEqual([children[4].id]);
    expect(all.body.delegates.map((d: any) => d.delegateId)).not.toContain(grandchild.id);

    const mine = await realm.get('/delegates', children[0].at);
    expect(mine.body.delegates.map((d: any) => d.delegateId)).toEqual([grandchild.id]);
    expect((await realm.get('/delegates', grandchild.at)).body).toEqual({ delegates: [], hasMore: false });

    // A cursor is bound to its list: another caller's, or the includeRevoked list's, is refused.
    expectError(await realm.get(`/delegates?cursor=${first.body.nextCursor}`, children[0].at), 400, 'validation_error');
    expectError(await realm.get(`/delegates?includeRevoked=true&cursor=${first.body.nextCursor}`), 400, 'validation_error');
  });

  it('shows the caller and its descendants only (404 DELEGATE_NOT_FOUND for siblings, ancestors, strangers)', async () => {
    const realm = await Realm.of(t);
    const other = await Realm.of(t);
    const rootId = await realm.rootId();
    const parent = await realm.delegate({ name: 'parent' });
    const child = await realm.delegate({ name: 'child' }, parent.at);
    const sibling = await realm.delegate({ name: 'sibling' });
    const stranger = await other.delegate();

    expect((await realm.get(`/delegates/${parent.id}`, parent.at)).body).toMatchObject({ delegateId: parent.id, name: 'parent' });
    expect((await realm.get(`/delegates/${child.id}`, parent.at)).body).toMatchObject({ delegateId: child.id, chain: [rootId, parent.id, child.id], depth: 2 });
    expect((await realm.get(`/delegates/${child.id}`)).status).toBe(200);
    for (const id of [sibling.id, rootId, stranger.id, 'dlt_nonsense', 'dlt_00000000000000000000000000']) {
      expectError(await realm.get(`/delegates/${id}`, parent.at), 404, 'DELEGATE_NOT_FOUND');
    }
    expectError(await realm.get(`/delegates/${parent.id}`, child.at), 404, 'DELEGATE_NOT_FOUND');
    expectError(await realm.get(`/delegates/${stranger.id}`), 404, 'DELEGATE_NOT_FOUND');
  });

  it('revokes a subtree at once; twice is 409; the root is immutable; siblings cannot; a delegate can revoke itself', async () => {
    const realm = await Realm.of(t);
    const rootId = await realm.rootId();
    const middle = await realm.delegate({ canUpload: true });
    const leaf = await realm.delegate({ canUpload: true }, middle.at);
    const bystander = await realm.delegate();
    expect((await realm.get('', leaf.at)).status).toBe(200);

    const before = Date.now();
    const revoked = await realm.post(`/delegates/${middle.id}/revoke`, undefined);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ delegateId: middle.id, revokedAt: expect.any(Number) });
    expect(revoked.body.revokedAt).toBeGreaterThanOrEqual(before - 1000);

    expectError(await realm.get('', leaf.at), 401, 'TOKEN_REVOKED');
    expectError(await realm.get('', middle.at), 401, 'TOKEN_REVOKED');
    expect((await realm.get('', bystander.at)).status).toBe(200);
    const leafDetail = await realm.get(`/delegates/${leaf.id}`);
    expect(leafDetail.body).toMatchObject({ isRevoked: true, revokedAt: revoked.body.revokedAt, revokedBy: rootId });

    expectError(await realm.post(`/delegates/${middle.id}/revoke`, undefined), 409, 'DELEGATE_ALREADY_REVOKED');
    expectError(await realm.post(`/delegates/${leaf.id}/revoke`, undefined), 409, 'DELEGATE_ALREADY_REVOKED');
    expectError(await realm.post(`/delegates/${rootId}/revoke`, undefined), 403, 'ROOT_DELEGATE_IMMUTABLE');

    const sibling = await realm.delegate();
    expectError(await realm.post(`/delegates/${sibling.id}/revoke`, undefined, bystander.at), 404, 'DELEGATE_NOT_FOUND');
    expect((await realm.get('', sibling.at)).status).toBe(200);
    const self = await realm.post(`/delegates/${bystander.id}/revoke`, undefined, bystander.at);
    expect(self.status).toBe(200);
    expectError(await realm.get('', bystander.at), 401, 'TOKEN_REVOKED');
    expect((await realm.get(`/delegates/${bystander.id}`)).body.revokedBy).toBe(bystander.id);
  });
});

describe('realm CAS: POST /api/auth/refresh', () => {
  it('rotates: the new pair works, the old refresh and access tokens are dead', async () => {
    const realm = await Realm.of(t);
    const d = await realm.delegate();
    const res = await refresh(t, d.rt);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ refreshToken: expect.any(String), accessToken: expect.any(String), accessTokenExpiresAt: expect.any(Number), delegateId: d.id });
    expect(Buffer.from(res.body.refreshToken, 'base64')).toHaveLength(24);
    expect(res.body.refreshToken).not.toBe(d.rt);
    expect(res.body.accessToken).not.toBe(d.at);

    expect((await realm.get('', res.body.accessToken)).status).toBe(200);
    expectError(await realm.get('', d.at), 401, 'TOKEN_INVALID');
    expectError(await refresh(t, d.rt), 401, 'TOKEN_INVALID');
    // A replay does not revoke: the current refresh token still rotates.
    const again = await refresh(t, res.body.refreshToken);
    expect(again.status).toBe(200);
    expectError(await realm.get('', res.body.accessToken), 401, 'TOKEN_INVALID');
    expect((await realm.get('', again.body.accessToken)).status).toBe(200);
  });

  it('refuses an access token (400 NOT_REFRESH_TOKEN), a JWT or the root (400 ROOT_REFRESH_NOT_ALLOWED), and bad bearers (401)', async () => {
    const realm = await Realm.of(t);
    const d = await realm.delegate();
    const rootId = await realm.rootId();
    expectError(await refresh(t, d.at), 400, 'NOT_REFRESH_TOKEN');
    expectError(await refresh(t, realm.jwt), 400, 'ROOT_REFRESH_NOT_ALLOWED');
    const rootRt = b64(Buffer.concat([delegateIdBytes(rootId), randomBytes(8)]));
    expectError(await refresh(t, rootRt), 400, 'ROOT_REFRESH_NOT_ALLOWED');

    for (const [token, error] of [
      [undefined, 'UNAUTHORIZED'],
      ['!!!', 'INVALID_TOKEN_FORMAT'],
      [b64(randomBytes(16)), 'INVALID_TOKEN_FORMAT'],
      [b64(randomBytes(24)), 'DELEGATE_NOT_FOUND'],
      [b64(Buffer.concat([delegateIdBytes(d.id), randomBytes(8)])), 'TOKEN_INVALID'],
    ] as Array<[string | undefined, string]>) {
      const res = await refresh(t, token);
      expectError(res, 401, error);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
    // None of that touched the real pair.
    expect((await refresh(t, d.rt)).status).toBe(200);
  });

  it('refuses the refresh token of a revoked delegate with 401 DELEGATE_REVOKED', async () => {
    const realm = await Realm.of(t);
    const parent = await realm.delegate();
    const d = await realm.delegate({}, parent.at);
    await realm.post(`/delegates/${parent.id}/revoke`, undefined);
    expectError(await refresh(t, d.rt), 401, 'DELEGATE_REVOKED');
    expectError(await refresh(t, parent.rt), 401, 'DELEGATE_REVOKED');
  });

  it('lets exactly one of 10 concurrent refreshes of one token win', async () => {
    const realm = await Realm.of(t);
    const d = await realm.delegate();
    const results = await Promise.all(Array.from({ length: 10 }, () => refresh(t, d.rt)));
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((r) => r.status !== 200)) expectError(loser, 401, 'TOKEN_INVALID');
    expect((await realm.get('', winners[0].body.accessToken)).status).toBe(200);
    expect((await refresh(t, winners[0].body.refreshToken)).status).toBe(200);
  });
});

describe('realm CAS: nodes', () => {
  let realm: Realm;
  /** Uploads the vector nodes: it (and its descendants) own them. */
  let uploader: Delegate;
  /** A child of the root without scope: a sibling of the uploader. */
  let sibling: Delegate;
  /** {a.txt: HELLO, b.json: JSON_FILE}, stored by the root. */
  let dict: TestNode;

  beforeAll(async () => {
    realm = await Realm.of(t);
    uploader = await realm.delegate({ name: 'uploader', canUpload: true });
    sibling = await realm.delegate({ name: 'sibling', canUpload: true });
    dict = dictNode({ 'a.txt': HELLO.key, 'b.json': JSON_FILE.key });
  });

  it('stores every reference vector, leaves before dicts; a second upload is "exists"', async () => {
    const expected = [
      ...VECTORS.files.map((v) => ({ v, kind: 'file', payloadSize: v.payloadSize })),
      { v: SUCCESSOR, kind: 'successor', payloadSize: SUCCESSOR.dataSize },
      { v: README_DICT, kind: 'dict', payloadSize: README_DICT.payloadSize },
    ];
    for (const { v, kind, payloadSize } of expected) {
      const first = await realm.put(v, uploader.at);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ key: v.key, payloadSize, kind, nodeKey: v.key, status: 'created' });
      const again = await realm.put(v, uploader.at);
      expect(again.status).toBe(200);
      expect(again.body.status).toBe('exists');
    }
    // The second dict vector names c.png, which no vector holds: 409 until it is stored.
    const png = await realm.put(PNG_DICT, uploader.at);
    expectError(png, 409, 'missing_nodes');
    expect(png.body.details.missing).toEqual([PNG_DICT.children['c.png']]);

    const empty = await realm.put({ key: EMPTY, bytes: EMPTY_DICT_BYTES });
    expect(empty.body).toEqual({ key: EMPTY, payloadSize: 0, kind: 'dict', nodeKey: EMPTY, status: 'exists' });
    await realm.store(realm.jwt, dict);
  });

  it('refuses bytes that do not hash to the key (KEY_MISMATCH) or are no valid node (INVALID_NODE)', async () => {
    const mismatch = await realm.put({ key: JSON_FILE.key, bytes: HELLO.bytes }, uploader.at);
    expectError(mismatch, 400, 'KEY_MISMATCH');
    expect(mismatch.body.details).toEqual({ key: JSON_FILE.key, actual: HELLO.key });

    const badMagic = Uint8Array.from(HELLO.bytes);
    badMagic[0] = 0x58;
    const truncated = HELLO.bytes.slice(0, -1);
    const badUtf8 = Uint8Array.from(README_DICT.bytes);
    for (const [bytes, reason] of [
      [badMagic, 'bad_magic'],
      [truncated, 'length_mismatch'],
      [new Uint8Array(8), 'truncated'],
    ] as Array<[Uint8Array, string]>) {
      const res = await realm.put(nodeOf(bytes), uploader.at);
      expectError(res, 400, 'INVALID_NODE');
      expect(res.body.details.reason).toBe(reason);
    }
    badUtf8[badUtf8.length - 1] = 0xff; // "README.m\xff": not UTF-8
    const badName = await realm.put(nodeOf(badUtf8), uploader.at);
    expectError(badName, 400, 'INVALID_NODE');
    expect(badName.body.details.reason).toBe('bad_utf8');
    expect((await realm.check([nodeOf(badMagic).key])).body.missing).toEqual([nodeOf(badMagic).key]);
  });

  it('refuses a dict whose children are missing with 409 missing_nodes (details.missing)', async () => {
    const absent = fileNode('not stored anywhere');
    const orphan = dictNode({ 'here.txt': HELLO.key, 'gone.txt': absent, 'empty': EMPTY });
    const res = await realm.put(orphan, uploader.at);
    expectError(res, 409, 'missing_nodes');
    expect(res.body.details.missing).toEqual([absent.key]);
  });

  it('refuses children owned outside the chain (403 CHILD_NOT_AUTHORIZED) unless X-CAS-Child-Proofs proves them', async () => {
    const scoped = await realm.delegate({ canUpload: true, scope: [dict.key] });
    const copy = dictNode({ 'copy.txt': HELLO.key, 'copy.json': JSON_FILE.key, 'nothing': EMPTY });

    const refused = await realm.put(copy, scoped.at);
    expectError(refused, 403, 'CHILD_NOT_AUTHORIZED');
    expect(sorted(refused.body.details.unauthorized)).toEqual(sorted([HELLO.key, JSON_FILE.key]));

    const half = await realm.put(copy, scoped.at, { 'X-CAS-Child-Proofs': `${HELLO.key}:0:0` });
    expectError(half, 403, 'CHILD_NOT_AUTHORIZED');
    expect(half.body.details.unauthorized).toEqual([JSON_FILE.key]);
    const wrong = await realm.put(copy, scoped.at, { 'X-CAS-Child-Proofs': `${HELLO.key}:0:1,${JSON_FILE.key}:0:0` });
    expectError(wrong, 403, 'CHILD_NOT_AUTHORIZED');
    expect(sorted(wrong.body.details.unauthorized)).toEqual(sorted([HELLO.key, JSON_FILE.key]));
    expectError(await realm.put(copy, scoped.at, { 'X-CAS-Child-Proofs': 'nonsense' }), 400, 'INVALID_PROOF_FORMAT');

    const proved = await realm.put(copy, scoped.at, { 'X-CAS-Child-Proofs': `${HELLO.key}:0:0,${JSON_FILE.key}:0:1` });
    expect(proved.status).toBe(200);
    expect(proved.body.status).toBe('created');
    const json = dictNode({ 'x.txt': HELLO.key });
    const viaJson = await realm.put(json, scoped.at, { 'X-CAS-Child-Proofs': JSON.stringify({ [HELLO.key]: 'ipath#0:0' }) });
    expect(viaJson.status).toBe(200);

    // The uploader's chain owns its children: no proof needed. The root may reference any stored node.
    expect((await realm.put(dictNode({ 'mine.txt': HELLO.key }), uploader.at)).status).toBe(200);
    expect((await realm.put(dictNode({ 'root.txt': HELLO.key, 'root.json': JSON_FILE.key }))).status).toBe(200);
  });

  it('refuses an upload by a delegate without canUpload (403 UPLOAD_NOT_ALLOWED)', async () => {
    const reader = await realm.delegate();
    expectError(await realm.put(fileNode('reader upload'), reader.at), 403, 'UPLOAD_NOT_ALLOWED');
    expectError(await realm.put(HELLO, reader.at), 403, 'UPLOAD_NOT_ALLOWED');
  });

  it('serves raw bytes with X-CAS-Kind, X-CAS-Payload-Size and (files) X-CAS-Content-Type', async () => {
    const file = await realm.get(`/nodes/${HELLO.key}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect(new Uint8Array(file.bytes)).toEqual(HELLO.bytes);
    expect(file.headers.get('content-length')).toBe(String(HELLO.bytes.length));
    expect(file.headers.get('x-cas-kind')).toBe('file');
    expect(file.headers.get('x-cas-payload-size')).toBe(String(HELLO.payloadSize));
    expect(file.headers.get('x-cas-content-type')).toBe('text/plain');

    const dir = await realm.get(`/nodes/${README_DICT.key}`);
    expect(new Uint8Array(dir.bytes)).toEqual(README_DICT.bytes);
    expect(dir.headers.get('x-cas-kind')).toBe('dict');
    expect(dir.headers.get('x-cas-payload-size')).toBe(String(README_DICT.payloadSize));
    expect(dir.headers.has('x-cas-content-type')).toBe(false);

    const successor = await realm.get(`/nodes/${SUCCESSOR.key}`, uploader.at);
    expect(new Uint8Array(successor.bytes)).toEqual(SUCCESSOR.bytes);
    expect(successor.headers.get('x-cas-kind')).toBe('successor');
    expect(successor.headers.get('x-cas-payload-size')).toBe(String(SUCCESSOR.dataSize));

    const json = await realm.get(`/nodes/${JSON_FILE.key}`, uploader.at);
    expect(json.headers.get('x-cas-content-type')).toBe('application/json');
    expect((await realm.get(`/nodes/${EMPTY_FILE.key}`)).headers.get('x-cas-content-type')).toBe('application/octet-stream');

    // The empty dict is well known: every realm has it.
    const empty = await realm.get(`/nodes/${EMPTY}`, sibling.at);
    expect(empty.status).toBe(200);
    expect(empty.bytes.toString('hex')).toBe('43415301010000000000000000000000');
    expect(empty.headers.get('x-cas-kind')).toBe('dict');
  });

  it('describes nodes: a dict by its children, a file by type and size, a successor', async () => {
    expect((await realm.get(`/nodes/${README_DICT.key}/metadata`)).body).toEqual({ key: README_DICT.key, kind: 'dict', payloadSize: 11, children: { 'README.md': B_FILE.key } });
    expect((await realm.get(`/nodes/${dict.key}/metadata`)).body.children).toEqual({ 'a.txt': HELLO.key, 'b.json': JSON_FILE.key });
    expect((await realm.get(`/nodes/${HELLO.key}/metadata`, uploader.at)).body).toEqual({
      key: HELLO.key,
      kind: 'file',
      payloadSize: HELLO.payloadSize,
      contentType: 'text/plain',
      fileSize: 13,
      successors: [],
    });
    expect((await realm.get(`/nodes/${SUCCESSOR.key}/metadata`)).body).toEqual({ key: SUCCESSOR.key, kind: 'successor', payloadSize: SUCCESSOR.dataSize, successors: [] });
    expect((await realm.get(`/nodes/${EMPTY}/metadata`, sibling.at)).body).toEqual({ key: EMPTY, kind: 'dict', payloadSize: 0, children: {} });
  });

  it('sorts keys into missing, owned (stored by the delegate or one below it, or well-known) and unowned', async () => {
    const unstored = fileNode('check me').key;
    const asRoot = await realm.check([HELLO.key, unstored, EMPTY, HELLO.key]);
    expect(asRoot.status).toBe(200);
    expect(asRoot.body).toEqual({ missing: [unstored], owned: [HELLO.key, EMPTY], unowned: [] });
    // CASFA's ownership: a node belongs to the delegate that stored it and its ancestors only.
    expect((await realm.check([HELLO.key, dict.key, unstored], uploader.at)).body).toEqual({ missing: [unstored], owned: [HELLO.key], unowned: [dict.key] });
    expect((await realm.check([HELLO.key, dict.key, EMPTY], sibling.at)).body).toEqual({ missing: [], owned: [EMPTY], unowned: [HELLO.key, dict.key] });
    const grandchild = await realm.delegate({ canUpload: true }, uploader.at);
    expect((await realm.check([HELLO.key], grandchild.at)).body.unowned).toEqual([HELLO.key]);
    const below = fileNode('stored below the uploader');
    await realm.store(grandchild.at, below);
    expect((await realm.check([below.key], uploader.at)).body.owned).toEqual([below.key]);
  });

  it('lets owners read (the storer and its ancestors), refuses others (403 NODE_NOT_IN_SCOPE) unless X-CAS-Proof leads there', async () => {
    expect((await realm.get(`/nodes/${HELLO.key}`, uploader.at)).status).toBe(200);
    expect((await realm.get(`/nodes/${HELLO.key}/metadata`, uploader.at)).status).toBe(200);
    const grandchild = await realm.delegate({ canUpload: true }, uploader.at);
    expectError(await realm.get(`/nodes/${HELLO.key}`, grandchild.at), 403, 'NODE_NOT_IN_SCOPE');
    const below = fileNode('read by the ancestor');
    await realm.store(grandchild.at, below);
    expect((await realm.get(`/nodes/${below.key}`, uploader.at)).status).toBe(200);

    const refused = await realm.get(`/nodes/${HELLO.key}`, sibling.at);
    expectError(refused, 403, 'NODE_NOT_IN_SCOPE');
    expect(refused.body.details).toEqual({ key: HELLO.key });
    expectError(await realm.get(`/nodes/${HELLO.key}/metadata`, sibling.at), 403, 'NODE_NOT_IN_SCOPE');

    const scoped = await realm.delegate({ scope: [dict.key] });
    const proved = await realm.get(`/nodes/${JSON_FILE.key}`, scoped.at, { 'X-CAS-Proof': '0:1' });
    expect(proved.status).toBe(200);
    expect(new Uint8Array(proved.bytes)).toEqual(JSON_FILE.bytes);
    expect((await realm.get(`/nodes/${JSON_FILE.key}`, scoped.at, { 'X-CAS-Index-Path': '0:1' })).status).toBe(200);
    expect((await realm.get(`/nodes/${JSON_FILE.key}`, scoped.at, { 'X-CAS-Proof': JSON.stringify({ [JSON_FILE.key]: 'ipath#0:1' }) })).status).toBe(200);
    expect((await realm.get(`/nodes/${JSON_FILE.key}/metadata`, scoped.at, { 'X-CAS-Proof': '0:1' })).body.contentType).toBe('application/json');
    expect((await realm.get(`/nodes/${JSON_FILE.key}/metadata`, scoped.at, { 'X-CAS-Index-Path': '0:1' })).status).toBe(200);
    expect((await realm.get(`/nodes/${dict.key}`, scoped.at, { 'X-CAS-Proof': '0' })).status).toBe(200);

    for (const proof of ['0:0', '0:2', '1:1', '0:1:0']) {
      expectError(await realm.get(`/nodes/${JSON_FILE.key}`, scoped.at, { 'X-CAS-Proof': proof }), 403, 'NODE_NOT_IN_SCOPE');
    }
    expectError(await realm.get(`/nodes/${JSON_FILE.key}`, scoped.at, { 'X-CAS-Index-Path': '0:0' }), 403, 'NODE_NOT_IN_SCOPE');
    expectError(await realm.get(`/nodes/${JSON_FILE.key}`, scoped.at), 403, 'NODE_NOT_IN_SCOPE');
    for (const proof of ['abc', '0:x', '{"broken"', '[1]']) {
      expectError(await realm.get(`/nodes/${JSON_FILE.key}`, scoped.at, { 'X-CAS-Proof': proof }), 400, 'INVALID_PROOF_FORMAT');
    }
    expectError(await realm.get(`/nodes/${JSON_FILE.key}/metadata`, scoped.at, { 'X-CAS-Index-Path': 'zero' }), 400, 'INVALID_PROOF_FORMAT');
  });

  it('answers 404 NODE_NOT_FOUND for a node the realm does not store, and keeps realms apart', async () => {
    const unstored = fileNode('nowhere');
    const res = await realm.get(`/nodes/${unstored.key}`);
    expectError(res, 404, 'NODE_NOT_FOUND');
    expect(res.body.details).toEqual({ key: unstored.key });
    expectError(await realm.get(`/nodes/${unstored.key}/metadata`, uploader.at), 404, 'NODE_NOT_FOUND');

    const other = await Realm.of(t);
    expect((await other.check([HELLO.key, README_DICT.key])).body).toEqual({ missing: [HELLO.key, README_DICT.key], owned: [], unowned: [] });
    expectError(await other.get(`/nodes/${HELLO.key}`), 404, 'NODE_NOT_FOUND');
    expectError(await other.get(`/nodes/${README_DICT.key}/metadata`), 404, 'NODE_NOT_FOUND');
    // The dict's child is in realm A only: not a child realm B may reference.
    expectError(await other.put(README_DICT), 409, 'missing_nodes');
    const own = await other.put(HELLO);
    expect(own.body.status).toBe('created');
    expect((await other.get(`/nodes/${HELLO.key}`)).status).toBe(200);
  });

  describe('claim', () => {
    it('reproduces the vector PoP with the codec', () => {
      const [vector] = VECTORS.pop;
      const node = VECTORS.files.find((f) => f.key === vector.nodeKey)!;
      expect(computePop(Buffer.from(vector.accessTokenBase64, 'base64'), node.bytes)).toBe(vector.pop);
      expect(popFor(vector.accessTokenBase64, node.bytes)).toBe(vector.pop);
    });

    it("takes ownership of a sibling's node with a PoP of the caller's own access token", async () => {
      const [vector] = VECTORS.pop;
      const node = VECTORS.files.find((f) => f.key === vector.nodeKey)!;
      const claimer = await realm.delegate({ canUpload: true });
      expect((await realm.check([node.key], claimer.at)).body.unowned).toEqual([node.key]);

      // The vector's PoP is for another token: refused.
      expectError(await realm.post(`/nodes/${node.key}/claim`, { pop: vector.pop }, claimer.at), 403, 'INVALID_POP');
      expectError(await realm.post(`/nodes/${node.key}/claim`, { pop: popFor(claimer.at, HELLO.bytes) }, claimer.at), 403, 'INVALID_POP');
      expectError(await realm.post(`/nodes/${node.key}/claim`, { pop: popFor(sibling.at, node.bytes) }, claimer.at), 403, 'INVALID_POP');

      const pop = popFor(claimer.at, node.bytes);
      const claimed = await realm.post(`/nodes/${node.key}/claim`, { pop }, claimer.at);
      expect(claimed.status).toBe(200);
      expect(claimed.body).toEqual({ nodeHash: node.key, alreadyOwned: false, delegateId: claimer.id });
      expect((await realm.check([node.key], claimer.at)).body.owned).toEqual([node.key]);
      expect((await realm.get(`/nodes/${node.key}`, claimer.at)).status).toBe(200);

      const again = await realm.post(`/nodes/${node.key}/claim`, { pop }, claimer.at);
      expect(again.body).toEqual({ nodeHash: node.key, alreadyOwned: true, delegateId: claimer.id });
      const ofEmpty = await realm.post(`/nodes/${EMPTY}/claim`, { pop: 'pop:0' }, claimer.at);
      expect(ofEmpty.body.alreadyOwned).toBe(true);
    });

    it('lets the root claim without a PoP', async () => {
      const rootId = await realm.rootId();
      const res = await realm.post(`/nodes/${SUCCESSOR.key}/claim`, { pop: 'pop:0' });
      expect(res.status).toBe(200);
      // The root owns whatever any delegate of its realm stored: nothing to claim, and no proof asked.
      expect(res.body).toEqual({ nodeHash: SUCCESSOR.key, alreadyOwned: true, delegateId: rootId });
      // Claiming gives nothing to others: the sibling still cannot read it.
      expectError(await realm.get(`/nodes/${SUCCESSOR.key}`, sibling.at), 403, 'NODE_NOT_IN_SCOPE');
    });

    it('refuses an unknown node (404), a delegate without canUpload (403), a malformed pop (400)', async () => {
      const claimer = await realm.delegate({ canUpload: true });
      const unstored = fileNode('unclaimable');
      expectError(await realm.post(`/nodes/${unstored.key}/claim`, { pop: popFor(claimer.at, unstored.bytes) }, claimer.at), 404, 'NODE_NOT_FOUND');
      const reader = await realm.delegate();
      expectError(await realm.post(`/nodes/${HELLO.key}/claim`, { pop: popFor(reader.at, HELLO.bytes) }, reader.at), 403, 'UPLOAD_NOT_ALLOWED');
      const bad = await realm.post(`/nodes/${HELLO.key}/claim`, { pop: 'not-a-pop' }, claimer.at);
      expectError(bad, 400, 'validation_error');
      expect(Object.keys(bad.body.details)).toEqual(['pop']);
    });
  });
});

describe('realm CAS: usage', () => {
  it('counts each distinct node once physically, file bytes once per owner logically', async () => {
    const realm = await Realm.of(t);
    const zero = await realm.get('/usage');
    expect(zero.status).toBe(200);
    expect(zero.body).toEqual({ realm: realm.id, physicalBytes: 0, logicalBytes: 0, nodeCount: 0, quotaLimit: 10 * 1024 ** 3, updatedAt: expect.any(Number) });

    const a = await realm.delegate({ canUpload: true });
    const b = await realm.delegate({ canUpload: true });
    const dir = dictNode({ 'hello.txt': HELLO.key });
    await realm.store(a.at, HELLO, JSON_FILE, dir);
    await realm.store(a.at, HELLO); // again by the same owner: nothing changes
    await realm.store(b.at, HELLO); // a second owner: logical only
    const physical = HELLO.bytes.length + JSON_FILE.bytes.length + dir.bytes.length;
    const usage = await realm.get('/usage', b.at);
    expect(usage.body).toMatchObject({ physicalBytes: physical, logicalBytes: 2 * 13 + 100, nodeCount: 3 });

    // A claim adds the claimer's logical bytes; the empty dict costs nothing.
    const c = await realm.delegate({ canUpload: true });
    expect((await realm.post(`/nodes/${JSON_FILE.key}/claim`, { pop: popFor(c.at, JSON_FILE.bytes) }, c.at)).status).toBe(200);
    expect((await realm.put({ key: EMPTY, bytes: EMPTY_DICT_BYTES }, c.at)).status).toBe(200);
    const after = await realm.get('/usage');
    expect(after.body).toMatchObject({ physicalBytes: physical, logicalBytes: 2 * 13 + 2 * 100, nodeCount: 3 });
    expect(after.body.updatedAt).toBeGreaterThanOrEqual(zero.body.updatedAt - 1000);
  });
});

describe('realm CAS: depots', () => {
  let realm: Realm;
  let rootId: string;
  let roots: TestNode[];

  beforeAll(async () => {
    roots = Array.from({ length: 24 }, (_, i) => fileNode(`root ${i}`));
    realm = await Realm.of(t);
    rootId = await realm.rootId();
    await Promise.all(roots.map((node) => realm.store(realm.jwt, node)));
  });

  it('creates a depot at the empty dict; a title is unique in the realm (409 DEPOT_TITLE_TAKEN)', async () => {
    const before = Date.now();
    const res = await realm.post('/depots', { title: 'main', maxHistory: 5 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      depotId: expect.stringMatching(DPT),
      title: 'main',
      root: EMPTY,
      maxHistory: 5,
      history: [],
      creatorIssuerId: rootId,
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
    });
    expect(res.body.createdAt).toBeGreaterThanOrEqual(before - 1000);
    expectError(await realm.post('/depots', { title: 'main' }), 409, 'DEPOT_TITLE_TAKEN');

    const untitled = await realm.depot();
    expect(untitled).toMatchObject({ title: null, maxHistory: 20, root: EMPTY });
    expect((await realm.depot()).title).toBeNull();
    // Another realm may use the same title.
    const other = await Realm.of(t);
    expect((await other.post('/depots', { title: 'main' })).status).toBe(201);
    const manager = await realm.delegate({ canManageDepot: true });
    expect((await realm.depot({ title: 'by-manager' }, manager.at)).creatorIssuerId).toBe(manager.id);
  });

  it('lists in cursor pages (nextCursor absent on the last page), gets one, 404 DEPOT_NOT_FOUND otherwise', async () => {
    const fresh = await Realm.of(t);
    const created = [await fresh.depot({ title: 'a' }), await fresh.depot({ title: 'b' }), await fresh.depot({ title: 'c' })];
    const first = await fresh.get('/depots?limit=2');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ depots: [expect.any(Object), expect.any(Object)], nextCursor: expect.any(String), hasMore: true });
    const second = await fresh.get(`/depots?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ depots: [expect.any(Object)], hasMore: false });
    const listed = [...first.body.depots, ...second.body.depots];
    expect(sorted(listed.map((d) => d.depotId))).toEqual(sorted(created.map((d) => d.depotId)));
    expect(listed.find((d) => d.title === 'b')).toEqual(created[1]);
    expect((await fresh.get('/depots?limit=3')).body).toEqual({ depots: expect.any(Array), hasMore: false });

    const reader = await fresh.delegate();
    expect((await fresh.get(`/depots/${created[0].depotId}`, reader.at)).body).toEqual(created[0]);
    expect((await fresh.get('/depots', reader.at)).body.depots).toHaveLength(3);
    for (const id of ['dpt_00000000000000000000000000', 'dpt_bad', (await realm.depot()).depotId]) {
      expectError(await fresh.get(`/depots/${id}`), 404, 'DEPOT_NOT_FOUND');
    }
  });

  it('renames and trims the history with PATCH; DELETE removes it (then 404)', async () => {
    const depot = await realm.depot({ title: 'patchable', maxHistory: 4 });
    for (const node of roots.slice(0, 4)) expect((await realm.post(`/depots/${depot.depotId}/commit`, { root: node.key })).status).toBe(200);
    const full = await realm.get(`/depots/${depot.depotId}`);
    expect(full.body.history).toEqual([roots[2].key, roots[1].key, roots[0].key, EMPTY]);

    const renamed = await realm.patch(`/depots/${depot.depotId}`, { title: 'patched' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ title: 'patched', maxHistory: 4, root: roots[3].key, history: full.body.history });
    expect(renamed.body.updatedAt).toBeGreaterThanOrEqual(full.body.updatedAt);
    expectError(await realm.patch(`/depots/${depot.depotId}`, { title: 'main' }), 409, 'DEPOT_TITLE_TAKEN');

    const trimmed = await realm.patch(`/depots/${depot.depotId}`, { maxHistory: 2 });
    expect(trimmed.body).toMatchObject({ title: 'patched', maxHistory: 2, history: [roots[2].key, roots[1].key] });
    expect((await realm.get(`/depots/${depot.depotId}`)).body.history).toEqual([roots[2].key, roots[1].key]);

    const removed = await realm.delete(`/depots/${depot.depotId}`);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ success: true });
    expectError(await realm.get(`/depots/${depot.depotId}`), 404, 'DEPOT_NOT_FOUND');
    expectError(await realm.delete(`/depots/${depot.depotId}`), 404, 'DEPOT_NOT_FOUND');
    expectError(await realm.patch(`/depots/${depot.depotId}`, { title: 'x' }), 404, 'DEPOT_NOT_FOUND');
    expectError(await realm.post(`/depots/${depot.depotId}/commit`, { root: roots[0].key }), 404, 'DEPOT_NOT_FOUND');
    // The title is free again; the nodes stay.
    expect((await realm.post('/depots', { title: 'patched' })).status).toBe(201);
    expect((await realm.check([roots[3].key])).body.owned).toEqual([roots[3].key]);
  });

  it('refuses depot management without canManageDepot, or outside delegatedDepots (403 DEPOT_MANAGE_NOT_ALLOWED)', async () => {
    const depot = await realm.depot();
    const other = await realm.depot();
    const uploader = await realm.delegate({ canUpload: true });
    expectError(await realm.post('/depots', { title: 'nope' }, uploader.at), 403, 'DEPOT_MANAGE_NOT_ALLOWED');
    expectError(await realm.patch(`/depots/${depot.depotId}`, { title: 'nope' }, uploader.at), 403, 'DEPOT_MANAGE_NOT_ALLOWED');
    expectError(await realm.delete(`/depots/${depot.depotId}`, uploader.at), 403, 'DEPOT_MANAGE_NOT_ALLOWED');

    const limited = await realm.delegate({ canManageDepot: true, canUpload: true, delegatedDepots: [depot.depotId] });
    expect((await realm.patch(`/depots/${depot.depotId}`, { maxHistory: 3 }, limited.at)).status).toBe(200);
    expectError(await realm.patch(`/depots/${other.depotId}`, { maxHistory: 3 }, limited.at), 403, 'DEPOT_MANAGE_NOT_ALLOWED');
    expectError(await realm.delete(`/depots/${other.depotId}`, limited.at), 403, 'DEPOT_MANAGE_NOT_ALLOWED');
    expectError(await realm.post(`/depots/${other.depotId}/commit`, { root: EMPTY }, limited.at), 403, 'DEPOT_MANAGE_NOT_ALLOWED');
    expect((await realm.post(`/depots/${depot.depotId}/commit`, { root: EMPTY }, limited.at)).status).toBe(200);
    expect((await realm.delete(`/depots/${depot.depotId}`, limited.at)).status).toBe(200);
    expect((await realm.get(`/depots/${other.depotId}`)).status).toBe(200);
  });

  it('commits: newest first in the history, capped at maxHistory; expectedRoot is a compare-and-set', async () => {
    const depot = await realm.depot({ maxHistory: 3 });
    let view = depot;
    for (const node of roots.slice(0, 5)) {
      const res = await realm.post(`/depots/${depot.depotId}/commit`, { root: node.key });
      expect(res.status).toBe(200);
      expect(res.body.root).toBe(node.key);
      expect(res.body.history[0]).toBe(view.root);
      view = res.body;
    }
    expect(view.history).toEqual([roots[3].key, roots[2].key, roots[1].key]);
    expect(view.updatedAt).toBeGreaterThanOrEqual(depot.updatedAt);

    // Committing the current root again changes nothing in the history.
    expect((await realm.post(`/depots/${depot.depotId}/commit`, { root: roots[4].key })).body.history).toEqual(view.history);

    const conflict = await realm.post(`/depots/${depot.depotId}/commit`, { root: roots[5].key, expectedRoot: roots[3].key });
    expectError(conflict, 409, 'DEPOT_ROOT_CONFLICT');
    expect(conflict.body.details).toEqual({ root: roots[4].key });
    expect((await realm.get(`/depots/${depot.depotId}`)).body.root).toBe(roots[4].key);
    const swapped = await realm.post(`/depots/${depot.depotId}/commit`, { root: roots[5].key, expectedRoot: roots[4].key });
    expect(swapped.status).toBe(200);
    expect(swapped.body).toMatchObject({ root: roots[5].key, history: [roots[4].key, roots[3].key, roots[2].key] });
    // Back to the empty dict: well known, always allowed.
    expect((await realm.post(`/depots/${depot.depotId}/commit`, { root: EMPTY })).body.root).toBe(EMPTY);
  });

  it('refuses a root the realm does not store (400), one the committer does not own (403), a committer without canUpload (403)', async () => {
    const depot = await realm.depot();
    const unstored = fileNode('no such root');
    const missing = await realm.post(`/depots/${depot.depotId}/commit`, { root: unstored.key });
    expectError(missing, 400, 'ROOT_NODE_NOT_FOUND');
    expect(missing.body.details).toEqual({ root: unstored.key });

    const a = await realm.delegate({ canUpload: true });
    const b = await realm.delegate({ canUpload: true });
    const mine = fileNode('b owns this');
    await realm.store(b.at, mine);
    const refused = await realm.post(`/depots/${depot.depotId}/commit`, { root: mine.key }, a.at);
    expectError(refused, 403, 'ROOT_NOT_AUTHORIZED');
    expect(refused.body.details).toEqual({ root: mine.key });
    expect((await realm.post(`/depots/${depot.depotId}/commit`, { root: mine.key }, b.at)).status).toBe(200);
    // Nodes the root stored belong to the root only; the root may commit any.
    expectError(await realm.post(`/depots/${depot.depotId}/commit`, { root: roots[0].key }, a.at), 403, 'ROOT_NOT_AUTHORIZED');
    expect((await realm.post(`/depots/${depot.depotId}/commit`, { root: roots[0].key })).status).toBe(200);

    const manager = await realm.delegate({ canManageDepot: true });
    expectError(await realm.post(`/depots/${depot.depotId}/commit`, { root: roots[1].key }, manager.at), 403, 'UPLOAD_NOT_ALLOWED');
    expect((await realm.get(`/depots/${depot.depotId}`)).body.root).toBe(roots[0].key);
  });

  it('applies 20 concurrent commits of different roots one after the other: none is lost', async () => {
    const depot = await realm.depot({ maxHistory: 25 });
    const commits = roots.slice(0, 20);
    const results = await Promise.all(commits.map((node) => realm.post(`/depots/${depot.depotId}/commit`, { root: node.key })));
    expect(results.map((r) => r.status)).toEqual(commits.map(() => 200));
    const final = (await realm.get(`/depots/${depot.depotId}`)).body;
    expect(final.history).toHaveLength(20);
    expect(final.history[19]).toBe(EMPTY);
    expect(sorted([final.root, ...final.history.slice(0, 19)])).toEqual(sorted(commits.map((n) => n.key)));
    // Each response saw the depot right after its own commit: 20 distinct history lengths 1..20.
    expect(sorted(results.map((r) => String(r.body.history.length).padStart(2, '0')))).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0')));
  });

  it('validates depot bodies', async () => {
    const tooLong = await realm.post('/depots', { maxHistory: 101 });
    expectError(tooLong, 400, 'validation_error');
    expect(tooLong.body.details.maxHistory).toContain('maxHistory cannot exceed 100');
    const depot = await realm.depot();
    const badCommit = await realm.post(`/depots/${depot.depotId}/commit`, { root: 'nod_x', expectedRoot: 42 });
    expectError(badCommit, 400, 'validation_error');
    expect(sorted(Object.keys(badCommit.body.details))).toEqual(['expectedRoot', 'root']);
    expectError(await realm.patch(`/depots/${depot.depotId}`, { maxHistory: 0 }), 400, 'validation_error');
  });
});

describe('realm CAS: validation', () => {
  it('answers 400 validation_error with details for a bad key in the path, a bad body, a bad limit', async () => {
    const realm = await Realm.of(t);
    for (const path of ['/nodes/nod_short', '/nodes/not-a-key/metadata', `/nodes/${HELLO.key.replace('nod_', 'dpt_')}`]) {
      const res = await realm.get(path);
      expectError(res, 400, 'validation_error');
      expect(Object.keys(res.body.details)).toEqual(['key']);
    }
    const put = await t.request('PUT', realm.path('/nodes/nod_0'), { token: realm.jwt, rawBody: HELLO.bytes });
    expectError(put, 400, 'validation_error');
    // Binary bytes sent to a JSON route reach it as a stream: refused as a bad body, never a 500.
    const binaryToJson = await t.request('POST', realm.path('/nodes/check'), { token: realm.jwt, rawBody: HELLO.bytes });
    expect(binaryToJson.status).toBe(400);
    expect(binaryToJson.body.error).toEqual(expect.any(String));

    for (const body of [{ keys: [] }, { keys: ['nod_nope'] }, {}, { keys: 'nod_x' }]) {
      const res = await realm.check(body.keys as string[]);
      expectError(res, 400, 'validation_error');
      expect(Object.keys(res.body.details)).toEqual(['keys']);
    }
    const tooMany = await realm.check(Array.from({ length: 1001 }, () => HELLO.key));
    expectError(tooMany, 400, 'validation_error');

    for (const query of ['limit=0', 'limit=101', 'limit=abc', 'includeRevoked=maybe', 'cursor=forged']) {
      const res = await realm.get(`/delegates?${query}`);
      expectError(res, 400, 'validation_error');
      expect(Object.keys(res.body.details)).toHaveLength(1);
    }
    expectError(await realm.get('/depots?limit=0'), 400, 'validation_error');
    const badDelegate = await realm.post('/delegates', { name: '', tokenTtlSeconds: 0, expiresIn: 2_592_001, scope: [], delegatedDepots: ['x'] });
    expectError(badDelegate, 400, 'validation_error');
    expect(sorted(Object.keys(badDelegate.body.details))).toEqual(['delegatedDepots', 'expiresIn', 'name', 'scope', 'tokenTtlSeconds']);
  });
});

describe('realm CAS: node size limit and realm quota', () => {
  it('refuses a body past CAS_MAX_NODE_SIZE with 413; a node of exactly the limit passes', async () => {
    const realm = await Realm.of(small);
    expect((await realm.get('')).body.nodeLimit).toBe(SMALL_NODE);
    const big = fileNode(Buffer.alloc(SMALL_NODE, 0x62));
    const res = await realm.put(big);
    expectError(res, 413, 'INVALID_NODE');
    expect(res.body.details).toEqual({ maxNodeSize: SMALL_NODE });
    expect((await realm.check([big.key])).body.missing).toEqual([big.key]);

    const { file, successor, fileSize } = twoNodeFile(SMALL_NODE, 'the tail of the file');
    expect(file.bytes.length).toBe(SMALL_NODE);
    // An f-node's successors must be stored first, and reachable, as a dict's children.
    const early = await realm.put(file);
    expectError(early, 409, 'missing_nodes');
    expect(early.body.details.missing).toEqual([successor.key]);
    const [a, b] = [await realm.delegate({ canUpload: true }), await realm.delegate({ canUpload: true })];
    await realm.store(a.at, successor);
    const foreign = await realm.put(file, b.at);
    expectError(foreign, 403, 'CHILD_NOT_AUTHORIZED');
    expect(foreign.body.details.unauthorized).toEqual([successor.key]);
    await realm.store(a.at, file);
    expect((await realm.get(`/nodes/${file.key}`)).bytes).toHaveLength(SMALL_NODE);
    expect((await realm.get(`/nodes/${file.key}/metadata`)).body).toEqual({
      key: file.key,
      kind: 'file',
      payloadSize: SMALL_NODE - 32,
      contentType: 'text/plain',
      fileSize,
      successor: successor.key,
      successors: [successor.key],
    });
  });

  it('refuses an upload past the realm quota with 403 REALM_QUOTA_EXCEEDED and stores nothing of it', async () => {
    const realm = await Realm.of(small);
    const first = fileNode(Buffer.alloc(3000, 0x31));
    const second = fileNode(Buffer.alloc(1500, 0x32));
    const third = fileNode(Buffer.alloc(500, 0x33));
    await realm.store(realm.jwt, first, second);
    const used = first.bytes.length + second.bytes.length;
    const refused = await realm.put(third);
    expectError(refused, 403, 'REALM_QUOTA_EXCEEDED');
    expect(refused.body.details).toEqual({ quotaLimit: SMALL_QUOTA });
    expect((await realm.check([third.key])).body.missing).toEqual([third.key]);
    expect((await realm.get('/usage')).body).toMatchObject({ physicalBytes: used, nodeCount: 2, quotaLimit: SMALL_QUOTA });

    // Storing what is stored costs nothing, and a new owner of it is not refused.
    const child = await realm.delegate({ canUpload: true });
    expect((await realm.put(first, child.at)).body.status).toBe('exists');
    const small4 = fileNode('fits');
    expect(used + small4.bytes.length).toBeLessThanOrEqual(SMALL_QUOTA);
    expect((await realm.put(small4)).status).toBe(200);
    // Quotas are per realm.
    expect((await (await Realm.of(small)).put(third)).status).toBe(200);
  });
});
