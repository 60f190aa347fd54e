import { registerAs } from '@nestjs/config';
import { IsOptional, IsUrl, Matches } from 'class-validator';
import { join } from 'node:path';
import { databaseConfig } from './database.config';
import { parseEnv } from './env';

/** s3://bucket or s3://bucket/prefix: a bucket name as S3 allows it, and a prefix of plain path segments. */
const S3_URL = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/([A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*)?\/?)?$/;

class StorageEnv {
  /**
   * Where blobs (CAS nodes, file-ticket files) are kept: `file:///var/lib/tickets/blobs`,
   * `s3://bucket/prefix` (S3 or an S3-compatible server, see S3_*; prefix optional; the bucket
   * must exist) or `memory://` (nothing kept). Unset: `blobs/` under DATA_DIR (memory when
   * DATA_DIR is memory://).
   */
  @IsOptional()
  @Matches(new RegExp(`^(file:///.+|memory://)$|${S3_URL.source}`), {
    message: 'BLOB_STORE_URL must be file:///absolute/path, s3://bucket/prefix or memory://',
  })
  BLOB_STORE_URL?: string;
  /** An S3-compatible server for s3:// (MinIO, a local server: http://127.0.0.1:9000), addressed path-style. Unset: AWS S3. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'S3_ENDPOINT must be an http:// or https:// URL' })
  S3_ENDPOINT?: string;
  /** The region of the bucket. Credentials come from the AWS SDK's default chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profiles, roles). */
  @Matches(/^[a-z0-9-]{1,40}$/, { message: 'S3_REGION must be a region name such as us-east-1' })
  S3_REGION: string = 'us-east-1';
}

export const storageConfig = registerAs('storage', () => {
  const env = parseEnv(StorageEnv);
  const dataDir = databaseConfig().dataDir;
  const url = env.BLOB_STORE_URL ?? (dataDir === 'memory://' ? 'memory://' : `file://${join(dataDir, 'blobs')}`);
  if (url === 'memory://') return { kind: 'memory' as const };
  const s3 = S3_URL.exec(url);
  if (s3) return { kind: 's3' as const, bucket: s3[1], prefix: s3[2] ?? '', endpoint: env.S3_ENDPOINT, region: env.S3_REGION };
  return { kind: 'fs' as const, dir: decodeURIComponent(new URL(url).pathname) };
});

export type StorageConfig = ReturnType<typeof storageConfig>;
