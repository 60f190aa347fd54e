import { parsePrefixedId, prefixedId, ulidBytes } from '../common/ids';

/** Ids of the realm surface: a ULID kept as uuid, written `dlt_…`/`dpt_…` (Crockford Base32, 26 chars). */
export type IdPrefix = 'dlt' | 'dpt';

export function newUuid(): string {
  return uuidOf(ulidBytes());
}

export function uuidOf(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/** `dlt_…` / `dpt_…` of a stored uuid. */
export function wireId(prefix: IdPrefix, uuid: string): string {
  return prefixedId(prefix, uuidBytes(uuid));
}

/** The uuid behind `dlt_…` / `dpt_…`, or null when `text` is not such an id. */
export function parseWireId(prefix: IdPrefix, text: string): string | null {
  const bytes = parsePrefixedId(prefix, text, 16);
  return bytes ? uuidOf(bytes) : null;
}
