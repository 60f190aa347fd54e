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
  /** Largest node, in bytes. @example 4194304 */
  maxNodeSize: number;
  /** Longest dict entry name, in UTF-8 bytes. @example 255 */
  maxNameBytes: number;
  /** Most children of one dict. @example 10000 */
  maxCollectionChildren: number;
  /** Largest upload body, in bytes (one node). @example 4194304 */
  maxPayloadSize: number;
  /** Longest delegate lifetime, in seconds. @example 2592000 */
  maxDelegateTokenTtl: number;
  /** Longest access token lifetime, in seconds. @example 86400 */
  maxAccessTokenTtl: number;
  /** Deepest delegation chain. @example 15 */
  maxTokenDepth: number;
}

export class ServiceFeaturesView {
  /** @example true */
  jwtAuth: boolean;
  /** @example true */
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
  /** @example 0.1.0 */
  version: string;
  /** Where blobs (CAS nodes, files) are kept. @example fs */
  storage: 'memory' | 'fs' | 's3';
  /** `mock` in CASFA's terms: user JWTs issued and verified by this server. @example mock */
  auth: 'mock';
  /** CASFA's enum (local | aws): always `local`; see databaseMode. @example local */
  database: 'local';
  /** PostgreSQL server, or the embedded database. @example embedded */
  databaseMode: DatabaseConfig['mode'];
  limits: ServiceLimitsView;
  features: ServiceFeaturesView;
  /** @example [{"name":"workflow","seed":"004","basePath":"/api/v1"},{"name":"realm","seed":"000, 002","basePath":"/api/realm/{realmId}"},{"name":"support","seed":"001","basePath":"/v1"},{"name":"file-tickets","seed":"003","basePath":"/ticket"},{"name":"api","seed":null,"basePath":"/api/oauth, /api/admin"}] */
  surfaces: SurfaceInfoView[];
}
