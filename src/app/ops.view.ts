import type { DatabaseConfig } from '../config/database.config';

export class HealthView {
  /** @example ok */
  status: 'ok';
  /** @example up */
  database: 'up';
}

/** An API surface this process serves. */
export class SurfaceInfoView {
  /** @example support */
  name: string;
  /** The seed document whose contract the surface keeps; null for our own API. @example 001 */
  seed: string | null;
  /** @example /v1 */
  basePath: string;
}

export class InfoView {
  /** @example ticket-platform */
  name: string;
  version: string;
  /** PostgreSQL server, or the embedded database. */
  database: DatabaseConfig['mode'];
  surfaces: SurfaceInfoView[];
}
