import { fromCrockford32, toCrockford32 } from '../common/ids';
import { parseNodeKey } from '../cas/codec/node-key';
import { NODE_KEY } from '../cas/dto/node.dto';
import { uuidBytes, uuidOf } from '../cas/delegate-ids';

/** Seed 000's ids and keys on the wire. */
const TICKET_PREFIX = 'ticket:';
const NODE_ALIAS = 'node:';

/** `ticket:` + the ULID (Crockford Base32, 26 characters) of a stored uuid. */
export function ticketWireId(uuid: string): string {
  return TICKET_PREFIX + toCrockford32(uuidBytes(uuid));
}

/** The uuid behind `ticket:<ULID>`, or null when `text` is not such an id. */
export function parseTicketId(text: string): string | null {
  if (!text.startsWith(TICKET_PREFIX)) return null;
  const bytes = fromCrockford32(text.slice(TICKET_PREFIX.length), 16);
  return bytes ? uuidOf(bytes) : null;
}

/** A node key as input: `nod_…`, or seed 000's spelling `node:…` of the same 26 characters. */
export const ROOT_KEY = new RegExp(`^(?:nod_|${NODE_ALIAS})${NODE_KEY.source.replace(/^\^nod_/, '')}`);

/** A node key as `nod_…` or as seed 000 writes it, `node:` + the same 26 characters; null otherwise. */
export function parseRootKey(text: string): Uint8Array | null {
  return parseNodeKey(text.startsWith(NODE_ALIAS) ? `nod_${text.slice(NODE_ALIAS.length)}` : text);
}
