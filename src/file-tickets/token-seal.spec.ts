import { TokenSeal } from './token-seal';

describe('TokenSeal', () => {
  const seal = new TokenSeal('a-secret-that-is-long-enough-0123456789');

  it('opens what it sealed, and seals the same text differently each time', () => {
    const a = seal.seal('discord-refresh-token');
    const b = seal.seal('discord-refresh-token');
    expect(a).not.toBe(b);
    expect(a).not.toContain('discord');
    expect(seal.open(a)).toBe('discord-refresh-token');
    expect(seal.open(b)).toBe('discord-refresh-token');
  });

  it('refuses text sealed under another secret, tampered with, or not sealed at all', () => {
    const sealed = seal.seal('token');
    expect(new TokenSeal('another-secret-that-is-long-enough-0123').open(sealed)).toBeNull();
    const raw = Buffer.from(sealed, 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(seal.open(raw.toString('base64url'))).toBeNull();
    expect(seal.open('short')).toBeNull();
    expect(seal.open('')).toBeNull();
  });
});
