import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { CommonError, CommonErrorCode } from '../common/errors/domain-error';
import { databaseConfig } from '../config/database.config';
import { SURFACES } from './surfaces.catalog';
import { PACKAGE_INFO } from './package-info';


@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(databaseConfig.KEY) private readonly db: ConfigType<typeof databaseConfig>,
  ) {}

  async health(): Promise<{ status: 'ok'; database: 'up' }> {
    try {
      if (!this.dataSource.isInitialized) throw new Error('data source closed');
      await withTimeout(this.dataSource.query('SELECT 1'), 2000);
    } catch {
      throw new CommonError(CommonErrorCode.SERVICE_UNAVAILABLE, 'Database is unreachable', { status: 'error', database: 'down' });
    }
    return { status: 'ok', database: 'up' };
  }

  info() {
    return { name: PACKAGE_INFO.name, version: PACKAGE_INFO.version, database: this.db.mode, surfaces: SURFACES };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
