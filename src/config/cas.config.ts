import { registerAs } from '@nestjs/config';
import { IsInt, Max, Min } from 'class-validator';
import { parseEnv } from './env';

const MiB = 1024 * 1024;

class CasEnv {
  /** Largest node accepted by PUT …/nodes/:key, in bytes (CASFA's default: 4 MiB). */
  @IsInt() @Min(1024) @Max(64 * MiB) CAS_MAX_NODE_SIZE: number = 4 * MiB;
  /** Storage quota of one realm: physical bytes after dedup (default 10 GiB). */
  @IsInt() @Min(0) CAS_REALM_QUOTA_BYTES: number = 10 * 1024 * MiB;
  /** Lifetime of an access token when the delegate's creator does not choose one, in seconds. */
  @IsInt() @Min(1) @Max(86_400) CAS_DEFAULT_ACCESS_TOKEN_TTL: number = 3600;
}

/** The realm surface's limits, as /api/info advertises them (CASFA ServiceLimits). */
export const casConfig = registerAs('cas', () => {
  const env = parseEnv(CasEnv);
  return {
    maxNodeSize: env.CAS_MAX_NODE_SIZE,
    realmQuotaBytes: env.CAS_REALM_QUOTA_BYTES,
    defaultAccessTokenTtl: env.CAS_DEFAULT_ACCESS_TOKEN_TTL,
    maxNameBytes: 255,
    maxCollectionChildren: 10_000,
    maxDelegateTokenTtl: 30 * 86_400,
    maxAccessTokenTtl: 86_400,
    maxTokenDepth: 15,
    defaultMaxHistory: 20,
    maxHistory: 100,
  };
});

export type CasConfig = ReturnType<typeof casConfig>;
