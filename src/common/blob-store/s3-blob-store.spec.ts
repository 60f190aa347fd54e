import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import S3rver from 's3rver';
import { BlobTooLargeError } from './blob-store';
import { describeBlobStore, read } from './blob-store.spec-helper';
import { S3BlobStore, S3BlobStoreOptions } from './s3-blob-store';

// A local S3-compatible server (s3rver) on 127.0.0.1, a free port, its data in a temporary directory.
const BUCKET = 'blobs-test';
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
let dir: string;
let server: S3rver;
let endpoint: string;
const stores: S3BlobStore[] = [];
let made = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 's3rver-'));
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  stores.forEach((s) => s.onApplicationShutdown());
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function s3Store(options: Partial<S3BlobStoreOptions> = {}): S3BlobStore {
  const store = new S3BlobStore({ bucket: BUCKET, prefix: `case${++made}/blobs`, endpoint, region: 'us-east-1', credentials, ...options });
  stores.push(store);
  return store;
}

async function objectKeys(prefix: string): Promise<string[]> {
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
  try {
    const out = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
    return (out.Contents ?? []).map((o) => o.Key!).sort();
  } finally {
    client.destroy();
  }
}

// Each case gets a prefix of its own in the one bucket: an empty store.
describeBlobStore('s3', () => s3Store());

describe('s3 blob store objects', () => {
  it('stores a key as <prefix>/<key>, with or without a prefix', async () => {
    await s3Store({ prefix: '/nested/prefix/' }).put('nod_A1', Buffer.from('x'));
    expect(await objectKeys('nested/')).toEqual(['nested/prefix/nod_A1']);
    const bare = s3Store({ prefix: '' });
    await bare.put('bareKey', Buffer.from('y'));
    expect(await objectKeys('bareKey')).toEqual(['bareKey']);
    expect(await bare.delete('bareKey')).toBe(true);
  });

  it('caps what a stream without maxBytes may buffer, and stores nothing past it', async () => {
    const store = s3Store({ maxBufferedBytes: 1000 });
    await expect(store.put('big', Readable.from([Buffer.alloc(600), Buffer.alloc(600)]))).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(await store.has('big')).toBe(false);
    expect(await store.put('fits', Readable.from([Buffer.alloc(600), Buffer.alloc(400)]))).toEqual({ size: 1000, created: true });
  });

  it('treats a missing bucket as an error, not as a missing blob', async () => {
    const store = s3Store({ bucket: 'no-such-bucket' });
    await expect(store.get('nod_A1')).rejects.toThrow();
    await expect(store.put('nod_A1', Buffer.from('x'))).rejects.toThrow();
  });

  it('sees what another instance stored first', async () => {
    const a = s3Store({ prefix: 'two-instances' });
    const b = s3Store({ prefix: 'two-instances' });
    expect(await a.put('shared', Buffer.from('first'))).toEqual({ size: 5, created: true });
    expect(await b.put('shared', Buffer.from('second'))).toEqual({ size: 5, created: false });
    expect(await read(b, 'shared')).toBe('first');
  });

  // s3rver ignores If-None-Match: the server's answers to it (AWS, MinIO) are played here.
  it('takes a 412 to its conditional PUT as "another instance stored it first"', async () => {
    const a = s3Store({ prefix: 'race' });
    const b = s3Store({ prefix: 'race' });
    const send = onPut(b, async (command) => {
      expect(command.input.IfNoneMatch).toBe('*');
      await a.put('raced', Buffer.from('winner'));
      throw Object.assign(new Error('At least one of the pre-conditions you specified did not hold'), { name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    });
    expect(await b.put('raced', Buffer.from('loser!'))).toEqual({ size: 6, created: false });
    expect(send).toHaveBeenCalled();
    expect(await read(b, 'raced')).toBe('winner');
  });

  it('falls back to plain PUTs on a server that refuses If-None-Match (501)', async () => {
    const store = s3Store();
    const conditional: unknown[] = [];
    onPut(store, async (command, pass) => {
      conditional.push(command.input.IfNoneMatch);
      if (command.input.IfNoneMatch) throw Object.assign(new Error('not implemented'), { name: 'NotImplemented', $metadata: { httpStatusCode: 501 } });
      return pass();
    });
    expect(await store.put('k1', Buffer.from('abc'))).toEqual({ size: 3, created: true });
    expect(await store.put('k2', Buffer.from('abc'))).toEqual({ size: 3, created: true });
    expect(conditional).toEqual(['*', undefined, undefined]);
    expect(await read(store, 'k1')).toBe('abc');
  });
});

/** Routes the PutObjects of `store` through `handle` (`pass` sends it on to the server). */
function onPut(store: S3BlobStore, handle: (command: PutObjectCommand, pass: () => Promise<unknown>) => Promise<unknown>): jest.SpyInstance {
  const client = (store as unknown as { client: S3Client }).client;
  const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
  return jest.spyOn(client, 'send').mockImplementation(((command: unknown) =>
    command instanceof PutObjectCommand ? handle(command, () => send(command)) : send(command)) as never);
}
