import fc from 'fast-check';
import { blake3 } from 'hash-wasm';
import { blake3_128, blake3_128Keyed, blake3_128Stream, blake3_256, initBlake3 } from './blake3';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const ascii = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));

describe('BLAKE3 hashers', () => {
  beforeAll(() => initBlake3());

  it('refuses to hash before initBlake3() has finished', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh = require('./blake3') as typeof import('./blake3');
      expect(() => fresh.blake3_128(new Uint8Array(1))).toThrow(/initBlake3/);
    });
  });

  it('builds the hashers once however often it is called', async () => {
    const first = initBlake3();
    expect(initBlake3()).toBe(first);
    await first;
  });

  it('matches the BLAKE3 reference vectors (empty input; keyed with the official test key)', () => {
    expect(hex(blake3_256(new Uint8Array(0)))).toBe('af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262');
    // BLAKE3 output is a prefix of the extendable output: 128 bits are the first 16 bytes.
    expect(hex(blake3_128(new Uint8Array(0)))).toBe('af1349b9f5f9a1a6a0404dea36dcc949');
    expect(hex(blake3_128Keyed(ascii('whats the Elvish word for friend'), new Uint8Array(0)))).toBe('92b2b75604ed3c761f9d6f62392c8a92');
  });

  it('agrees with hash-wasm one-shot hashing, keyed or not, across chunk boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 5000 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), async (data, key) => {
        expect(hex(blake3_128(data))).toBe(await blake3(data, 128));
        expect(hex(blake3_256(data))).toBe(await blake3(data, 256));
        expect(hex(blake3_128Keyed(key, data))).toBe(await blake3(data, 128, key));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => blake3_128Keyed(new Uint8Array(16), new Uint8Array(1))).toThrow(RangeError);
  });

  it('streams: any split of the input gives the one-shot digest, with other hashing interleaved', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 6000 }), fc.array(fc.nat(6000), { maxLength: 6 }), (data, cuts) => {
        const bounds = [0, ...cuts.map((c) => c % (data.length + 1)).sort((a, b) => a - b), data.length];
        const a = blake3_128Stream();
        const b = blake3_128Stream();
        for (let i = 1; i < bounds.length; i++) {
          a.update(data.subarray(bounds[i - 1], bounds[i]));
          blake3_128(Uint8Array.of(i)); // shares the WASM instance; must not disturb the streams
          b.update(data.subarray(bounds[i - 1], bounds[i]));
        }
        const expected = hex(blake3_128(data));
        expect(hex(a.digest())).toBe(expected);
        expect(hex(b.digest())).toBe(expected);
      }),
    );
  });

  it('finishes a stream at its digest', () => {
    const stream = blake3_128Stream();
    stream.digest();
    expect(() => stream.update(new Uint8Array(1))).toThrow(/digested/);
    expect(() => stream.digest()).toThrow(/digested/);
  });
});
