import { Readable } from 'node:stream';
import { assertBlobKey, BlobStore, collect, PutOptions, PutResult } from './blob-store';

/** Blobs in this process's memory: for `DATA_DIR=memory://` and tests; nothing is kept. */
export class MemoryBlobStore extends BlobStore {
  readonly kind = 'memory' as const;
  private readonly blobs = new Map<string, Buffer>();

  async put(key: string, data: Buffer | Readable, options: PutOptions = {}): Promise<PutResult> {
    assertBlobKey(key);
    const bytes = await collect(data, options.maxBytes);
    const existing = this.blobs.get(key);
    if (existing) return { size: existing.length, created: false };
    this.blobs.set(key, Buffer.from(bytes));
    return { size: bytes.length, created: true };
  }

  async get(key: string): Promise<Readable | null> {
    assertBlobKey(key);
    const bytes = this.blobs.get(key);
    return bytes ? Readable.from([bytes]) : null;
  }

  async has(key: string): Promise<boolean> {
    assertBlobKey(key);
    return this.blobs.has(key);
  }

  async delete(key: string): Promise<boolean> {
    assertBlobKey(key);
    return this.blobs.delete(key);
  }
}
