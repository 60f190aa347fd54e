import { randomBytes } from 'node:crypto';

/** Crockford's Base32 alphabet (no I, L, O, U), as ULIDs and CASFA ids use it. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));
// Decoding is lenient as Crockford specifies: lower case, and I/L → 1, O → 0.
for (const [alias, value] of [['I', 1], ['L', 1], ['O', 0]] as const) VALUE.set(alias, value);

/**
 * Bytes → Crockford Base32, big-endian, the pad bits at the end (CASFA's encoding): 16 bytes
 * give 26 characters, the last of them one of `048CGMRW`. Order is kept: ids sort as bytes do.
 */
export function toCrockford32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** The inverse of toCrockford32 for `byteLength` bytes; null when the text is not such a value. */
export function fromCrockford32(text: string, byteLength: number): Uint8Array | null {
  if (text.length !== Math.ceil((byteLength * 8) / 5)) return null;
  const bytes = new Uint8Array(byteLength);
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const v = VALUE.get(text[i].toUpperCase());
    if (v === undefined) return null;
    buffer = ((buffer << 5) | v) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (buffer >> bits) & 0xff;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) return null; // pad bits must be zero
  return bytes;
}

/** A ULID's 16 bytes: 48-bit big-endian epoch ms, then 80 random bits. */
export function ulidBytes(now = Date.now()): Uint8Array {
  const bytes = new Uint8Array(16);
  let ms = now;
  for (let i = 5; i >= 0; i--, ms = Math.floor(ms / 256)) bytes[i] = ms % 256;
  bytes.set(randomBytes(10), 6);
  return bytes;
}

/** A new ULID as text (26 characters, sortable by creation time). */
export function ulid(now = Date.now()): string {
  return toCrockford32(ulidBytes(now));
}

/** `prefix_` + Crockford Base32 of `bytes`: `dlt_01HX…`, `nod_…`. */
export function prefixedId(prefix: string, bytes: Uint8Array): string {
  return `${prefix}_${toCrockford32(bytes)}`;
}

/** The bytes behind `prefix_…` of `byteLength` bytes, or null when `id` is not one. */
export function parsePrefixedId(prefix: string, id: string, byteLength: number): Uint8Array | null {
  return id.startsWith(`${prefix}_`) ? fromCrockford32(id.slice(prefix.length + 1), byteLength) : null;
}
