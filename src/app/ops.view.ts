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

/** CASFA ServiceLimits: what the realm surface accepts. */
export class ServiceLimitsView {
  /** Largest node, in bytes. */
  maxNodeSize: number;
  /** Longest dict entry name, in UTF-8 bytes. */
  maxNameBytes: number;
  /** Most children of one dict. */
  maxCollectionChildren: number;
  /** Largest upload body, in bytes (one node). */
  maxPayloadSize: number;
  /** Longest delegate lifetime, in seconds. */
  maxDelegateTokenTtl: number;
  /** Longest access token lifetime, in seconds. */
  maxAccessTokenTtl: number;
  /** Deepest delegation chain. */
  maxTokenDepth: number;
}

export class ServiceFeaturesView {
  jwtAuth: boolean;
  oauthLogin: boolean;
}

/**
 * CASFA's ServiceInfo (its client reads it as is) and our own fields beside it: `name`,
 * `databaseMode` and the surfaces this process serves.
 */
export class InfoView {
  /** @example ticket-platform */
  name: string;
  /** @example ticket-platform */
  service: string;
  version: string;
  /** Where blobs (CAS nodes, files) are kept. */
  storage: 'memory' | 'fs' | 's3';
  /** `mock` in CASFA's terms: user JWTs issued and verified by this server. */
  auth: 'mock';
  /** CASFA's enum (local | aws): always `local`; see databaseMode. */
  database: 'local';
  /** PostgreSQL server, or the embedded database. */
  databaseMode: DatabaseConfig['mode'];
  limits: ServiceLimitsView;
  features: ServiceFeaturesView;
  surfaces: SurfaceInfoView[];
}
