import fc from 'fast-check';
import vectors from '../../../test/fixtures/casfa-nodes.json';
import { initBlake3 } from './blake3';
import {
  type CasNode,
  decodeNode,
  DEFAULT_NODE_LIMITS,
  encodeDictNode,
  encodeFileNode,
  encodeSuccessorNode,
  NodeFormatError,
  type NodeFormatReason,
  type NodeLimits,
  verifyNode,
} from './node-codec';
import { keyOf, nodeKeyText, parseNodeKey } from './node-key';

const bytesOf = (hexText: string): Uint8Array => new Uint8Array(Buffer.from(hexText, 'hex'));
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const keyBytes = (text: string): Uint8Array => parseNodeKey(text)!;
const compareBytes = (a: Uint8Array, b: Uint8Array): number => Buffer.compare(a, b);

/** Small limits, so that full nodes (the only ones that may have children) are cheap to build. */
const SMALL: NodeLimits = { maxNodeSize: 512, maxNameBytes: 40, maxCollectionChildren: 24 };

/** The reason of the NodeFormatError `run` throws (fails the test when it throws anything else or nothing). */
function reasonOf(run: () => unknown): NodeFormatReason {
  try {
    run();
  } catch (error) {
    if (error instanceof NodeFormatError) return error.reason;
    throw error;
  }
  throw new Error('expected a NodeFormatError, nothing was thrown');
}

/** Decodes or refuses with a NodeFormatError; anything else fails the test. */
function decodeOrNull(bytes: Uint8Array, limits: NodeLimits = DEFAULT_NODE_LIMITS): CasNode | null {
  try {
    return decodeNode(bytes, limits);
  } catch (error) {
    if (error instanceof NodeFormatError) return null;
    throw error;
  }
}

/** Builds a node by hand, header fields as given: the way to make the invalid ones. */
function rawNode(flags: number, count: number, payload: Uint8Array, size = payload.length): Uint8Array {
  const out = new Uint8Array(16 + count * 16 + payload.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x01534143, true);
  view.setUint32(4, flags >>> 0, true);
  view.setUint32(8, size, true);
  view.setUint32(12, count, true);
  for (let i = 0; i < count * 16; i++) out[16 + i] = (i * 37) & 0xff;
  out.set(payload, 16 + count * 16);
  return out;
}

function pascal(...names: (string | Uint8Array)[]): Uint8Array {
  const parts = names.map((n) => (typeof n === 'string' ? utf8(n) : n));
  const out = new Uint8Array(parts.reduce((sum, p) => sum + 2 + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out[at] = p.length & 0xff;
    out[at + 1] = p.length >> 8;
    out.set(p, at + 2);
    at += 2 + p.length;
  }
  return out;
}

function fileInfo(fileSize: number, contentType: string | Uint8Array): Uint8Array {
  const out = new Uint8Array(64);
  new DataView(out.buffer).setUint32(0, fileSize, true);
  out.set(typeof contentType === 'string' ? Buffer.from(contentType, 'latin1') : contentType, 8);
  return out;
}

const concat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts));

// ---------------------------------------------------------------------------------------------
// Arbitraries: valid nodes under SMALL limits, leaves and full nodes alike.

const key = fc.uint8Array({ minLength: 16, maxLength: 16 });
const contentType = fc.string({ unit: 'binary-ascii', maxLength: 56 }).map((s) => s.replace(/[^\x20-\x7e]/g, 'x'));
const room = (info: number): number => SMALL.maxNodeSize - 16 - info;

/** data and children of an f- or s-node: a leaf, or a full node with 1+ children. */
const body = (info: number) =>
  fc.oneof(
    fc.record({ data: fc.uint8Array({ maxLength: room(info) }), children: fc.constant<Uint8Array[]>([]) }),
    fc
      .array(key, { minLength: 1, maxLength: Math.floor(room(info) / 16) })
      .chain((children) =>
        fc.record({
          data: fc.uint8Array({ minLength: room(info) - children.length * 16, maxLength: room(info) - children.length * 16 }),
          children: fc.constant(children),
        }),
      ),
  );

const fileInput = fc
  .tuple(contentType, body(64), fc.maxSafeNat())
  .map(([ct, { data, children }, extra]) => ({
    contentType: ct,
    data,
    children,
    fileSize: children.length ? Math.max(data.length, extra) : data.length,
  }));
const successorInput = body(0);
const name = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 8 })
  .filter((n) => n.length > 0 && utf8(n).length <= SMALL.maxNameBytes && new TextDecoder().decode(utf8(n)) === n);
const dictInput = fc
  .uniqueArray(name, { maxLength: 10 })
  .chain((names) => fc.record({ names: fc.constant(names), children: fc.array(key, { minLength: names.length, maxLength: names.length }) }))
  .filter(({ names }) => 16 + names.reduce((sum, n) => sum + 18 + utf8(n).length, 0) <= SMALL.maxNodeSize);

const anyValidNode = fc.oneof(
  fileInput.map((input) => encodeFileNode(input, SMALL)),
  successorInput.map((input) => encodeSuccessorNode(input, SMALL)),
  dictInput.map((input) => encodeDictNode(input, SMALL)),
);

describe('CAS node codec', () => {
  beforeAll(() => initBlake3());

  describe('reference vectors', () => {
    it('decodes, encodes and keys every f-node', () => {
      for (const v of vectors.files) {
        const bytes = bytesOf(v.nodeHex);
        const data = bytesOf(v.dataHex);
        const node = verifyNode(bytes, keyBytes(v.key));
        expect(node).toEqual({ kind: 'file', contentType: v.contentType, fileSize: data.length, children: [], data });
        expect(new DataView(bytes.buffer).getUint32(8, true)).toBe(v.payloadSize);
        expect(hex(encodeFileNode({ contentType: v.contentType, fileSize: data.length, data }))).toBe(v.nodeHex);
        expect(nodeKeyText(keyOf(bytes))).toBe(v.key);
      }
    });

    it('decodes, encodes and keys every s-node', () => {
      for (const v of vectors.successors) {
        const bytes = bytesOf(v.nodeHex);
        const data = bytesOf(v.dataHex);
        expect(verifyNode(bytes, keyBytes(v.key))).toEqual({ kind: 'successor', children: [], data });
        expect(hex(encodeSuccessorNode({ data }))).toBe(v.nodeHex);
        expect(nodeKeyText(keyOf(bytes))).toBe(v.key);
      }
    });

    it('decodes, encodes (from any order) and keys every d-node', () => {
      for (const v of vectors.dicts) {
        const bytes = bytesOf(v.nodeHex);
        const entries = Object.entries(v.children).sort(([a], [b]) => compareBytes(utf8(a), utf8(b)));
        const node = verifyNode(bytes, keyBytes(v.key));
        expect(node.kind).toBe('dict');
        if (node.kind !== 'dict') return;
        expect(node.names).toEqual(entries.map(([n]) => n));
        expect(node.children.map(nodeKeyText)).toEqual(entries.map(([, k]) => k));
        expect(new DataView(bytes.buffer).getUint32(8, true)).toBe(v.payloadSize);
        const reversed = [...entries].reverse();
        expect(hex(encodeDictNode({ names: reversed.map(([n]) => n), children: reversed.map(([, k]) => keyBytes(k)) }))).toBe(v.nodeHex);
        expect(nodeKeyText(keyOf(bytes))).toBe(v.key);
      }
    });

    it('refuses every reference node under a key of another node', () => {
      const all = [...vectors.files, ...vectors.successors, ...vectors.dicts];
      for (const [i, v] of all.entries()) {
        const other = all[(i + 1) % all.length];
        expect(['key_mismatch', 'size_flag_mismatch']).toContain(reasonOf(() => verifyNode(bytesOf(v.nodeHex), keyBytes(other.key))));
      }
    });
  });

  describe('properties', () => {
    it('round-trips random valid f-, s- and d-nodes: encode → decode gives the fields back', () => {
      fc.assert(
        fc.property(fileInput, (input) => {
          expect(decodeNode(encodeFileNode(input, SMALL), SMALL)).toEqual({ kind: 'file', ...input });
        }),
      );
      fc.assert(
        fc.property(successorInput, (input) => {
          expect(decodeNode(encodeSuccessorNode(input, SMALL), SMALL)).toEqual({ kind: 'successor', ...input });
        }),
      );
      fc.assert(
        fc.property(dictInput, (input) => {
          const order = input.names.map((_, i) => i).sort((a, b) => compareBytes(utf8(input.names[a]), utf8(input.names[b])));
          expect(decodeNode(encodeDictNode(input, SMALL), SMALL)).toEqual({
            kind: 'dict',
            names: order.map((i) => input.names[i]),
            children: order.map((i) => input.children[i]),
          });
        }),
      );
    });

    it('has one byte form per node: whatever decodes re-encodes to the same bytes', () => {
      fc.assert(
        fc.property(anyValidNode, (bytes) => {
          expect(hex(reencode(decodeNode(bytes, SMALL)))).toBe(hex(bytes));
          expect(verifyNode(bytes, keyOf(bytes), SMALL)).toEqual(decodeNode(bytes, SMALL));
        }),
      );
    });

    it('refuses every bit flip under the original key, and decodes or refuses it cleanly without', () => {
      fc.assert(
        fc.property(anyValidNode, fc.nat(), fc.nat(7), (bytes, at, bit) => {
          const flipped = bytes.slice();
          flipped[at % bytes.length] ^= 1 << bit;
          expect(['key_mismatch', 'size_flag_mismatch', ...structural]).toContain(reasonOf(() => verifyNode(flipped, keyOf(bytes), SMALL)));
          const node = decodeOrNull(flipped, SMALL);
          if (node) expect(hex(reencode(node))).toBe(hex(flipped));
          expect(hex(keyOf(flipped))).not.toBe(hex(keyOf(bytes)));
        }),
      );
    });

    it('refuses truncated and extended nodes', () => {
      fc.assert(
        fc.property(anyValidNode, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 40 }), (bytes, cut, extra) => {
          const truncated = bytes.subarray(0, cut % bytes.length);
          expect(['truncated', 'length_mismatch']).toContain(reasonOf(() => decodeNode(truncated, SMALL)));
          expect(['length_mismatch', 'too_large']).toContain(reasonOf(() => decodeNode(concat(bytes, extra), SMALL)));
        }),
      );
    });

    it('never crashes on random bytes, nor on random payloads behind a plausible header', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => void decodeOrNull(bytes, SMALL)),
        { numRuns: 2000 },
      );
      // Mostly plausible headers over payloads shaped like names or file info, to get past the header checks.
      const rawName = fc
        .uint8Array({ maxLength: 6 })
        .map((b) => (b.length % 2 ? pascal(b) : pascal(String.fromCharCode(...b.map((c) => 0x61 + (c % 26))))));
      const payload = fc.oneof(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(rawName, { maxLength: 6 }).map((names) => concat(...names)),
        fc.tuple(fc.nat(300), contentType, fc.uint8Array({ maxLength: 200 })).map(([size, ct, data]) => concat(fileInfo(size, ct), data)),
      );
      const header = fc.record({
        flags: fc.oneof({ arbitrary: fc.constantFrom(1, 2, 3), weight: 8 }, fc.nat(255), fc.integer({ min: 0, max: 0xffffffff })),
        count: fc.oneof({ arbitrary: fc.nat(6), weight: 8 }, fc.integer({ min: 0, max: 0xffffffff })),
        payload,
        sizeDelta: fc.oneof({ arbitrary: fc.constant(0), weight: 8 }, fc.integer({ min: -5, max: 5 })),
      });
      fc.assert(
        fc.property(header, ({ flags, count, payload, sizeDelta }) => {
          const children = Math.min(count, 8);
          const bytes = rawNode(flags, children, payload, Math.max(0, payload.length + sizeDelta));
          if (count !== children) new DataView(bytes.buffer).setUint32(12, count, true);
          const node = decodeOrNull(bytes, SMALL);
          if (node) expect(hex(reencode(node))).toBe(hex(bytes));
        }),
        { numRuns: 3000 },
      );
    });

    it('refuses shuffled names', () => {
      const distinct = fc.uniqueArray(name, { minLength: 2, maxLength: 8 });
      fc.assert(
        fc.property(distinct, fc.nat(), (names, seed) => {
          const sorted = [...names].sort((a, b) => compareBytes(utf8(a), utf8(b)));
          const i = seed % (sorted.length - 1);
          [sorted[i], sorted[i + 1]] = [sorted[i + 1], sorted[i]];
          expect(reasonOf(() => decodeNode(rawNode(1, sorted.length, pascal(...sorted)), SMALL))).toBe('names_unsorted');
        }),
      );
    });

    it('refuses names that are not UTF-8', () => {
      const bad = fc.constantFrom(
        [0xff],
        [0xc0, 0x80], // overlong NUL
        [0xe0, 0x80, 0xaf], // overlong '/'
        [0xed, 0xa0, 0x80], // UTF-16 surrogate
        [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
        [0xf0, 0x9f, 0x98], // cut short
        [0x80],
      );
      fc.assert(
        fc.property(
          fc.string({ unit: 'grapheme-ascii', maxLength: 5 }),
          bad,
          fc.string({ unit: 'grapheme-ascii', maxLength: 5 }),
          (before, junk, after) => {
            const raw = concat(utf8(before), Uint8Array.from(junk), utf8(after));
            expect(reasonOf(() => decodeNode(rawNode(1, 1, pascal(raw)), SMALL))).toBe('bad_utf8');
          },
        ),
      );
    });

    it('refuses non-zero content-type padding and non-printable content types', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 55 }),
          fc.integer({ min: 1, max: 55 }),
          fc.integer({ min: 1, max: 255 }),
          (ctLength, offset, junk) => {
            const slot = new Uint8Array(56).fill(0x61, 0, ctLength);
            const padAt = ctLength + (offset % (56 - ctLength));
            slot[padAt] = junk;
            const bytes = rawNode(3, 0, fileInfo(0, slot));
            const printable = junk >= 0x20 && junk <= 0x7e;
            const valid = printable && padAt === ctLength; // it only extended the content type
            if (valid) expect(decodeNode(bytes).kind).toBe('file');
            else expect(reasonOf(() => decodeNode(bytes))).toBe('bad_content_type');
          },
        ),
      );
    });

    it('refuses reserved flag bits, unknown hash algorithms, type 0, extensions and block size claims', () => {
      fc.assert(
        fc.property(anyValidNode, fc.integer({ min: 2, max: 31 }), (bytes, bit) => {
          const changed = bytes.slice();
          const view = new DataView(changed.buffer);
          view.setUint32(4, (view.getUint32(4, true) | (1 << bit)) >>> 0, true);
          const expected =
            bit >= 16 ? 'reserved_flags' : bit >= 8 ? 'unknown_hash_algorithm' : bit >= 4 ? 'block_size_flag' : 'header_extension';
          expect(reasonOf(() => decodeNode(changed, SMALL))).toBe(expected);
        }),
      );
      expect(reasonOf(() => decodeNode(rawNode(0, 0, new Uint8Array(0))))).toBe('unknown_node_type');
    });
  });

  describe('validation rules (spec §7) one by one', () => {
    it('header: size, magic, length consistency', () => {
      expect(reasonOf(() => decodeNode(new Uint8Array(15)))).toBe('truncated');
      const wrongMagic = rawNode(2, 0, new Uint8Array(4));
      wrongMagic[3] = 0x02;
      expect(reasonOf(() => decodeNode(wrongMagic))).toBe('bad_magic');
      expect(reasonOf(() => decodeNode(rawNode(2, 0, new Uint8Array(4), 5)))).toBe('length_mismatch');
      expect(reasonOf(() => decodeNode(rawNode(2, 0, new Uint8Array(4), 0xffffffff)))).toBe('length_mismatch');
      const hugeCount = rawNode(1, 0, new Uint8Array(0));
      new DataView(hugeCount.buffer).setUint32(12, 0xffffffff, true);
      expect(reasonOf(() => decodeNode(hugeCount))).toBe('length_mismatch');
    });

    it('node limit: a node is at most maxNodeSize bytes', () => {
      expect(decodeNode(rawNode(2, 0, new Uint8Array(SMALL.maxNodeSize - 16)), SMALL).kind).toBe('successor');
      expect(reasonOf(() => decodeNode(rawNode(2, 0, new Uint8Array(SMALL.maxNodeSize - 15)), SMALL))).toBe('too_large');
      expect(reasonOf(() => encodeSuccessorNode({ data: new Uint8Array(SMALL.maxNodeSize) }, SMALL))).toBe('too_large');
    });

    it('only a full node (exactly maxNodeSize bytes) may have children, at the default 4 MiB too', () => {
      const limit = DEFAULT_NODE_LIMITS.maxNodeSize;
      const child = new Uint8Array(16).fill(7);
      expect(limit).toBe(4194304);
      const full = encodeSuccessorNode({ data: new Uint8Array(limit - 32), children: [child] });
      expect(full.length).toBe(limit);
      expect(decodeNode(full).kind).toBe('successor');
      expect(reasonOf(() => encodeSuccessorNode({ data: new Uint8Array(limit - 33), children: [child] }))).toBe('not_full');
      const fullFile = encodeFileNode({ contentType: 'video/mp4', fileSize: 2 ** 40, data: new Uint8Array(limit - 96), children: [child] });
      expect(decodeNode(fullFile)).toMatchObject({ kind: 'file', fileSize: 2 ** 40, contentType: 'video/mp4' });
      expect(reasonOf(() => decodeNode(rawNode(3, 1, fileInfo(100, 'text/plain')), SMALL))).toBe('not_full');
      expect(reasonOf(() => decodeNode(rawNode(2, 2, new Uint8Array(10)), SMALL))).toBe('not_full');
      // d-nodes have no data to fill: children are what they hold.
      expect(decodeNode(rawNode(1, 1, pascal('a')), SMALL).kind).toBe('dict');
    });

    it('f-node: file info present, content type printable ASCII then zeros, fileSize sound', () => {
      expect(reasonOf(() => decodeNode(rawNode(3, 0, new Uint8Array(63))))).toBe('file_info_missing');
      expect(reasonOf(() => decodeNode(rawNode(3, 0, fileInfo(0, 'text/pl\x01in'))))).toBe('bad_content_type');
      expect(reasonOf(() => decodeNode(rawNode(3, 0, fileInfo(0, 'text/\x7f'))))).toBe('bad_content_type');
      expect(reasonOf(() => decodeNode(rawNode(3, 0, fileInfo(0, 'text\0plain'))))).toBe('bad_content_type');
      expect(decodeNode(rawNode(3, 0, fileInfo(0, '')))).toMatchObject({ contentType: '', fileSize: 0 });
      expect(decodeNode(rawNode(3, 0, fileInfo(0, 'x'.repeat(56))))).toMatchObject({ contentType: 'x'.repeat(56) });
      // A leaf holds the whole file.
      expect(reasonOf(() => decodeNode(rawNode(3, 0, concat(fileInfo(3, 'a/b'), new Uint8Array(2)))))).toBe('bad_file_size');
      const unsafe = rawNode(3, 0, fileInfo(0, 'a/b'));
      new DataView(unsafe.buffer).setUint32(16 + 4, 0x200000, true);
      expect(reasonOf(() => decodeNode(unsafe))).toBe('bad_file_size');
      const full = rawNode(3, 1, concat(fileInfo(0, 'a/b'), new Uint8Array(SMALL.maxNodeSize - 96)));
      expect(reasonOf(() => decodeNode(full, SMALL))).toBe('bad_file_size');
    });

    it('d-node: exactly count Pascal strings filling the payload, non-empty, not too long, ascending, unique', () => {
      expect(decodeNode(rawNode(1, 2, pascal('a', 'b')))).toMatchObject({ names: ['a', 'b'] });
      expect(reasonOf(() => decodeNode(rawNode(1, 2, pascal('a'))))).toBe('bad_names');
      expect(reasonOf(() => decodeNode(rawNode(1, 1, pascal('a', 'b'))))).toBe('bad_names');
      expect(reasonOf(() => decodeNode(rawNode(1, 1, concat(pascal('a'), Uint8Array.of(0)))))).toBe('bad_names');
      expect(reasonOf(() => decodeNode(rawNode(1, 1, pascal('abc').subarray(0, 4))))).toBe('bad_names');
      expect(reasonOf(() => decodeNode(rawNode(1, 1, Uint8Array.of(5))))).toBe('bad_names');
      expect(reasonOf(() => decodeNode(rawNode(1, 0, pascal('a'))))).toBe('bad_names');
      expect(reasonOf(() => decodeNode(rawNode(1, 1, pascal(''))))).toBe('empty_name');
      expect(decodeNode(rawNode(1, 1, pascal('n'.repeat(255))))).toMatchObject({ names: ['n'.repeat(255)] });
      expect(reasonOf(() => decodeNode(rawNode(1, 1, pascal('n'.repeat(256)))))).toBe('name_too_long');
      expect(reasonOf(() => decodeNode(rawNode(1, 1, pascal('n'.repeat(41))), SMALL))).toBe('name_too_long');
      expect(reasonOf(() => decodeNode(rawNode(1, 2, pascal('b', 'a'))))).toBe('names_unsorted');
      expect(reasonOf(() => decodeNode(rawNode(1, 2, pascal('a', 'a'))))).toBe('duplicate_name');
      // UTF-8 byte order, not UTF-16 order: U+FF5E sorts before U+1F600 by bytes but after it by UTF-16 units.
      expect(decodeNode(rawNode(1, 2, pascal('\uff5e', '\u{1f600}')))).toMatchObject({ names: ['\uff5e', '\u{1f600}'] });
      expect(reasonOf(() => decodeNode(rawNode(1, 2, pascal('\u{1f600}', '\uff5e'))))).toBe('names_unsorted');
      // A leading byte order mark is part of the name.
      expect(decodeNode(rawNode(1, 1, pascal('\ufeffa')))).toMatchObject({ names: ['\ufeffa'] });
    });

    it('d-node: at most maxCollectionChildren children', () => {
      const names = Array.from({ length: 25 }, (_, i) => `n${String(i).padStart(2, '0')}`);
      const children = names.map(() => new Uint8Array(16));
      const roomy = { ...SMALL, maxNodeSize: 4096 };
      expect(reasonOf(() => encodeDictNode({ names, children }, roomy))).toBe('too_many_children');
      expect(decodeNode(encodeDictNode({ names: names.slice(1), children: children.slice(1) }, roomy), roomy).kind).toBe('dict');
      expect(reasonOf(() => decodeNode(rawNode(1, 25, pascal(...names)), roomy))).toBe('too_many_children');
    });

    it('verifyNode: a key of 16 bytes, the size flag checked first, then the hash', () => {
      const bytes = encodeSuccessorNode({ data: utf8('hello') });
      const key = keyOf(bytes);
      expect(verifyNode(bytes, key)).toMatchObject({ kind: 'successor' });
      expect(reasonOf(() => verifyNode(bytes, key.subarray(0, 15)))).toBe('bad_key');
      const otherSize = key.slice();
      otherSize[0] = 0x31;
      expect(reasonOf(() => verifyNode(bytes, otherSize))).toBe('size_flag_mismatch');
      const otherHash = key.slice();
      otherHash[15] ^= 1;
      expect(reasonOf(() => verifyNode(bytes, otherHash))).toBe('key_mismatch');
      // The size flag is compared before the node is even decoded.
      expect(reasonOf(() => verifyNode(new Uint8Array(3), key))).toBe('size_flag_mismatch');
    });
  });

  describe('encoders', () => {
    it('sort dict entries by UTF-8 bytes, keeping each name with its child', () => {
      const a = new Uint8Array(16).fill(1);
      const b = new Uint8Array(16).fill(2);
      const node = decodeNode(encodeDictNode({ names: ['zeta', 'Alpha'], children: [a, b] }));
      expect(node).toEqual({ kind: 'dict', names: ['Alpha', 'zeta'], children: [b, a] });
      expect(decodeNode(encodeDictNode({ names: [], children: [] }))).toEqual({ kind: 'dict', names: [], children: [] });
    });

    it('refuse input that would not make a valid node', () => {
      const k = new Uint8Array(16);
      expect(reasonOf(() => encodeDictNode({ names: ['a'], children: [] }))).toBe('bad_input');
      expect(reasonOf(() => encodeDictNode({ names: ['a'], children: [new Uint8Array(15)] }))).toBe('bad_key');
      expect(reasonOf(() => encodeDictNode({ names: ['a\ud800'], children: [k] }))).toBe('bad_utf8');
      expect(reasonOf(() => encodeDictNode({ names: ['a', 'a'], children: [k, k] }))).toBe('duplicate_name');
      expect(reasonOf(() => encodeDictNode({ names: [''], children: [k] }))).toBe('empty_name');
      expect(reasonOf(() => encodeDictNode({ names: ['x'.repeat(70_000)], children: [k] }))).toBe('name_too_long');
      expect(reasonOf(() => encodeFileNode({ contentType: 'téxt/plain', fileSize: 0, data: new Uint8Array(0) }))).toBe('bad_content_type');
      expect(reasonOf(() => encodeFileNode({ contentType: 'a'.repeat(57), fileSize: 0, data: new Uint8Array(0) }))).toBe(
        'bad_content_type',
      );
      expect(reasonOf(() => encodeFileNode({ contentType: 'a/b', fileSize: -1, data: new Uint8Array(0) }))).toBe('bad_file_size');
      expect(reasonOf(() => encodeFileNode({ contentType: 'a/b', fileSize: 0.5, data: new Uint8Array(0) }))).toBe('bad_file_size');
      expect(reasonOf(() => encodeFileNode({ contentType: 'a/b', fileSize: 2, data: new Uint8Array(1) }))).toBe('bad_file_size');
      expect(reasonOf(() => encodeSuccessorNode({ data: new Uint8Array(1), children: [k] }))).toBe('not_full');
    });

    it('write fileSize as u64 little-endian', () => {
      const bytes = encodeFileNode(
        { contentType: 'a/b', fileSize: 2 ** 53 - 1, data: new Uint8Array(SMALL.maxNodeSize - 96), children: [new Uint8Array(16)] },
        SMALL,
      );
      expect(hex(bytes.subarray(32, 40))).toBe('ffffffffffff1f00');
      expect(decodeNode(bytes, SMALL)).toMatchObject({ fileSize: 2 ** 53 - 1 });
    });
  });
});

/** Every reason decodeNode can give (verifyNode adds the key ones). */
const structural: NodeFormatReason[] = [
  'truncated',
  'too_large',
  'bad_magic',
  'reserved_flags',
  'unknown_hash_algorithm',
  'unknown_node_type',
  'header_extension',
  'block_size_flag',
  'length_mismatch',
  'not_full',
  'file_info_missing',
  'bad_content_type',
  'bad_file_size',
  'too_many_children',
  'bad_names',
  'empty_name',
  'name_too_long',
  'bad_utf8',
  'names_unsorted',
  'duplicate_name',
];

function reencode(node: CasNode): Uint8Array {
  if (node.kind === 'file') return encodeFileNode(node, SMALL);
  if (node.kind === 'successor') return encodeSuccessorNode(node, SMALL);
  return encodeDictNode(node, SMALL);
}
