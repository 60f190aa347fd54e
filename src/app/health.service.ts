import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { CommonError, CommonErrorCode } from '../common/errors/domain-error';
import { SURFACES, surfaceOf } from '../common/surfaces/surfaces';
import { databaseConfig } from '../config/database.config';
import { HealthRepository } from './health.repository';
import { HealthView, InfoView } from './ops.view';
import { PACKAGE_INFO } from './package-info';

const PING_TIMEOUT_MS = 2000;

@Injectable()
export class HealthService {
  /** The surfaces that own at least one registered route: what this process actually serves. */
  private readonly served = new Set<string>();

  constructor(
    private readonly database: HealthRepository,
    adapterHost: HttpAdapterHost,
    @Inject(databaseConfig.KEY) private readonly db: ConfigType<typeof databaseConfig>,
  ) {
    // Providers are built before any route is registered: each route is seen here as it is added.
    adapterHost.httpAdapter.getInstance<FastifyInstance>().addHook('onRoute', (route) => {
      this.served.add(surfaceOf(route.url).name);
    });
  }

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
      version: PACKAGE_INFO.version,
      database: this.db.mode,
      surfaces: SURFACES.filter(({ name }) => this.served.has(name)).map(({ name, seed, basePath }) => ({ name, seed, basePath })),
    };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
