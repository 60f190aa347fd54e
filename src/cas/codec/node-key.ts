import { parsePrefixedId, prefixedId } from '../../common/ids';
import { blake3_128, blake3_128Stream } from './blake3';

/** A node key is 16 bytes: the size flag byte, then bytes 1-15 of BLAKE3-128 of the node bytes. */
export const NODE_KEY_BYTES = 16;
const KEY_PREFIX = 'nod';

/**
 * The size flag byte (size-flagged-hash §3): `(H << 4) | L` for the smallest H, then L in 1-15,
 * with L × 16^H ≥ length. Byte order therefore follows size order; 0 only for length 0.
 */
export function computeSizeFlagByte(length: number): number {
  if (length <= 0) return 0;
  let scale = 1;
  for (let h = 0; h < 16; h++, scale *= 16) {
    const l = Math.ceil(length / scale);
    if (l <= 15) return (h << 4) | l;
  }
  return 0xff; // past 15 × 16^15 bytes: unreachable for anything we store
}

/** Whether a key's size flag byte fits a node of `length` bytes: a cheap check before hashing. */
export function sizeFlagMatches(key: Uint8Array, length: number): boolean {
  return key.length === NODE_KEY_BYTES && key[0] === computeSizeFlagByte(length);
}

/** The 16-byte key of a node's bytes. */
export function keyOf(nodeBytes: Uint8Array): Uint8Array {
  return withSizeFlag(blake3_128(nodeBytes), nodeBytes.length);
}

function withSizeFlag(hash: Uint8Array, length: number): Uint8Array {
  hash[0] = computeSizeFlagByte(length);
  return hash;
}

/** Computes a node's key as its bytes stream in (uploads), without holding them all at once. */
export interface NodeHasher {
  update(chunk: Uint8Array): void;
  /** Bytes fed so far. */
  readonly length: number;
  /** The key of everything fed so far; the hasher is finished afterwards. */
  digestKey(): Uint8Array;
}

export function nodeHasher(): NodeHasher {
  const stream = blake3_128Stream();
  let length = 0;
  return {
    update(chunk) {
      stream.update(chunk);
      length += chunk.length;
    },
    get length() {
      return length;
    },
    digestKey() {
      return withSizeFlag(stream.digest(), length);
    },
  };
}

/** `nod_` + Crockford Base32 of the 16 key bytes (26 characters). */
export function nodeKeyText(key: Uint8Array): string {
  if (key.length !== NODE_KEY_BYTES) throw new RangeError(`a node key is ${NODE_KEY_BYTES} bytes, not ${key.length}`);
  return prefixedId(KEY_PREFIX, key);
}

/** The 16 bytes behind `nod_…`, or null when the text is not a node key. */
export function parseNodeKey(text: string): Uint8Array | null {
  return parsePrefixedId(KEY_PREFIX, text, NODE_KEY_BYTES);
}

export function sameKey(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The empty dict (CAS_BINARY_FORMAT §8.1): a d-node with no children, the root of a new depot. Never mutate. */
export const EMPTY_DICT_BYTES: Uint8Array = Uint8Array.of(0x43, 0x41, 0x53, 0x01, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
export const EMPTY_DICT_KEY_TEXT = 'nod_240B5PHBGEC2A705WTKKMVRS30';
/** keyOf(EMPTY_DICT_BYTES), known without hashing (the spec checks it). Never mutate. */
export const EMPTY_DICT_KEY: Uint8Array = parseNodeKey(EMPTY_DICT_KEY_TEXT)!;
