import { validateSync } from 'class-validator';
import { IsBoundedObject } from './bounded-object';

class Sample {
  @IsBoundedObject({ maxEntries: 5, maxDepth: 2, maxBytes: 60 })
  metadata: unknown;
}

const errorsFor = (metadata: unknown) => validateSync(Object.assign(new Sample(), { metadata })).length;

describe('IsBoundedObject', () => {
  it('accepts a small object', () => {
    expect(errorsFor({ browser: 'Chrome', os: { name: 'Linux' } })).toBe(0);
  });

  it('refuses too many entries, too deep, too large, and what is not an object', () => {
    expect(errorsFor({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 })).toBe(1);
    expect(errorsFor({ a: [1, 2, 3, 4] })).toBe(0);
    expect(errorsFor({ a: [1, 2, 3, 4, 5] })).toBe(1);
    expect(errorsFor({ a: { b: { c: 1 } } })).toBe(1);
    expect(errorsFor({ a: 'x'.repeat(100) })).toBe(1);
    for (const notObject of [null, [], 'x', 5]) expect(errorsFor(notObject)).toBe(1);
  });
});
