import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import { assertBlobKey, BlobStore, collect, PutOptions, PutResult } from './blob-store';

export interface S3BlobStoreOptions {
  bucket: string;
  /** Keys are stored as `<prefix>/<key>` (no slash at either end of the prefix; '' for none). */
  prefix?: string;
  /** An S3-compatible server (MinIO, a local test server): path-style addressing. Unset: AWS. */
  endpoint?: string;
  region?: string;
  /** Unset: the SDK's default chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profiles, roles). */
  credentials?: S3ClientConfig['credentials'];
  /** The most a stream put without a smaller `maxBytes` may hold in memory (see `put`). */
  maxBufferedBytes?: number;
}

/** 64 MiB: far above a CAS node (≤ 4 MiB); a larger stream needs a multipart upload, which this store does not do. */
const DEFAULT_MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/**
 * Blobs as objects of one bucket of S3 or an S3-compatible server, under `<prefix>/<key>`.
 * A PutObject is atomic (readers see the whole object or none). A put is idempotent: a HEAD
 * first (an existing key is kept, `created: false`), then a PUT with `If-None-Match: *`, whose
 * 412 means another writer stored the key first. Servers that ignore the header (s3rver) are
 * still safe within one process, where puts of one key run one at a time; a server that refuses
 * it (501) gets plain PUTs from then on.
 */
export class S3BlobStore extends BlobStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly maxBufferedBytes: number;
  private conditionalPuts = true;
  /** The last put of each key in flight here: the next put of that key waits for it. */
  private readonly putting = new Map<string, Promise<unknown>>();

  constructor(options: S3BlobStoreOptions) {
    super();
    this.bucket = options.bucket;
    this.prefix = (options.prefix ?? '').replace(/^\/+|\/+$/g, '');
    this.maxBufferedBytes = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
    this.client = new S3Client({
      region: options.region ?? 'us-east-1',
      ...(options.endpoint
        ? {
            endpoint: options.endpoint,
            forcePathStyle: true,
            // Checksums only where the API requires them: not every S3-compatible server knows the newer headers.
            requestChecksumCalculation: 'WHEN_REQUIRED' as const,
            responseChecksumValidation: 'WHEN_REQUIRED' as const,
          }
        : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
  }

  /**
   * A stream is collected in memory up to `maxBytes` (and at most `maxBufferedBytes`), then sent
   * as one PutObject: blobs here are small (CAS nodes ≤ 4 MiB), and an S3 PUT needs its length
   * up front. Past the limit: BlobTooLargeError, nothing stored. A buffer is sent as it is.
   */
  async put(key: string, data: Buffer | Readable, options: PutOptions = {}): Promise<PutResult> {
    const objectKey = this.objectKey(key);
    return await this.oneAtATime(key, async () => {
      const existing = await this.sizeOf(objectKey);
      if (existing !== null) {
        if (!Buffer.isBuffer(data)) data.resume(); // drain what we will not store
        return { size: existing, created: false };
      }
      const maxBytes = options.maxBytes ?? Infinity;
      const bytes = await collect(data, Buffer.isBuffer(data) ? maxBytes : Math.min(maxBytes, this.maxBufferedBytes));
      for (let attempt = 1; ; attempt++) {
        try {
          await this.client.send(
            new PutObjectCommand({
              Bucket: this.bucket,
              Key: objectKey,
              Body: bytes,
              ContentLength: bytes.length,
              ContentType: 'application/octet-stream',
              ...(this.conditionalPuts ? { IfNoneMatch: '*' } : {}),
            }),
          );
          return { size: bytes.length, created: true };
        } catch (err) {
          const status = statusOf(err);
          if (status === 501 && this.conditionalPuts) {
            this.conditionalPuts = false;
            continue;
          }
          // 412: the key exists; 409: a concurrent conditional write of the key is under way.
          if ((status !== 412 && status !== 409) || attempt >= 5) throw err;
          const stored = await this.sizeOf(objectKey);
          if (stored !== null) return { size: stored, created: false };
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
        }
      }
    });
  }

  async get(key: string): Promise<Readable | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return out.Body as Readable;
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  async has(key: string): Promise<boolean> {
    return (await this.sizeOf(this.objectKey(key))) !== null;
  }

  async delete(key: string): Promise<boolean> {
    const objectKey = this.objectKey(key);
    if ((await this.sizeOf(objectKey)) === null) return false;
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: objectKey }));
    return true;
  }

  /** Nest calls this at shutdown: closes the client's connections. */
  onApplicationShutdown(): void {
    this.client.destroy();
  }

  private objectKey(key: string): string {
    assertBlobKey(key);
    return this.prefix ? `${this.prefix}/${key}` : key;
  }

  private async sizeOf(objectKey: string): Promise<number | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      return head.ContentLength ?? 0;
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  private oneAtATime<T>(key: string, run: () => Promise<T>): Promise<T> {
    const result = (this.putting.get(key) ?? Promise.resolve()).then(run);
    const settled = result.catch(() => undefined);
    this.putting.set(key, settled);
    void settled.then(() => {
      if (this.putting.get(key) === settled) this.putting.delete(key);
    });
    return result;
  }
}

function statusOf(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

/** No such object. A missing bucket is an error, not an empty store (a HEAD cannot tell them apart: its 404 has no body). */
function isMissing(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name;
  return name === 'NoSuchKey' || name === 'NotFound' || (statusOf(err) === 404 && name !== 'NoSuchBucket');
}
