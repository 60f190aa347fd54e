import { Readable } from 'node:stream';
import { BlobStore, BlobTooLargeError, collect } from './blob-store';

/** A blob's content as text, or null when there is none. */
export const read = async (store: BlobStore, key: string): Promise<string | null> => {
  const stream = await store.get(key);
  return stream ? (await collect(stream)).toString() : null;
};

/**
 * What every BlobStore must do, as the abstract class documents it: one table of cases that each
 * store's spec runs. `make` gives a new, empty store for each case.
 */
export function describeBlobStore(name: string, make: () => BlobStore | Promise<BlobStore>): void {
  describe(`${name} blob store`, () => {
    it('puts, has, gets as a stream and deletes by key', async () => {
      const store = await make();
      expect(await store.has('nod_A1')).toBe(false);
      expect(await store.get('nod_A1')).toBeNull();
      expect(await store.put('nod_A1', Buffer.from('hello'))).toEqual({ size: 5, created: true });
      expect(await store.has('nod_A1')).toBe(true);
      expect(await read(store, 'nod_A1')).toBe('hello');
      expect(await store.delete('nod_A1')).toBe(true);
      expect(await store.delete('nod_A1')).toBe(false);
      expect(await store.has('nod_A1')).toBe(false);
      expect(await store.get('nod_A1')).toBeNull();
    });

    it('stores a stream, and keeps the first content of a key', async () => {
      const store = await make();
      expect(await store.put('k1', Readable.from([Buffer.from('ab'), Buffer.from('cd')]))).toEqual({ size: 4, created: true });
      expect(await store.put('k1', Buffer.from('other'))).toEqual({ size: 4, created: false });
      expect(await store.put('k1', Readable.from([Buffer.from('other')]))).toEqual({ size: 4, created: false });
      expect(await read(store, 'k1')).toBe('abcd');
    });

    it('stores empty and binary blobs byte for byte', async () => {
      const store = await make();
      const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      expect(await store.put('empty', Buffer.alloc(0))).toEqual({ size: 0, created: true });
      expect(await store.put('binary', bytes)).toEqual({ size: 256, created: true });
      expect(await collect((await store.get('empty'))!)).toEqual(Buffer.alloc(0));
      expect(await collect((await store.get('binary'))!)).toEqual(bytes);
    });

    it('refuses data past maxBytes and stores nothing', async () => {
      const store = await make();
      const big = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
      await expect(store.put('big', big, { maxBytes: 1000 })).rejects.toBeInstanceOf(BlobTooLargeError);
      expect(await store.has('big')).toBe(false);
      await expect(store.put('big', Buffer.alloc(1001), { maxBytes: 1000 })).rejects.toBeInstanceOf(BlobTooLargeError);
      expect(await store.has('big')).toBe(false);
      expect(await store.put('big', Buffer.alloc(1000), { maxBytes: 1000 })).toEqual({ size: 1000, created: true });
    });

    it('refuses keys that are not safe names', async () => {
      const store = await make();
      for (const key of ['../etc/passwd', 'a/b', '', 'x'.repeat(201), 'a b']) {
        await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(/not a blob key/);
        await expect(store.get(key)).rejects.toThrow(/not a blob key/);
        await expect(store.has(key)).rejects.toThrow(/not a blob key/);
        await expect(store.delete(key)).rejects.toThrow(/not a blob key/);
      }
    });

    it('stores one copy when many put the same key at once', async () => {
      const store = await make();
      const results = await Promise.all(Array.from({ length: 8 }, () => store.put('same', Buffer.from('same bytes'))));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(results.every((r) => r.size === 10)).toBe(true);
      expect(await read(store, 'same')).toBe('same bytes');
    });

    it('keeps keys apart', async () => {
      const store = await make();
      await store.put('key_a', Buffer.from('a'));
      await store.put('key_b', Buffer.from('b'));
      expect(await store.delete('key_a')).toBe(true);
      expect(await read(store, 'key_b')).toBe('b');
    });
  });
}
