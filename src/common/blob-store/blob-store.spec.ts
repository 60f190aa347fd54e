import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobTooLargeError } from './blob-store';
import { describeBlobStore } from './blob-store.spec-helper';
import { FsBlobStore } from './fs-blob-store';
import { MemoryBlobStore } from './memory-blob-store';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function fsStore(): FsBlobStore {
  const dir = mkdtempSync(join(tmpdir(), 'blobs-'));
  dirs.push(dir);
  return new FsBlobStore(dir);
}

describeBlobStore('fs', fsStore);
describeBlobStore('memory', () => new MemoryBlobStore());

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
