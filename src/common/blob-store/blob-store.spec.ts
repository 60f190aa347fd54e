import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { BlobStore, BlobTooLargeError, collect } from './blob-store';
import { FsBlobStore } from './fs-blob-store';
import { MemoryBlobStore } from './memory-blob-store';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function fsStore(): FsBlobStore {
  const dir = mkdtempSync(join(tmpdir(), 'blobs-'));
  dirs.push(dir);
  return new FsBlobStore(dir);
}

const read = async (store: BlobStore, key: string) => {
  const stream = await store.get(key);
  return stream ? (await collect(stream)).toString() : null;
};

describe.each([
  ['fs', fsStore],
  ['memory', () => new MemoryBlobStore()],
])('%s blob store', (_, make: () => BlobStore) => {
  it('puts, has, gets as a stream and deletes by key', async () => {
    const store = make();
    expect(await store.has('nod_A1')).toBe(false);
    expect(await store.get('nod_A1')).toBeNull();
    expect(await store.put('nod_A1', Buffer.from('hello'))).toEqual({ size: 5, created: true });
    expect(await store.has('nod_A1')).toBe(true);
    expect(await read(store, 'nod_A1')).toBe('hello');
    expect(await store.delete('nod_A1')).toBe(true);
    expect(await store.delete('nod_A1')).toBe(false);
    expect(await store.has('nod_A1')).toBe(false);
  });

  it('stores a stream, and keeps the first content of a key', async () => {
    const store = make();
    expect(await store.put('k1', Readable.from([Buffer.from('ab'), Buffer.from('cd')]))).toEqual({ size: 4, created: true });
    expect(await store.put('k1', Buffer.from('other'))).toEqual({ size: 4, created: false });
    expect(await read(store, 'k1')).toBe('abcd');
  });

  it('refuses data past maxBytes and stores nothing', async () => {
    const store = make();
    const big = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    await expect(store.put('big', big, { maxBytes: 1000 })).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(await store.has('big')).toBe(false);
    await expect(store.put('big', Buffer.alloc(1001), { maxBytes: 1000 })).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(await store.put('big', Buffer.alloc(1000), { maxBytes: 1000 })).toEqual({ size: 1000, created: true });
  });

  it('refuses keys that are not safe names', async () => {
    const store = make();
    for (const key of ['../etc/passwd', 'a/b', '', 'x'.repeat(201), 'a b']) {
      await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(/not a blob key/);
    }
  });

  it('stores one copy when many put the same key at once', async () => {
    const store = make();
    const results = await Promise.all(Array.from({ length: 8 }, () => store.put('same', Buffer.from('same bytes'))));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results.every((r) => r.size === 10)).toBe(true);
    expect(await read(store, 'same')).toBe('same bytes');
  });
});

describe('fs blob store files', () => {
  it('leaves no temporary file behind, after success or refusal', async () => {
    const store = fsStore();
    const dir = dirs[dirs.length - 1];
    await store.put('keyAB', Buffer.from('x'));
    await store.put('keyAB', Buffer.from('y'));
    await expect(store.put('bigAB', Buffer.alloc(10), { maxBytes: 5 })).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(readdirSync(join(dir, 'ab'))).toEqual(['keyAB']);
  });
});
