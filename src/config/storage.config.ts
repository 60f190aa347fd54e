import { registerAs } from '@nestjs/config';
import { IsOptional, Matches } from 'class-validator';
import { join } from 'node:path';
import { databaseConfig } from './database.config';
import { parseEnv } from './env';

class StorageEnv {
  /**
   * Where blobs (CAS nodes, file-ticket files) are kept: `file:///var/lib/tickets/blobs` or
   * `memory://` (nothing kept). Unset: `blobs/` under DATA_DIR (memory when DATA_DIR is memory://).
   */
  @IsOptional() @Matches(/^(file:\/\/\/.+|memory:\/\/)$/, { message: 'BLOB_STORE_URL must be file:///absolute/path or memory://' })
  BLOB_STORE_URL?: string;
}

export const storageConfig = registerAs('storage', () => {
  const env = parseEnv(StorageEnv);
  const dataDir = databaseConfig().dataDir;
  const url = env.BLOB_STORE_URL ?? (dataDir === 'memory://' ? 'memory://' : `file://${join(dataDir, 'blobs')}`);
  return url === 'memory://' ? { kind: 'memory' as const } : { kind: 'fs' as const, dir: decodeURIComponent(new URL(url).pathname) };
});

export type StorageConfig = ReturnType<typeof storageConfig>;
