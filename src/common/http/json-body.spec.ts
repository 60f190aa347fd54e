import { RequestValidationError } from '../errors/domain-error';
import { parseJsonBody } from './json-body';

const fieldsOf = (text: string) => {
  try {
    parseJsonBody(text);
  } catch (err) {
    if (err instanceof RequestValidationError) return err.fields;
    throw err;
  }
  throw new Error('accepted');
};

describe('parseJsonBody', () => {
  it('parses JSON, and an empty body as an empty object', () => {
    expect(parseJsonBody('{"a":[1,{"b":"c"}]}')).toEqual({ a: [1, { b: 'c' }] });
    expect(parseJsonBody('')).toEqual({});
    expect(parseJsonBody('  \n')).toEqual({});
    expect(parseJsonBody('"\\ud83d\\ude00 ok"')).toBe('😀 ok');
  });

  it('refuses malformed JSON as a bad request', () => {
    expect(() => parseJsonBody('{"a":')).toThrow(/Malformed JSON body/);
  });

  it('refuses nesting past the limit without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(fieldsOf(deep).body[0]).toMatch(/nested deeper than 32/);
    // Brackets and escaped quotes inside strings do not count.
    expect(parseJsonBody(`{"s":"${"[".repeat(40)}\\\\\\""}`)).toEqual({ s: `${"[".repeat(40)}\\"` });
    const ok = '{"a":'.repeat(31) + '1' + '}'.repeat(31);
    expect(parseJsonBody(ok)).toBeDefined();
    expect(Object.values(fieldsOf('{"a":'.repeat(33) + '1' + '}'.repeat(33)))[0][0]).toMatch(/nested deeper than 32/);
  });

  it('refuses bodies with too many entries, in all or in one object or array', () => {
    const keys = `{${Array.from({ length: 80_000 }, (_, i) => `"k${i}":1`).join(',')}}`;
    expect(fieldsOf(keys).body[0]).toMatch(/more than 4096 keys and items/);
    expect(fieldsOf(`{${Array.from({ length: 1001 }, (_, i) => `"k${i}":1`).join(',')}}`).body[0]).toMatch(/more than 1000 keys/);
    expect(fieldsOf(`{"tags":[${Array(1001).fill(1).join(',')}]}`).tags[0]).toMatch(/more than 1000 items/);
  });

  it('refuses NUL and lone surrogates in values and keys, naming the field', () => {
    expect(fieldsOf('{"title":"a\\u0000b"}')).toEqual({ title: ['title must not contain NUL characters'] });
    expect(fieldsOf('{"email":"\\ud800@example.com"}')).toEqual({ email: ['email must be valid Unicode (it has a lone surrogate)'] });
    expect(fieldsOf('{"m":{"x":["ok","\\udc00"]}}')).toEqual({ 'm.x.1': ['m.x.1 must be valid Unicode (it has a lone surrogate)'] });
    expect(Object.values(fieldsOf('{"a\\u0000":1}'))[0][0]).toMatch(/a key of the body must not contain NUL/);
  });
});
