import { computeSizeFlagByte, keyOf, NODE_KEY_BYTES, sameKey } from './node-key';

/*
 * CAS node binary format (CASFA CAS_BINARY_FORMAT.md v2.2). All integers little-endian.
 *
 *   header   16 B   magic "CAS\x01" | flags u32 | size u32 (payload bytes) | count u32 (children)
 *   children count × 16 B node keys
 *   payload  size B  d-node: count Pascal strings (u16 length + UTF-8), ascending by bytes
 *                    s-node: data
 *                    f-node: fileSize u64 | contentType 56 B (printable ASCII, zero padded) | data
 */

export const HEADER_BYTES = 16;
export const FILE_INFO_BYTES = 64;
export const CONTENT_TYPE_BYTES = 56;

const MAGIC = 0x01534143;
const TYPE_DICT = 0b01;
const TYPE_SUCCESSOR = 0b10;
const TYPE_FILE = 0b11;
const RESERVED_BITS = 0xffff0000;
const HASH_ALGORITHM_BITS = 0x0000ff00; // 0 = BLAKE3s-128, the only one defined
const BLOCK_SIZE_BITS = 0x000000f0;
const EXTENSION_BITS = 0x0000000c;
const MAX_PASCAL_BYTES = 0xffff;
const TWO_32 = 0x1_0000_0000;

export type NodeKind = 'file' | 'dict' | 'successor';

/** The top of a file: its type and total size, its first bytes, and the s-nodes that follow. */
export interface FileNode {
  kind: 'file';
  /** Size of the whole file (this node's data and all its descendants'). */
  fileSize: number;
  contentType: string;
  /** 16-byte keys of s-nodes, in file order. */
  children: Uint8Array[];
  data: Uint8Array;
}

/** A directory: children named, sorted by the UTF-8 bytes of their names. */
export interface DictNode {
  kind: 'dict';
  names: string[];
  /** 16-byte keys, children[i] is named names[i]. */
  children: Uint8Array[];
}

/** A further piece of a file (B-tree node below an f-node). */
export interface SuccessorNode {
  kind: 'successor';
  children: Uint8Array[];
  data: Uint8Array;
}

export type CasNode = FileNode | DictNode | SuccessorNode;

export interface NodeLimits {
  /** Largest node in bytes; an f- or s-node with children must be exactly this long (a full node). */
  maxNodeSize: number;
  /** Longest d-node child name in UTF-8 bytes. */
  maxNameBytes: number;
  /** Most children of one d-node. */
  maxCollectionChildren: number;
}

export const DEFAULT_NODE_LIMITS: Readonly<NodeLimits> = Object.freeze({
  maxNodeSize: 4 * 1024 * 1024,
  maxNameBytes: 255,
  maxCollectionChildren: 10_000,
});

export type NodeFormatReason =
  | 'truncated'
  | 'too_large'
  | 'bad_magic'
  | 'reserved_flags'
  | 'unknown_hash_algorithm'
  | 'unknown_node_type'
  | 'header_extension'
  | 'block_size_flag'
  | 'length_mismatch'
  | 'not_full'
  | 'file_info_missing'
  | 'bad_content_type'
  | 'bad_file_size'
  | 'too_many_children'
  | 'bad_names'
  | 'empty_name'
  | 'name_too_long'
  | 'bad_utf8'
  | 'names_unsorted'
  | 'duplicate_name'
  | 'bad_key'
  | 'size_flag_mismatch'
  | 'key_mismatch'
  | 'bad_input';

/** Bytes that are not a valid node (or encoder input that would not make one). The only error the codec throws. */
export class NodeFormatError extends Error {
  constructor(
    readonly reason: NodeFormatReason,
    message: string,
  ) {
    super(message);
    this.name = 'NodeFormatError';
  }
}

function fail(reason: NodeFormatReason, message: string): never {
  throw new NodeFormatError(reason, message);
}

// ignoreBOM keeps a leading U+FEFF in the name instead of silently dropping it: names must round-trip byte for byte.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/**
 * Decodes and validates a node (every rule of the spec's §7 but the key, plus the limits).
 * Children and data are views into `bytes`, not copies: keep `bytes` unchanged while using them.
 */
export function decodeNode(bytes: Uint8Array, limits: NodeLimits = DEFAULT_NODE_LIMITS): CasNode {
  const length = bytes.length;
  if (length < HEADER_BYTES) fail('truncated', `a node is at least ${HEADER_BYTES} bytes, got ${length}`);
  if (length > limits.maxNodeSize) fail('too_large', `a node is at most ${limits.maxNodeSize} bytes, got ${length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, length);
  if (view.getUint32(0, true) !== MAGIC) fail('bad_magic', 'not a CAS node (magic is not "CAS\\x01")');

  const flags = view.getUint32(4, true);
  const size = view.getUint32(8, true);
  const count = view.getUint32(12, true);
  if (flags & RESERVED_BITS) fail('reserved_flags', 'flags bits 16-31 are reserved and must be 0');
  if (flags & HASH_ALGORITHM_BITS) fail('unknown_hash_algorithm', 'flags bits 8-15: only hash algorithm 0 (BLAKE3s-128) is known');
  // No CASFA writer sets bits 2-7. Extensions have no defined layout (and no room in the length rule), and a
  // block size claim would give one node several byte forms, hence several keys: both stay 0.
  if (flags & BLOCK_SIZE_BITS) fail('block_size_flag', 'flags bits 4-7 (block size limit) must be 0');
  if (flags & EXTENSION_BITS) fail('header_extension', 'flags bits 2-3: header extensions are not supported');
  const type = flags & 0b11;
  if (type === 0) fail('unknown_node_type', 'flags bits 0-1: node type 0 is not a d-, s- or f-node');

  // At most 16 + 2^36 + 2^32: exact in a double.
  const expected = HEADER_BYTES + count * NODE_KEY_BYTES + size;
  if (length !== expected) fail('length_mismatch', `header says ${expected} bytes (16 + ${count} × 16 + ${size}), got ${length}`);
  if (type === TYPE_DICT && count > limits.maxCollectionChildren) {
    fail('too_many_children', `a d-node has at most ${limits.maxCollectionChildren} children, got ${count}`);
  }
  // Only a full node may have children: data fills a node before it overflows into children (§7.2.3, §7.2.4).
  if (type !== TYPE_DICT && count > 0 && length !== limits.maxNodeSize) {
    fail('not_full', `an f- or s-node with children must be exactly ${limits.maxNodeSize} bytes, got ${length}`);
  }

  const payloadStart = HEADER_BYTES + count * NODE_KEY_BYTES;
  const children = new Array<Uint8Array>(count);
  for (let i = 0, at = HEADER_BYTES; i < count; i++, at += NODE_KEY_BYTES) children[i] = bytes.subarray(at, at + NODE_KEY_BYTES);

  if (type === TYPE_SUCCESSOR) return { kind: 'successor', children, data: bytes.subarray(payloadStart) };
  if (type === TYPE_DICT) return { kind: 'dict', names: decodeNames(bytes, payloadStart, count, limits), children };
  return decodeFile(bytes, view, payloadStart, size, children);
}

function decodeFile(bytes: Uint8Array, view: DataView, start: number, size: number, children: Uint8Array[]): FileNode {
  if (size < FILE_INFO_BYTES) fail('file_info_missing', `an f-node payload holds ${FILE_INFO_BYTES} bytes of file info, got ${size}`);
  const low = view.getUint32(start, true);
  const high = view.getUint32(start + 4, true);
  if (high > 0x1f_ffff) fail('bad_file_size', 'fileSize is past 2^53 - 1');
  const fileSize = high * TWO_32 + low;
  const data = bytes.subarray(start + FILE_INFO_BYTES);
  // Beyond §7 (which skips fileSize checks that need the whole tree): a leaf holds the whole file, so its
  // fileSize is known here, and a wrong one would be served as a wrong Content-Length.
  if (children.length === 0 ? fileSize !== data.length : fileSize < data.length) {
    fail('bad_file_size', `fileSize ${fileSize} does not fit the ${data.length} data bytes and ${children.length} children`);
  }
  const slot = bytes.subarray(start + 8, start + FILE_INFO_BYTES);
  let end = 0;
  while (end < CONTENT_TYPE_BYTES && slot[end] !== 0) {
    if (slot[end] < 0x20 || slot[end] > 0x7e) fail('bad_content_type', `contentType byte ${end} is not printable ASCII`);
    end++;
  }
  for (let i = end; i < CONTENT_TYPE_BYTES; i++) {
    if (slot[i] !== 0) fail('bad_content_type', `contentType padding byte ${i} is not 0`);
  }
  const contentType = String.fromCharCode(...slot.subarray(0, end));
  return { kind: 'file', fileSize, contentType, children, data };
}

/** Exactly `count` Pascal strings filling the rest of the node, strictly ascending by bytes. */
function decodeNames(bytes: Uint8Array, start: number, count: number, limits: NodeLimits): string[] {
  const names = new Array<string>(count);
  let previous: Uint8Array | null = null;
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + 2 > bytes.length) fail('bad_names', `the payload ends before name ${i} of ${count}`);
    const nameLength = bytes[at] | (bytes[at + 1] << 8);
    at += 2;
    if (at + nameLength > bytes.length) fail('bad_names', `name ${i} runs past the end of the node`);
    if (nameLength === 0) fail('empty_name', `name ${i} is empty`);
    if (nameLength > limits.maxNameBytes) fail('name_too_long', `name ${i} is ${nameLength} bytes, at most ${limits.maxNameBytes}`);
    const raw = bytes.subarray(at, at + nameLength);
    at += nameLength;
    if (previous) {
      const order = compareBytes(previous, raw);
      if (order === 0) fail('duplicate_name', `names ${i - 1} and ${i} are the same`);
      if (order > 0) fail('names_unsorted', `name ${i} sorts before name ${i - 1} (by UTF-8 bytes)`);
    }
    names[i] = decodeUtf8(raw, i);
    previous = raw;
  }
  if (at !== bytes.length) fail('bad_names', `${bytes.length - at} bytes follow the last name`);
  return names;
}

function decodeUtf8(raw: Uint8Array, index: number): string {
  try {
    return utf8.decode(raw);
  } catch {
    return fail('bad_utf8', `name ${index} is not valid UTF-8`);
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/**
 * Checks that `bytes` are a valid node whose key is `expectedKey` (16 bytes), and decodes it.
 * The size flag byte is compared before anything is hashed. Needs initBlake3() done.
 */
export function verifyNode(bytes: Uint8Array, expectedKey: Uint8Array, limits: NodeLimits = DEFAULT_NODE_LIMITS): CasNode {
  if (expectedKey.length !== NODE_KEY_BYTES) fail('bad_key', `a node key is ${NODE_KEY_BYTES} bytes, got ${expectedKey.length}`);
  const flag = computeSizeFlagByte(bytes.length);
  if (expectedKey[0] !== flag) fail('size_flag_mismatch', `the key's size flag does not fit a node of ${bytes.length} bytes`);
  const node = decodeNode(bytes, limits);
  if (!sameKey(keyOf(bytes), expectedKey)) fail('key_mismatch', 'the node bytes do not hash to the key');
  return node;
}

// ---------------------------------------------------------------------------------------------
// Encoding. Every encoder decodes what it built before returning it, so it can only produce
// nodes that decodeNode (with the same limits) accepts; otherwise it throws NodeFormatError.

export interface FileNodeInput {
  contentType: string;
  fileSize: number;
  data: Uint8Array;
  children?: readonly Uint8Array[];
}

export interface SuccessorNodeInput {
  data: Uint8Array;
  children?: readonly Uint8Array[];
}

export interface DictNodeInput {
  /** In any order: the encoder sorts by UTF-8 bytes. */
  names: readonly string[];
  children: readonly Uint8Array[];
}

export function encodeFileNode(input: FileNodeInput, limits: NodeLimits = DEFAULT_NODE_LIMITS): Uint8Array {
  const { contentType, fileSize, data } = input;
  const children = input.children ?? [];
  if (contentType.length > CONTENT_TYPE_BYTES || !/^[\x20-\x7e]*$/.test(contentType)) {
    fail('bad_content_type', `contentType must be at most ${CONTENT_TYPE_BYTES} printable ASCII characters`);
  }
  if (!Number.isSafeInteger(fileSize) || fileSize < 0) fail('bad_file_size', 'fileSize must be a safe non-negative integer');
  const out = allocate(TYPE_FILE, FILE_INFO_BYTES + data.length, children, limits);
  const start = HEADER_BYTES + children.length * NODE_KEY_BYTES;
  const view = new DataView(out.buffer);
  view.setUint32(start, fileSize % TWO_32, true);
  view.setUint32(start + 4, Math.floor(fileSize / TWO_32), true);
  for (let i = 0; i < contentType.length; i++) out[start + 8 + i] = contentType.charCodeAt(i);
  out.set(data, start + FILE_INFO_BYTES);
  return checked(out, limits);
}

export function encodeSuccessorNode(input: SuccessorNodeInput, limits: NodeLimits = DEFAULT_NODE_LIMITS): Uint8Array {
  const children = input.children ?? [];
  const out = allocate(TYPE_SUCCESSOR, input.data.length, children, limits);
  out.set(input.data, HEADER_BYTES + children.length * NODE_KEY_BYTES);
  return checked(out, limits);
}

export function encodeDictNode(input: DictNodeInput, limits: NodeLimits = DEFAULT_NODE_LIMITS): Uint8Array {
  if (input.names.length !== input.children.length) {
    fail('bad_input', `${input.names.length} names for ${input.children.length} children`);
  }
  const entries = input.names.map((name, i) => ({ raw: encodeName(name, i), key: input.children[i] }));
  entries.sort((a, b) => compareBytes(a.raw, b.raw));
  const size = entries.reduce((sum, entry) => sum + 2 + entry.raw.length, 0);
  const out = allocate(
    TYPE_DICT,
    size,
    entries.map((entry) => entry.key),
    limits,
  );
  let at = HEADER_BYTES + entries.length * NODE_KEY_BYTES;
  for (const { raw } of entries) {
    out[at] = raw.length & 0xff;
    out[at + 1] = raw.length >> 8;
    out.set(raw, at + 2);
    at += 2 + raw.length;
  }
  return checked(out, limits);
}

function encodeName(name: string, index: number): Uint8Array {
  const raw = utf8Encoder.encode(name);
  // TextEncoder turns lone surrogates into U+FFFD; such a name would not come back as written.
  if (utf8.decode(raw) !== name) fail('bad_utf8', `name ${index} is not well-formed Unicode`);
  if (raw.length > MAX_PASCAL_BYTES) fail('name_too_long', `name ${index} is ${raw.length} bytes`);
  return raw;
}

/** A node buffer with its header and children written; the payload is left to the caller. */
function allocate(type: number, size: number, children: readonly Uint8Array[], limits: NodeLimits): Uint8Array {
  const length = HEADER_BYTES + children.length * NODE_KEY_BYTES + size;
  if (length > limits.maxNodeSize) fail('too_large', `the node would be ${length} bytes, at most ${limits.maxNodeSize}`);
  const out = new Uint8Array(length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, type, true);
  view.setUint32(8, size, true);
  view.setUint32(12, children.length, true);
  children.forEach((key, i) => {
    if (key.length !== NODE_KEY_BYTES) fail('bad_key', `child ${i} is ${key.length} bytes, a node key is ${NODE_KEY_BYTES}`);
    out.set(key, HEADER_BYTES + i * NODE_KEY_BYTES);
  });
  return out;
}

function checked(out: Uint8Array, limits: NodeLimits): Uint8Array {
  decodeNode(out, limits);
  return out;
}
