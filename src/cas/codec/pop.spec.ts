import fc from 'fast-check';
import vectors from '../../../test/fixtures/casfa-nodes.json';
import { initBlake3 } from './blake3';
import { computePop, verifyPop } from './pop';

const nodes = [...vectors.files, ...vectors.successors, ...vectors.dicts];
const nodeBytes = (key: string): Uint8Array => new Uint8Array(Buffer.from(nodes.find((n) => n.key === key)!.nodeHex, 'hex'));
const token32 = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe('proof of possession', () => {
  beforeAll(() => initBlake3());

  it('reproduces every reference PoP and verifies it', () => {
    for (const v of vectors.pop) {
      const token = new Uint8Array(Buffer.from(v.accessTokenBase64, 'base64'));
      const content = nodeBytes(v.nodeKey);
      expect(token.length).toBe(32);
      expect(computePop(token, content)).toBe(v.pop);
      expect(verifyPop(v.pop, token, content)).toBe(true);
    }
  });

  it('refuses a PoP of another token, other content, or altered text', () => {
    const v = vectors.pop[0];
    const token = new Uint8Array(Buffer.from(v.accessTokenBase64, 'base64'));
    const content = nodeBytes(v.nodeKey);
    const otherToken = token.slice();
    otherToken[31] ^= 1;
    expect(verifyPop(v.pop, otherToken, content)).toBe(false);
    expect(verifyPop(v.pop, token, content.subarray(1))).toBe(false);
    expect(verifyPop(v.pop.toLowerCase(), token, content)).toBe(false);
    expect(verifyPop(v.pop.slice(0, -1), token, content)).toBe(false);
    expect(verifyPop(`${v.pop}0`, token, content)).toBe(false);
    expect(verifyPop(v.pop.slice(4), token, content)).toBe(false);
    expect(verifyPop('', token, content)).toBe(false);
    // U+0150 has 0x50 ('P') as its low byte: a byte-wise comparison must not take it for 'P'.
    const lastP = v.pop.lastIndexOf('P');
    if (lastP > 3) expect(verifyPop(`${v.pop.slice(0, lastP)}\u0150${v.pop.slice(lastP + 1)}`, token, content)).toBe(false);
  });

  it('binds the PoP to token and content: any change of either changes it', () => {
    fc.assert(
      fc.property(token32, fc.uint8Array({ minLength: 1, maxLength: 3000 }), fc.nat(), (token, content, at) => {
        const pop = computePop(token, content);
        expect(pop).toMatch(/^pop:[0-9A-HJKMNP-TV-Z]{25}[048CGMRW]$/);
        expect(verifyPop(pop, token, content)).toBe(true);
        const otherContent = content.slice();
        otherContent[at % content.length] ^= 0x80;
        expect(verifyPop(pop, token, otherContent)).toBe(false);
        const otherToken = token.slice();
        otherToken[at % 32] ^= 0x01;
        expect(verifyPop(pop, otherToken, content)).toBe(false);
      }),
    );
  });

  it('takes the token as its 32 raw bytes only', () => {
    expect(() => computePop(new Uint8Array(44), new Uint8Array(1))).toThrow(RangeError);
  });
});
