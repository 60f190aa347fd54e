import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { BlobStore } from '../common/blob-store/blob-store';
import { CommonError, CommonErrorCode } from '../common/errors/domain-error';
import { RouteCatalog } from '../common/http/route-catalog';
import { SURFACES, surfaceOf } from '../common/surfaces/surfaces';
import { casConfig } from '../config/cas.config';
import { databaseConfig } from '../config/database.config';
import { HealthRepository } from './health.repository';
import { HealthView, InfoView } from './ops.view';
import { PACKAGE_INFO } from './package-info';

const PING_TIMEOUT_MS = 2000;

@Injectable()
export class HealthService {
  constructor(
    private readonly database: HealthRepository,
    private readonly routes: RouteCatalog,
    private readonly blobs: BlobStore,
    @Inject(databaseConfig.KEY) private readonly db: ConfigType<typeof databaseConfig>,
    @Inject(casConfig.KEY) private readonly cas: ConfigType<typeof casConfig>,
  ) {}

  async health(): Promise<HealthView> {
    try {
      await withTimeout(this.database.ping(), PING_TIMEOUT_MS);
    } catch {
      throw new CommonError(CommonErrorCode.SERVICE_UNAVAILABLE, 'Database is unreachable', { status: 'error', database: 'down' });
    }
    return { status: 'ok', database: 'up' };
  }

  info(): InfoView {
    return {
      name: PACKAGE_INFO.name,
      service: PACKAGE_INFO.name,
      version: PACKAGE_INFO.version,
      storage: this.blobs.kind,
      auth: 'mock',
      database: 'local',
      databaseMode: this.db.mode,
      limits: {
        maxNodeSize: this.cas.maxNodeSize,
        maxNameBytes: this.cas.maxNameBytes,
        maxCollectionChildren: this.cas.maxCollectionChildren,
        maxPayloadSize: this.cas.maxNodeSize,
        maxDelegateTokenTtl: this.cas.maxDelegateTokenTtl,
        maxAccessTokenTtl: this.cas.maxAccessTokenTtl,
        maxTokenDepth: this.cas.maxTokenDepth,
      },
      features: { jwtAuth: true, oauthLogin: true },
      // What this process serves: the surfaces that own at least one registered route.
      surfaces: SURFACES.filter((surface) => this.routes.urls.some((url) => surfaceOf(url) === surface)).map(({ name, seed, basePath }) => ({ name, seed, basePath })),
    };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
