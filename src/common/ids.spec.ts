import { fromCrockford32, parsePrefixedId, prefixedId, toCrockford32, ulid, ulidBytes } from './ids';

describe('Crockford Base32 and ULIDs', () => {
  it('encodes 16 bytes as 26 characters, pad bits at the end as CASFA writes them', () => {
    expect(toCrockford32(new Uint8Array(16))).toBe('00000000000000000000000000');
    expect(toCrockford32(new Uint8Array(16).fill(0xff))).toBe('ZZZZZZZZZZZZZZZZZZZZZZZZZW');
    // CAS_BINARY_FORMAT.md §8.1: the empty dict's key bytes start with the size flag 0x11.
    expect(toCrockford32(Uint8Array.from([0x11, ...new Uint8Array(15)]))).toMatch(/^24/);
  });

  it('decodes what it encodes, leniently (lower case, I/L/O), and refuses what is not a value', () => {
    const bytes = ulidBytes();
    const text = toCrockford32(bytes);
    expect(fromCrockford32(text, 16)).toEqual(bytes);
    expect(fromCrockford32(text.toLowerCase(), 16)).toEqual(bytes);
    expect(fromCrockford32('0000000000000000000000000O', 16)).toEqual(new Uint8Array(16));
    expect(fromCrockford32('ZZZZZZZZZZZZZZZZZZZZZZZZZZ', 16)).toBeNull(); // a pad bit set
    expect(fromCrockford32('0000000000000000000000000U', 16)).toBeNull();
    expect(fromCrockford32('000', 16)).toBeNull();
  });

  it('sorts ULIDs by time', () => {
    expect(ulid(1_000) < ulid(2_000)).toBe(true);
  });

  it('builds and parses prefixed ids', () => {
    const bytes = ulidBytes(1700000000000);
    const id = prefixedId('dlt', bytes);
    expect(id).toMatch(/^dlt_[0-9A-HJKMNP-TV-Z]{25}[048CGMRW]$/);
    expect(parsePrefixedId('dlt', id, 16)).toEqual(bytes);
    expect(parsePrefixedId('nod', id, 16)).toBeNull();
  });
});
