import { CursorCodec } from './cursor';
import { RequestValidationError } from './errors/domain-error';

describe('CursorCodec', () => {
  const codec = new CursorCodec(Buffer.from('k'.repeat(32)));
  const other = new CursorCodec(Buffer.from('x'.repeat(32)));

  it('round-trips a position within its scope', () => {
    const cursor = codec.encode('usr_1:delegates', [1700000000000, 'dlt_01HX']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(codec.decode('usr_1:delegates', cursor)).toEqual([1700000000000, 'dlt_01HX']);
  });

  it('refuses a cursor of another scope, another key, an edited one and garbage', () => {
    const cursor = codec.encode('usr_1:delegates', [5, 'a']);
    expect(() => codec.decode('usr_2:delegates', cursor)).toThrow(RequestValidationError);
    expect(() => other.decode('usr_1:delegates', cursor)).toThrow(RequestValidationError);
    const raw = Buffer.from(cursor, 'base64url');
    const forged = Buffer.concat([raw.subarray(0, 16), Buffer.from(JSON.stringify([0, 'a']))]).toString('base64url');
    expect(() => codec.decode('usr_1:delegates', forged)).toThrow(RequestValidationError);
    for (const junk of ['', 'abc', '!!!', 'x'.repeat(3000)]) expect(() => codec.decode('usr_1:delegates', junk)).toThrow(RequestValidationError);
  });

  it('names the field in the validation error', () => {
    try {
      codec.decode('s', 'nope', 'after');
      throw new Error('not refused');
    } catch (err) {
      expect((err as RequestValidationError).fields).toEqual({ after: ['after is not a cursor issued for this list'] });
    }
  });
});
