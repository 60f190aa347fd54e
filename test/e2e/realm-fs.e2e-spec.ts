import fc from 'fast-check';
import { dictNode, fileNode, initBlake3, twoNodeFile } from '../support/cas-nodes';
import { expectError, Realm } from '../support/realm';
import { HttpResult, TestServer } from '../support/test-server';

/*
 * Seed 002's filesystem operations (CASFA 04-filesystem.md) end to end: stat, read, ls, write,
 * mkdir, rm, mv, cp, rewrite on nested trees, their limits and refusals, and a model check:
 * random sequences of writes give the tree an in-memory model predicts.
 */

const EMPTY = 'nod_240B5PHBGEC2A705WTKKMVRS30';
const NOD = /^nod_[0-9A-HJKMNP-TV-Z]{26}$/;

let t: TestServer;
/** CAS_MAX_NODE_SIZE=4096 and a 20,000-byte realm quota. */
let small: TestServer;

beforeAll(async () => {
  await initBlake3();
  [t, small] = await Promise.all([TestServer.start(), TestServer.start({ CAS_MAX_NODE_SIZE: '4096', CAS_REALM_QUOTA_BYTES: '20000' })]);
});

afterAll(async () => {
  await Promise.all([t?.stop(), small?.stop()]);
});

/** A realm with fs helpers: `root` is a node key or depot id. */
class Fs {
  constructor(
    readonly realm: Realm,
    readonly token = realm.jwt,
    readonly headers: Record<string, string> = {},
  ) {}

  as(token: string, headers: Record<string, string> = {}): Fs {
    return new Fs(this.realm, token, headers);
  }

  private url(root: string, op: string, query: Record<string, string | number> = {}): string {
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
    return `/nodes/${root}/fs/${op}${qs ? `?${qs}` : ''}`;
  }

  get(root: string, op: 'stat' | 'ls' | 'read', query: Record<string, string | number> = {}): Promise<HttpResult> {
    return this.realm.get(this.url(root, op, query), this.token, this.headers);
  }

  post(root: string, op: string, body: unknown): Promise<HttpResult> {
    return this.realm.post(this.url(root, op), body, this.token, this.headers);
  }

  write(root: string, path: string, content: string | Uint8Array, contentType?: string, query: Record<string, string> = { path }): Promise<HttpResult> {
    const headers = { ...this.headers, ...(contentType ? { 'content-type': contentType } : {}) };
    const rawBody = typeof content === 'string' ? Buffer.from(content) : content;
    return this.realm.t.request('POST', this.realm.path(this.url(root, 'write', query)), { token: this.token, rawBody, headers });
  }

  /** A write that must succeed: the new root. */
  async put(root: string, path: string, content: string, contentType = 'text/plain'): Promise<string> {
    const res = await this.write(root, path, content, contentType);
    if (res.status !== 200) throw new Error(`write ${path}: ${res.status} ${res.text}`);
    return res.body.newRoot;
  }

  async op(root: string, op: string, body: unknown): Promise<Record<string, any>> {
    const res = await this.post(root, op, body);
    if (res.status !== 200) throw new Error(`${op} ${JSON.stringify(body)}: ${res.status} ${res.text}`);
    return res.body;
  }

  async ls(root: string, path = ''): Promise<Record<string, any>> {
    const res = await this.get(root, 'ls', path ? { path, limit: 1000 } : { limit: 1000 });
    if (res.status !== 200) throw new Error(`ls ${path}: ${res.status} ${res.text}`);
    return res.body;
  }

  async text(root: string, path: string): Promise<string> {
    const res = await this.get(root, 'read', { path });
    if (res.status !== 200) throw new Error(`read ${path}: ${res.status} ${res.text}`);
    return res.bytes.toString('utf8');
  }

  /** The whole tree as path → file content ('/' suffix for directories), read back through ls and read. */
  async snapshot(root: string, path = '', into: Record<string, string> = {}): Promise<Record<string, string>> {
    for (const child of (await this.ls(root, path)).children) {
      const childPath = path ? `${path}/${child.name}` : child.name;
      if (child.type === 'dir') {
        into[`${childPath}/`] = '';
        await this.snapshot(root, childPath, into);
      } else {
        into[childPath] = await this.text(root, childPath);
      }
    }
    return into;
  }
}

async function fsOf(server = t): Promise<Fs> {
  return new Fs(await Realm.of(server));
}

/** A tree with src/{main.ts, util/helper.ts}, docs/readme.md, notes.txt. */
async function sampleTree(fs: Fs): Promise<string> {
  let root = EMPTY;
  root = await fs.put(root, 'src/main.ts', 'console.log(1);', 'text/typescript');
  root = await fs.put(root, 'src/util/helper.ts', 'export {};', 'text/typescript');
  root = await fs.put(root, 'docs/readme.md', '# hi', 'text/markdown');
  return fs.put(root, 'notes.txt', 'notes');
}

describe('reading: stat, read, ls', () => {
  it('stat answers files, directories and the root', async () => {
    const fs = await fsOf();
    const root = await sampleTree(fs);
    const file = await fs.get(root, 'stat', { path: 'src/main.ts' });
    expect(file.status).toBe(200);
    expect(file.body).toEqual({ type: 'file', name: 'main.ts', key: expect.stringMatching(NOD), size: 15, contentType: 'text/typescript' });
    expect((await fs.get(root, 'stat', { path: 'src' })).body).toEqual({ type: 'dir', name: 'src', key: expect.stringMatching(NOD), childCount: 2 });
    expect((await fs.get(root, 'stat')).body).toEqual({ type: 'dir', name: '', key: root, childCount: 3 });
    expect((await fs.get(root, 'stat', { path: 'src/' })).body.name).toBe('src');
  });

  it('read answers the bytes with their content type and X-CAS-Key', async () => {
    const fs = await fsOf();
    const root = await sampleTree(fs);
    const res = await fs.get(root, 'read', { path: 'docs/readme.md' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown');
    expect(res.headers.get('content-length')).toBe('4');
    expect(res.headers.get('x-cas-key')).toBe((await fs.get(root, 'stat', { path: 'docs/readme.md' })).body.key);
    expect(res.text).toBe('# hi');
    expectError(await fs.get(root, 'read', { path: 'docs' }), 400, 'NOT_A_FILE');
    expectError(await fs.get(root, 'read'), 400, 'NOT_A_FILE');
  });

  it('ls lists children in byte order with global indices, and pages by cursor', async () => {
    const fs = await fsOf();
    const root = await sampleTree(fs);
    const top = await fs.get(root, 'ls');
    expect(top.status).toBe(200);
    expect(top.body.path).toBe('');
    expect(top.body.key).toBe(root);
    expect(top.body.total).toBe(3);
    expect(top.body.nextCursor).toBeNull();
    expect(top.body.children.map((c: any) => [c.name, c.index, c.type])).toEqual([
      ['docs', 0, 'dir'],
      ['notes.txt', 1, 'file'],
      ['src', 2, 'dir'],
    ]);
    expect(top.body.children[1]).toEqual({ name: 'notes.txt', index: 1, type: 'file', key: expect.stringMatching(NOD), size: 5, contentType: 'text/plain' });
    expect(top.body.children[2]).toEqual({ name: 'src', index: 2, type: 'dir', key: expect.stringMatching(NOD), childCount: 2 });

    const first = await fs.get(root, 'ls', { limit: 2 });
    expect(first.body.children.map((c: any) => c.name)).toEqual(['docs', 'notes.txt']);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await fs.get(root, 'ls', { limit: 2, cursor: first.body.nextCursor });
    expect(second.body.children.map((c: any) => [c.name, c.index])).toEqual([['src', 2]]);
    expect(second.body.nextCursor).toBeNull();
    // A cursor is bound to its directory.
    expectError(await fs.get(root, 'ls', { path: 'src', cursor: first.body.nextCursor }), 400, 'validation_error');
    expectError(await fs.get(root, 'ls', { limit: 1001 }), 400, 'validation_error');
    expectError(await fs.get(root, 'ls', { path: 'notes.txt' }), 400, 'NOT_A_DIRECTORY');
  });

  it('locates by path, by indexPath, and by both', async () => {
    const fs = await fsOf();
    const root = await sampleTree(fs);
    // src is index 2 at the top; in src: main.ts 0, util 1.
    expect((await fs.get(root, 'stat', { indexPath: '2:1:0' })).body.name).toBe('helper.ts');
    expect((await fs.get(root, 'stat', { path: 'src', indexPath: '1:0' })).body.name).toBe('helper.ts');
    expect((await fs.get(root, 'ls', { path: 'src', indexPath: '1' })).body.path).toBe('src/util');
    const oob = await fs.get(root, 'stat', { indexPath: '2:5' });
    expectError(oob, 400, 'INDEX_OUT_OF_BOUNDS');
    expect(oob.body.details).toMatchObject({ index: 5, childCount: 2, resolvedTo: 'src' });
    expectError(await fs.get(root, 'stat', { indexPath: '1:0' }), 400, 'NOT_A_DIRECTORY');
    expectError(await fs.get(root, 'stat', { indexPath: 'a:1' }), 400, 'INVALID_PATH');
  });

  it('answers PATH_NOT_FOUND with where the walk stopped, NOT_A_DIRECTORY through a file', async () => {
    const fs = await fsOf();
    const root = await sampleTree(fs);
    const missing = await fs.get(root, 'stat', { path: 'src/util/nope.ts' });
    expectError(missing, 404, 'PATH_NOT_FOUND');
    expect(missing.body.details).toEqual({ path: 'src/util/nope.ts', resolvedTo: 'src/util', missingSegment: 'nope.ts' });
    expectError(await fs.get(root, 'stat', { path: 'notes.txt/x' }), 400, 'NOT_A_DIRECTORY');
  });

  it('reads the empty dict without storing it, and refuses multi-block files with FILE_TOO_LARGE', async () => {
    const fs = new Fs(await Realm.of(small));
    expect((await fs.ls(EMPTY)).children).toEqual([]);
    const { file, successor } = twoNodeFile(4096, 'tail');
    await fs.realm.store(fs.realm.jwt, successor, file);
    const root = (await fs.op(EMPTY, 'rewrite', { entries: { 'big.bin': { link: file.key } } })).newRoot;
    const stat = await fs.get(root, 'stat', { path: 'big.bin' });
    expect(stat.body.size).toBe(4096 - 96 + 4);
    expectError(await fs.get(root, 'read', { path: 'big.bin' }), 400, 'FILE_TOO_LARGE');
  });
});

describe('writing: write, mkdir, rm, mv, cp', () => {
  it('write creates files and parents, replaces files, and never changes the old tree', async () => {
    const fs = await fsOf();
    const first = await fs.write(EMPTY, 'a/b/c.txt', 'one', 'text/plain');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ newRoot: expect.stringMatching(NOD), file: { path: 'a/b/c.txt', key: expect.stringMatching(NOD), size: 3, contentType: 'text/plain' }, created: true });
    const second = await fs.write(first.body.newRoot, 'a/b/c.txt', 'two!');
    expect(second.body.created).toBe(false);
    expect(second.body.file.contentType).toBe('application/octet-stream');
    expect(await fs.text(second.body.newRoot, 'a/b/c.txt')).toBe('two!');
    expect(await fs.text(first.body.newRoot, 'a/b/c.txt')).toBe('one');
    // Overwrite by index path.
    const byIndex = await fs.write(second.body.newRoot, '', 'three', 'text/plain', { indexPath: '0:0:0' });
    expect(byIndex.body.file.path).toBe('a/b/c.txt');
    expect(await fs.text(byIndex.body.newRoot, 'a/b/c.txt')).toBe('three');
    // Same content twice: the same root (content addressing).
    expect((await fs.write(EMPTY, 'a/b/c.txt', 'one', 'text/plain')).body.newRoot).toBe(first.body.newRoot);
  });

  it('write keeps the body raw whatever its type (JSON, form, empty) and checks the content type', async () => {
    const fs = await fsOf();
    const json = await fs.write(EMPTY, 'data.json', '{"a": 1,  "b":[2]}', 'application/json');
    expect(json.status).toBe(200);
    expect(await fs.text(json.body.newRoot, 'data.json')).toBe('{"a": 1,  "b":[2]}');
    expect((await fs.get(json.body.newRoot, 'read', { path: 'data.json' })).headers.get('content-type')).toBe('application/json');
    const form = await fs.write(EMPTY, 'f.txt', 'a=1&b=2', 'application/x-www-form-urlencoded');
    expect(await fs.text(form.body.newRoot, 'f.txt')).toBe('a=1&b=2');
    const empty = await fs.write(EMPTY, 'empty', new Uint8Array(0));
    expect(empty.body.file.size).toBe(0);
    expect((await fs.get(empty.body.newRoot, 'read', { path: 'empty' })).bytes.length).toBe(0);
    const long = `text/plain; charset=utf-8; ${'x'.repeat(60)}=1`;
    const trimmed = await fs.write(EMPTY, 't.txt', 'x', long);
    expect(trimmed.body.file.contentType).toBe('text/plain');
    expectError(await fs.write(EMPTY, 't.txt', 'x', `application/${'x'.repeat(60)}`), 400, 'INVALID_CONTENT_TYPE');
    expectError(await fs.write(EMPTY, 't.txt', 'x', 'text/plain', {}), 400, 'INVALID_PATH');
    expectError(await fs.write(EMPTY, 'new.txt', 'x', 'text/plain', { indexPath: '0' }), 400, 'INDEX_OUT_OF_BOUNDS');
  });

  it('write refuses a directory target, a file on the way, and a file past one node (413, before reading it all)', async () => {
    const fs = await fsOf();
    const root = await sampleTree(fs);
    expectError(await fs.write(root, 'src', 'x'), 400, 'NOT_A_FILE');
    expectError(await fs.write(root, 'notes.txt/inner', 'x'), 400, 'NOT_A_DIRECTORY');
    const sfs = new Fs(await Realm.of(small));
    const fits = await sfs.write(EMPTY, 'max.bin', new Uint8Array(4096 - 80));
    expect(fits.status).toBe(200);
    const tooLarge = await sfs.write(EMPTY, 'big.bin', new Uint8Array(4096 - 79));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error).toBe('FILE_TOO_LARGE');
    expect((await sfs.realm.get('/usage')).body.nodeCount).toBe(2);
  });

  it('unicode names round-trip, sorted by UTF-8 bytes; names up to 255 bytes', async () => {
    const fs = await fsOf();
    let root = EMPTY;
    for (const name of ['日本語.txt', 'émoji-😀.md', 'Zebra', 'apple', 'ü']) root = await fs.put(root, `dir/${name}`, name);
    const names = (await fs.ls(root, 'dir')).children.map((c: any) => c.name);
    expect(names).toEqual(['Zebra', 'apple', 'ü', 'émoji-😀.md', '日本語.txt'].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    expect(await fs.text(root, 'dir/émoji-😀.md')).toBe('émoji-😀.md');
    const longest = '語'.repeat(85); // 255 bytes
    expect((await fs.write(EMPTY, longest, 'x')).status).toBe(200);
    const tooLong = await fs.write(EMPTY, `${longest}a`, 'x');
    expectError(tooLong, 400, 'NAME_TOO_LONG');
    expect(tooLong.body.details.bytes).toBe(256);
  });

  it('refuses invalid paths', async () => {
    const fs = await fsOf();
    for (const path of ['/abs', 'a//b', '../up', 'a/./b', 'a/..', 'tab\there', 'del\u007f']) {
      expectError(await fs.write(EMPTY, path, 'x'), 400, 'INVALID_PATH');
      expectError(await fs.post(EMPTY, 'mkdir', { path }), 400, 'INVALID_PATH');
    }
    expectError(await fs.post(EMPTY, 'mkdir', { path: 'lone\ud800' }), 400, 'validation_error');
    expectError(await fs.write(EMPTY, 'nul\u0000', 'x'), 400, 'validation_error');
  });

  it('mkdir creates parents, is idempotent, and refuses files', async () => {
    const fs = await fsOf();
    const root = await sampleTree(fs);
    const made = await fs.op(root, 'mkdir', { path: 'src/a/b' });
    expect(made).toEqual({ newRoot: expect.stringMatching(NOD), dir: { path: 'src/a/b', key: EMPTY }, created: true });
    expect((await fs.ls(made.newRoot, 'src/a')).children.map((c: any) => c.name)).toEqual(['b']);
    const again = await fs.op(made.newRoot, 'mkdir', { path: 'src/a' });
    expect(again.created).toBe(false);
    expect(again.newRoot).toBe(made.newRoot);
    expect(again.dir.key).toEqual(expect.stringMatching(NOD));
    expectError(await fs.post(root, 'mkdir', { path: 'notes.txt' }), 409, 'EXISTS_AS_FILE');
    expectError(await fs.post(root, 'mkdir', { path: 'notes.txt/x' }), 400, 'NOT_A_DIRECTORY');
    expectError(await fs.post(root, 'mkdir', { path: '' }), 400, 'INVALID_PATH');
    expectError(await fs.post(root, 'mkdir', {}), 400, 'validation_error');
  });

  it('rm removes files and whole directories, by path or index', async () => {
    const fs = await fsOf();
    const root = await sampleTree(fs);
    const file = await fs.op(root, 'rm', { path: 'src/main.ts' });
    expect(file.removed).toEqual({ path: 'src/main.ts', type: 'file', key: expect.stringMatching(NOD) });
    expect((await fs.ls(file.newRoot, 'src')).children.map((c: any) => c.name)).toEqual(['util']);
    const dir = await fs.op(root, 'rm', { indexPath: '2' });
    expect(dir.removed).toMatchObject({ path: 'src', type: 'dir' });
    expect((await fs.ls(dir.newRoot)).children.map((c: any) => c.name)).toEqual(['docs', 'notes.txt']);
    // Removing the last entry leaves an empty directory, the well-known empty dict.
    const emptied = await fs.op(root, 'rm', { path: 'docs/readme.md' });
    expect((await fs.get(emptied.newRoot, 'stat', { path: 'docs' })).body.key).toBe(EMPTY);
    expectError(await fs.post(root, 'rm', {}), 400, 'CANNOT_REMOVE_ROOT');
    expectError(await fs.post(root, 'rm', { path: 'src/nope' }), 404, 'PATH_NOT_FOUND');
  });

  it('mv renames, moves into directories, creates parents, and refuses what it cannot do', async () => {
    const fs = await fsOf();
    const root = await sampleTree(fs);
    const renamed = await fs.op(root, 'mv', { from: 'notes.txt', to: 'docs/notes/old.txt' });
    expect(renamed).toEqual({ newRoot: expect.stringMatching(NOD), from: 'notes.txt', to: 'docs/notes/old.txt' });
    expect(await fs.snapshot(renamed.newRoot)).toEqual({
      'docs/': '',
      'docs/notes/': '',
      'docs/notes/old.txt': 'notes',
      'docs/readme.md': '# hi',
      'src/': '',
      'src/main.ts': 'console.log(1);',
      'src/util/': '',
      'src/util/helper.ts': 'export {};',
    });
    const into = await fs.op(root, 'mv', { from: 'src/util', to: 'docs' });
    expect(into.to).toBe('docs/util');
    expect(await fs.text(into.newRoot, 'docs/util/helper.ts')).toBe('export {};');
    expectError(await fs.post(root, 'mv', { from: 'notes.txt', to: 'src/main.ts' }), 409, 'TARGET_EXISTS');
    expectError(await fs.post(root, 'mv', { from: 'src', to: 'src/util/deeper' }), 400, 'MOVE_INTO_SELF');
    expectError(await fs.post(root, 'mv', { from: 'src', to: 'src' }), 400, 'MOVE_INTO_SELF');
    expectError(await fs.post(root, 'mv', { from: '', to: 'x' }), 400, 'CANNOT_MOVE_ROOT');
    expectError(await fs.post(root, 'mv', { from: 'nope', to: 'x' }), 404, 'PATH_NOT_FOUND');
    expectError(await fs.post(root, 'mv', { from: 'notes.txt', to: '../x' }), 400, 'INVALID_PATH');
  });

  it('cp copies files and directories by reference', async () => {
    const fs = await fsOf();
    const root = await sampleTree(fs);
    const copied = await fs.op(root, 'cp', { from: 'src', to: 'lib/src2' });
    expect(copied.to).toBe('lib/src2');
    const before = (await fs.get(root, 'stat', { path: 'src' })).body.key;
    expect((await fs.get(copied.newRoot, 'stat', { path: 'lib/src2' })).body.key).toBe(before);
    expect((await fs.get(copied.newRoot, 'stat', { path: 'src' })).body.key).toBe(before);
    const into = await fs.op(root, 'cp', { from: 'notes.txt', to: 'src' });
    expect(into.to).toBe('src/notes.txt');
    expectError(await fs.post(root, 'cp', { from: 'notes.txt', to: 'docs/readme.md' }), 409, 'TARGET_EXISTS');
    expectError(await fs.post(root, 'cp', { from: 'nope', to: 'x' }), 404, 'PATH_NOT_FOUND');
  });
});

describe('rewrite', () => {
  it('applies the document example: deletes, from (mv and cp), dir, link, in one new root', async () => {
    const fs = await fsOf();
    let root = await sampleTree(fs);
    root = await fs.put(root, 'src/old-utils.ts', 'old utils');
    root = await fs.put(root, 'src/template.ts', 'template');
    root = await fs.put(root, 'src/deprecated.ts', 'deprecated');
    const large = fileNode('large file', 'application/octet-stream');
    await fs.realm.store(fs.realm.jwt, large);
    const res = await fs.op(root, 'rewrite', {
      entries: {
        'src/new-module/utils.ts': { from: 'src/old-utils.ts' },
        'src/new-module/template.ts': { from: 'src/template.ts' },
        'src/new-module': { dir: true },
        'data/large-file.bin': { link: large.key },
      },
      deletes: ['src/old-utils.ts', 'src/deprecated.ts', 'src/never-existed.ts'],
    });
    expect(res.entriesApplied).toBe(4);
    expect(res.deleted).toBe(2);
    expect(await fs.snapshot(res.newRoot)).toEqual({
      'data/': '',
      'data/large-file.bin': 'large file',
      'docs/': '',
      'docs/readme.md': '# hi',
      'notes.txt': 'notes',
      'src/': '',
      'src/main.ts': 'console.log(1);',
      'src/new-module/': '',
      'src/new-module/template.ts': 'template',
      'src/new-module/utils.ts': 'old utils',
      'src/template.ts': 'template',
      'src/util/': '',
      'src/util/helper.ts': 'export {};',
    });
  });

  it('places parents before children, whatever order the entries come in', async () => {
    const fs = await fsOf();
    const root = await sampleTree(fs);
    const res = await fs.op(root, 'rewrite', { entries: { 'lib/util/extra.md': { from: 'docs/readme.md' }, lib: { from: 'src' } } });
    expect(Object.keys(await fs.snapshot(res.newRoot, 'lib')).sort()).toEqual(['lib/main.ts', 'lib/util/', 'lib/util/extra.md', 'lib/util/helper.ts']);
  });

  it('refuses empty, oversized and malformed declarations, and sources that do not exist', async () => {
    const fs = await fsOf();
    const root = await sampleTree(fs);
    expectError(await fs.post(root, 'rewrite', {}), 400, 'EMPTY_REWRITE');
    expectError(await fs.post(root, 'rewrite', { entries: {}, deletes: [] }), 400, 'EMPTY_REWRITE');
    const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`d${i}`, { dir: true }]));
    expectError(await fs.post(root, 'rewrite', { entries: many, deletes: Array.from({ length: 41 }, (_, i) => `x${i}`) }), 400, 'TOO_MANY_ENTRIES');
    const hundred = await fs.op(root, 'rewrite', { entries: many, deletes: Array.from({ length: 40 }, (_, i) => `x${i}`) });
    expect(hundred.entriesApplied).toBe(60);
    expectError(await fs.post(root, 'rewrite', { entries: { a: { from: 'notes.txt', dir: true } } }), 400, 'validation_error');
    expectError(await fs.post(root, 'rewrite', { entries: { a: { dir: false } } }), 400, 'validation_error');
    expectError(await fs.post(root, 'rewrite', { entries: { a: 'notes.txt' } }), 400, 'validation_error');
    expectError(await fs.post(root, 'rewrite', { entries: { a: { link: 'nod_nope' } } }), 400, 'validation_error');
    expectError(await fs.post(root, 'rewrite', { entries: { '../a': { dir: true } } }), 400, 'INVALID_PATH');
    expectError(await fs.post(root, 'rewrite', { deletes: [''] }), 400, 'INVALID_PATH');
    const missing = await fs.post(root, 'rewrite', { entries: { 'x/y': { from: 'src/nope.ts' } } });
    expectError(missing, 404, 'PATH_NOT_FOUND');
    expect(missing.body.details).toEqual({ entry: 'x/y', from: 'src/nope.ts' });
    expectError(await fs.post(root, 'rewrite', { entries: { 'notes.txt/x': { dir: true } } }), 409, 'EXISTS_AS_FILE');
    expectError(await fs.post(root, 'rewrite', { entries: { 'notes.txt': { dir: true } } }), 409, 'EXISTS_AS_FILE');
    expectError(await fs.post(root, 'rewrite', { entries: { x: { link: fileNode('never stored').key } } }), 404, 'NODE_NOT_FOUND');
  });

  it('link refuses a leaked hash: a node neither owned nor proved in scope', async () => {
    const fs = await fsOf();
    const secret = fileNode('secret of the root delegate');
    const other = dictNode({ 'x.txt': fileNode('x') });
    await fs.realm.store(fs.realm.jwt, fileNode('x'), other, secret);
    const tool = await fs.realm.delegate({ canUpload: true, scope: [`cas://${other.key}`] });
    const toolFs = fs.as(tool.at);
    // The tool knows the secret's key but neither owns it nor reaches it from its scope.
    const leaked = await toolFs.post(EMPTY, 'rewrite', { entries: { 'stolen.txt': { link: secret.key } } });
    expectError(leaked, 403, 'LINK_NOT_AUTHORIZED');
    expectError(await toolFs.post(EMPTY, 'rewrite', { entries: { 'stolen.txt': { link: secret.key, proof: '0:0' } } }), 403, 'LINK_NOT_AUTHORIZED');
    // What it can prove (scope root 0, child 0) or owns, it may link.
    const xKey = fileNode('x').key;
    const proved = await toolFs.op(EMPTY, 'rewrite', { entries: { 'x.txt': { link: xKey, proof: '0:0' } } });
    expect(await toolFs.text(proved.newRoot, 'x.txt')).toBe('x');
    const own = fileNode('mine');
    await fs.realm.store(tool.at, own);
    expect((await toolFs.post(EMPTY, 'rewrite', { entries: { 'mine.txt': { link: own.key } } })).status).toBe(200);
  });
});

describe('access', () => {
  it('the root must be in scope: NODE_NOT_IN_SCOPE without a proof, readable with X-CAS-Index-Path', async () => {
    const fs = await fsOf();
    const root = await sampleTree(fs);
    const tool = await fs.realm.delegate({ scope: [`cas://${root}`] });
    const stranger = await fs.realm.delegate({ scope: [`cas://${EMPTY}`] });
    expectError(await fs.as(stranger.at).get(root, 'ls'), 403, 'NODE_NOT_IN_SCOPE');
    expectError(await fs.as(tool.at).get(root, 'ls'), 403, 'NODE_NOT_IN_SCOPE');
    const proved = await fs.as(tool.at, { 'X-CAS-Index-Path': '0' }).get(root, 'ls');
    expect(proved.status).toBe(200);
    expect(proved.body.total).toBe(3);
    // A subtree proved by index path becomes a root of its own.
    const src = (await fs.get(root, 'stat', { path: 'src' })).body.key;
    expect((await fs.as(tool.at, { 'X-CAS-Proof': '0:2' }).get(src, 'ls')).body.total).toBe(2);
  });

  it('writes need canUpload; new nodes belong to the writer, so its depot commit passes', async () => {
    const fs = await fsOf();
    const reader = await fs.realm.delegate({ canUpload: false });
    expectError(await fs.as(reader.at).write(EMPTY, 'a.txt', 'x'), 403, 'UPLOAD_NOT_ALLOWED');
    expectError(await fs.as(reader.at).post(EMPTY, 'mkdir', { path: 'a' }), 403, 'UPLOAD_NOT_ALLOWED');
    expectError(await fs.as(reader.at).post(EMPTY, 'rewrite', { entries: { a: { dir: true } } }), 403, 'UPLOAD_NOT_ALLOWED');
    const writer = await fs.realm.delegate({ canUpload: true, canManageDepot: true });
    const depot = await fs.realm.depot({ title: 'w' }, writer.at);
    const written = await fs.as(writer.at).write(depot.depotId, 'hello.txt', 'hello');
    expect(written.status).toBe(200);
    const commit = await fs.realm.post(`/depots/${depot.depotId}/commit`, { root: written.body.newRoot }, writer.at);
    expect(commit.status).toBe(200);
    expect(commit.body.root).toBe(written.body.newRoot);
    expect(await fs.as(writer.at).text(depot.depotId, 'hello.txt')).toBe('hello');
  });

  it('a dpt_ id is the depot current root; unknown roots and roots of other realms are INVALID_ROOT', async () => {
    const fs = await fsOf();
    const depot = await fs.realm.depot({ title: 'd' });
    const root = await sampleTree(fs);
    await fs.op(depot.depotId, 'mkdir', { path: 'x' }); // changes nothing until a commit
    expect((await fs.ls(depot.depotId)).total).toBe(0);
    await fs.realm.post(`/depots/${depot.depotId}/commit`, { root });
    expect((await fs.ls(depot.depotId)).total).toBe(3);
    expectError(await fs.get('dpt_00000000000000000000000000', 'ls'), 400, 'INVALID_ROOT');
    expectError(await fs.get('nope', 'ls'), 400, 'INVALID_ROOT');
    expectError(await fs.get(fileNode('never stored').key, 'stat'), 400, 'INVALID_ROOT');
    const other = await fsOf();
    expectError(await other.get(root, 'ls'), 400, 'INVALID_ROOT');
    expectError(await other.get(depot.depotId, 'ls'), 400, 'INVALID_ROOT');
    // Another user's token on this realm's URL.
    expectError(await fs.as(other.token).get(root, 'ls'), 403, 'REALM_MISMATCH');
    expect((await fs.realm.t.get(fs.realm.path(`/nodes/${root}/fs/ls`))).status).toBe(401);
  });
});

describe('limits', () => {
  it('a directory past one node is COLLECTION_FULL, and nothing is stored', async () => {
    const fs = new Fs(await Realm.of(small));
    let root = EMPTY;
    // Each entry of a 4096-byte node costs 16 key bytes + 2 + the name: about 120 names of 16 bytes fit.
    const entries = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`file-${String(i).padStart(11, '0')}`, { dir: true }]));
    root = (await fs.op(root, 'rewrite', { entries })).newRoot;
    const usage = (await fs.realm.get('/usage')).body.nodeCount;
    const more = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`more-${String(i).padStart(11, '0')}`, { dir: true }]));
    const full = await fs.post(root, 'rewrite', { entries: more });
    expectError(full, 400, 'COLLECTION_FULL');
    expect((await fs.realm.get('/usage')).body.nodeCount).toBe(usage);
  });
});

describe('quota', () => {
  it('a write past the realm quota is 403 REALM_QUOTA_EXCEEDED and stores nothing', async () => {
    const fs = new Fs(await Realm.of(small));
    let root = EMPTY;
    for (let i = 0; i < 4; i++) root = (await fs.write(root, `f${i}.bin`, new Uint8Array(4000).fill(i))).body.newRoot;
    const before = (await fs.realm.get('/usage')).body;
    const refused = await fs.write(root, 'f4.bin', new Uint8Array(4000).fill(4));
    expectError(refused, 403, 'REALM_QUOTA_EXCEEDED');
    expect((await fs.realm.get('/usage')).body).toMatchObject({ nodeCount: before.nodeCount, physicalBytes: before.physicalBytes });
    expect((await fs.ls(root)).total).toBe(4);
  });
});

describe('model check', () => {
  type Op = { kind: 'write'; path: string; content: string } | { kind: 'mkdir'; path: string } | { kind: 'rm'; path: string } | { kind: 'mv' | 'cp'; from: string; to: string };

  /** The same operations on a plain map of path → content ('/' suffix: directory). */
  class Model {
    entries = new Map<string, string>();

    private isDir = (path: string) => path === '' || this.entries.has(`${path}/`);
    private isFile = (path: string) => this.entries.has(path);
    private parents(path: string): string[] {
      const names = path.split('/');
      return names.slice(0, -1).map((_, i) => names.slice(0, i + 1).join('/'));
    }
    private blocked = (path: string) => this.parents(path).some((p) => this.isFile(p));
    private under(path: string): string[] {
      return [...this.entries.keys()].filter((key) => key === path || key === `${path}/` || key.startsWith(`${path}/`));
    }

    apply(op: Op): boolean {
      if (op.kind === 'write') {
        if (this.blocked(op.path) || this.isDir(op.path)) return false;
        this.parents(op.path).forEach((p) => this.entries.set(`${p}/`, ''));
        this.entries.set(op.path, op.content);
        return true;
      }
      if (op.kind === 'mkdir') {
        if (this.blocked(op.path) || this.isFile(op.path)) return false;
        [...this.parents(op.path), op.path].forEach((p) => this.entries.set(`${p}/`, ''));
        return true;
      }
      if (op.kind === 'rm') {
        const gone = this.under(op.path);
        if (!gone.length || this.blocked(op.path)) return false;
        gone.forEach((key) => this.entries.delete(key));
        return true;
      }
      const source = this.under(op.from);
      if (!source.length || this.blocked(op.from) || this.blocked(op.to)) return false;
      const target = this.isDir(op.to) ? `${op.to}/${op.from.split('/').pop()}` : op.to;
      if (this.isFile(op.to) || (target !== op.to && (this.isFile(target) || this.isDir(target)))) return false;
      if (op.kind === 'mv' && (target === op.from || target.startsWith(`${op.from}/`))) return false;
      const moved = source.map((key) => [target + key.slice(op.from.length), this.entries.get(key)!] as const);
      if (op.kind === 'mv') source.forEach((key) => this.entries.delete(key));
      this.parents(target).forEach((p) => this.entries.set(`${p}/`, ''));
      moved.forEach(([key, value]) => this.entries.set(key, value));
      return true;
    }

    snapshot(): Record<string, string> {
      return Object.fromEntries([...this.entries].sort());
    }
  }

  const name = fc.constantFrom('a', 'b', 'ü', '日');
  const path = fc.array(name, { minLength: 1, maxLength: 3 }).map((names) => names.join('/'));
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('write' as const), path, content: fc.string({ maxLength: 8 }) }),
    fc.record({ kind: fc.constant('mkdir' as const), path }),
    fc.record({ kind: fc.constant('rm' as const), path }),
    fc.record({ kind: fc.constantFrom('mv' as const, 'cp' as const), from: path, to: path }),
  );

  it('random sequences of fs operations give the tree the model predicts', async () => {
    const fs = await fsOf();
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const model = new Model();
        let root = EMPTY;
        for (const step of ops) {
          const res = step.kind === 'write' ? await fs.write(root, step.path, step.content, 'text/plain') : await fs.post(root, step.kind, step.kind === 'mkdir' || step.kind === 'rm' ? { path: step.path } : { from: step.from, to: step.to });
          const accepted = model.apply(step);
          expect({ step, status: res.status }).toEqual({ step, status: accepted ? 200 : expect.any(Number) });
          if (accepted) root = res.body.newRoot;
          else expect(res.status).toBeGreaterThanOrEqual(400);
        }
        expect(await fs.snapshot(root)).toEqual(model.snapshot());
      }),
      { numRuns: Number(process.env.FS_MODEL_RUNS ?? 25) },
    );
  });
});
