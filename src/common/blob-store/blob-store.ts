import type { Readable } from 'node:stream';

/** What `put` reports: the stored size, and whether the key was new (false: it was already there). */
export interface PutResult {
  size: number;
  created: boolean;
}

export interface PutOptions {
  /** Refuse (BlobTooLargeError) and store nothing when the data runs past this many bytes. */
  maxBytes?: number;
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`blob exceeds ${maxBytes} bytes`);
  }
}

/** Keys are content keys (hashes, prefixed ids): short, and safe as file names. */
const KEY = /^[A-Za-z0-9_-]{1,200}$/;

export function assertBlobKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`not a blob key: ${JSON.stringify(key.slice(0, 50))}`);
}

/**
 * Where large payloads live (CAS nodes, file-ticket files), by content key. Writes are atomic
 * (a reader sees all of a blob or nothing) and idempotent (a key's content never changes, so a
 * second put of a key keeps the first). The database keeps metadata, never the bytes.
 * Chosen by BLOB_STORE_URL: a directory under DATA_DIR by default, a bucket for `s3://bucket/prefix`,
 * memory for `memory://`.
 */
export abstract class BlobStore {
  abstract readonly kind: 'fs' | 'memory' | 's3';
  abstract put(key: string, data: Buffer | Readable, options?: PutOptions): Promise<PutResult>;
  /** The blob as a stream, or null when there is none. */
  abstract get(key: string): Promise<Readable | null>;
  abstract has(key: string): Promise<boolean>;
  /** True when something was deleted. */
  abstract delete(key: string): Promise<boolean>;
}

/** Reads a whole stream (or buffer) into memory, refusing more than `maxBytes`. */
export async function collect(data: Buffer | Readable, maxBytes = Infinity): Promise<Buffer> {
  if (Buffer.isBuffer(data)) {
    if (data.length > maxBytes) throw new BlobTooLargeError(maxBytes);
    return data;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      data.destroy();
      throw new BlobTooLargeError(maxBytes);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
