import fc from 'fast-check';
import vectors from '../../../test/fixtures/casfa-nodes.json';
import { initBlake3 } from './blake3';
import {
  computeSizeFlagByte,
  EMPTY_DICT_BYTES,
  EMPTY_DICT_KEY,
  EMPTY_DICT_KEY_TEXT,
  keyOf,
  nodeHasher,
  nodeKeyText,
  parseNodeKey,
  sameKey,
  sizeFlagMatches,
} from './node-key';

const allNodes = [...vectors.files, ...vectors.successors, ...vectors.dicts];
const bytesOf = (hexText: string): Uint8Array => new Uint8Array(Buffer.from(hexText, 'hex'));
/** The upper bound a flag byte stands for: L × 16^H. */
const bound = (flag: number): number => (flag & 15) * 16 ** (flag >> 4);

describe('node keys', () => {
  beforeAll(() => initBlake3());

  it('computes the size flag byte of the size-flagged-hash table', () => {
    const table: [number, number][] = [
      [0, 0x00],
      [1, 0x01],
      [15, 0x0f],
      [16, 0x11],
      [17, 0x12],
      [240, 0x1f],
      [241, 0x21],
      [256, 0x21],
      [257, 0x22],
      [4096, 0x31],
      [1024 * 1024, 0x51],
      [4 * 1024 * 1024, 0x54],
      [4 * 1024 * 1024 + 1, 0x55],
    ];
    for (const [length, flag] of table) expect([length, computeSizeFlagByte(length)]).toEqual([length, flag]);
  });

  it('gives the smallest bound that holds the length, so flag order is size order', () => {
    fc.assert(
      fc.property(fc.oneof(fc.nat(70_000), fc.maxSafeNat()), fc.oneof(fc.nat(70_000), fc.maxSafeNat()), (a, b) => {
        const flag = computeSizeFlagByte(a);
        expect(bound(flag)).toBeGreaterThanOrEqual(a);
        if (a > 0) expect(flag & 15).toBeGreaterThan(0);
        // The next smaller flag of the same or a lower H would not hold it.
        if ((flag & 15) > 1) expect(bound(flag - 1)).toBeLessThan(a);
        if ((flag & 15) === 1 && flag > 0x0f) expect(bound(flag - 2)).toBeLessThan(a); // 0x(H-1)F
        if (a <= b) expect(computeSizeFlagByte(a)).toBeLessThanOrEqual(computeSizeFlagByte(b));
      }),
    );
  });

  it('reproduces the key of every reference node', () => {
    for (const node of allNodes) {
      const bytes = bytesOf(node.nodeHex);
      expect(nodeKeyText(keyOf(bytes))).toBe(node.key);
      expect(sizeFlagMatches(parseNodeKey(node.key)!, bytes.length)).toBe(true);
      expect(sizeFlagMatches(parseNodeKey(node.key)!, bytes.length + 200)).toBe(false);
    }
  });

  it('knows the well-known empty dict', () => {
    expect(EMPTY_DICT_KEY_TEXT).toBe(vectors.emptyDictKey);
    expect(nodeKeyText(keyOf(EMPTY_DICT_BYTES))).toBe(EMPTY_DICT_KEY_TEXT);
    expect(sameKey(keyOf(EMPTY_DICT_BYTES), EMPTY_DICT_KEY)).toBe(true);
    expect(EMPTY_DICT_KEY[0]).toBe(0x11);
  });

  it('streams keys: any chunking gives keyOf of the whole', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1 }), (bytes, sizes) => {
        const hasher = nodeHasher();
        for (let at = 0, i = 0; at < bytes.length; i++) {
          const next = Math.min(bytes.length, at + sizes[i % sizes.length]);
          hasher.update(bytes.subarray(at, next));
          at = next;
        }
        expect(hasher.length).toBe(bytes.length);
        expect(sameKey(hasher.digestKey(), keyOf(bytes))).toBe(true);
      }),
    );
  });

  it('changes the key when any byte changes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 2000 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (bytes, at, xor) => {
        const changed = bytes.slice();
        changed[at % bytes.length] ^= xor;
        expect(sameKey(keyOf(changed), keyOf(bytes))).toBe(false);
      }),
    );
  });

  it('writes and parses key text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (key) => {
        const text = nodeKeyText(key);
        expect(text).toMatch(/^nod_[0-9A-HJKMNP-TV-Z]{25}[048CGMRW]$/);
        expect(parseNodeKey(text)).toEqual(key);
      }),
    );
    expect(parseNodeKey('nod_240B5PHBGEC2A705WTKKMVRS3')).toBeNull(); // 25 characters
    expect(parseNodeKey('nod_240B5PHBGEC2A705WTKKMVRS31')).toBeNull(); // pad bits set
    expect(parseNodeKey('dlt_240B5PHBGEC2A705WTKKMVRS30')).toBeNull();
    expect(parseNodeKey('240B5PHBGEC2A705WTKKMVRS30')).toBeNull();
    expect(() => nodeKeyText(new Uint8Array(15))).toThrow(RangeError);
  });
});
