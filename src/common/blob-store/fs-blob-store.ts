import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { link, mkdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertBlobKey, BlobStore, BlobTooLargeError, PutOptions, PutResult } from './blob-store';

/**
 * Blobs as files under one directory, fanned out by the key's last characters
 * (`<dir>/ab/<key>`; keys share their prefix). A put streams into a temporary file in the
 * same directory, fsyncs it, then links it into place: the link is atomic and fails if the
 * key exists, so readers never see a partial blob and a racing second put keeps the first.
 */
export class FsBlobStore extends BlobStore {
  readonly kind = 'fs' as const;

  constructor(private readonly dir: string) {
    super();
  }

  async put(key: string, data: Buffer | Readable, options: PutOptions = {}): Promise<PutResult> {
    const path = this.pathOf(key);
    const existing = await sizeOf(path);
    if (existing !== null) {
      if (!Buffer.isBuffer(data)) data.resume(); // drain what we will not store
      return { size: existing, created: false };
    }
    await mkdir(join(path, '..'), { recursive: true });
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    let size = 0;
    const maxBytes = options.maxBytes ?? Infinity;
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done(size > maxBytes ? new BlobTooLargeError(maxBytes) : null, chunk);
      },
    });
    try {
      await pipeline(Buffer.isBuffer(data) ? Readable.from([data]) : data, count, createWriteStream(temp, { flush: true }));
      await link(temp, path).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'EEXIST') throw err;
        size = -1; // someone stored it first
      });
    } finally {
      await unlink(temp).catch(() => undefined);
    }
    if (size === -1) return { size: (await sizeOf(path))!, created: false };
    return { size, created: true };
  }

  async get(key: string): Promise<Readable | null> {
    const path = this.pathOf(key);
    if ((await sizeOf(path)) === null) return null;
    return createReadStream(path);
  }

  async has(key: string): Promise<boolean> {
    return (await sizeOf(this.pathOf(key))) !== null;
  }

  async delete(key: string): Promise<boolean> {
    try {
      await unlink(this.pathOf(key));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  private pathOf(key: string): string {
    assertBlobKey(key);
    return join(this.dir, key.slice(-2).toLowerCase(), key);
  }
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
