import fc from 'fast-check';
import { nestedJson, ownProperty, RawJson, wideObject } from './json-text';

/** Strings that break naive code: NUL, lone surrogates, huge, invisible, look-alike numbers, injections. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '   padded   ',
  '\u0000',
  'abc\u0000def',
  '\ud800',
  'x\udfffy',
  '\ud800@example.com',
  'a@b\u0000.com',
  'a'.repeat(10_000),
  'a'.repeat(100_000),
  '😀'.repeat(2_000),
  '\u202e\u0301\u200b\ufeff\uffff',
  'ＡＢＣ１２３',
  'İıǅß',
  'null',
  'undefined',
  'NaN',
  '1',
  '-1',
  '1e308',
  '0x10',
  '00001',
  "' OR '1'='1",
  '"; DROP TABLE users; --',
  'SELECT pg_sleep(3)',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00%ff%',
  '%s%n%x',
  '\r\n\r\nX-Injected: 1',
  '\\',
  '{{7*7}}${7*7}',
  '2024-02-30',
  '9999-12-31T23:59:59Z',
  '0000-00-00',
];

/** Numbers at the edges of int4, int8, double and JSON, canonical or not. */
export const HOSTILE_NUMBERS: readonly unknown[] = [
  0,
  -1,
  1.5,
  0.1,
  new RawJson('-0'),
  2147483647,
  2147483648,
  -2147483649,
  4294967296,
  9007199254740991,
  new RawJson('9007199254740993'),
  1e308,
  -1e308,
  5e-324,
  new RawJson('1e400'),
  new RawJson('-1e400'),
  new RawJson('1e-400'),
  new RawJson('1.0'),
  new RawJson('1E+3'),
  new RawJson('0.1e1'),
  new RawJson('100000000000000000000000000000'),
];

/** Shapes: nulls, empty and nested containers, deep nesting, many keys, prototype keys. */
export function hostileStructures(): fc.Arbitrary<unknown> {
  return fc.constantFrom<unknown>(
    null,
    true,
    false,
    [],
    {},
    [null],
    [[[]]],
    { a: {} },
    nestedJson(50),
    nestedJson(50, 'array'),
    new Array(10_000).fill(0),
    wideObject(2_000),
    ownProperty({}, '__proto__', { admin: true, roles: ['super_admin'] }),
    { constructor: { prototype: { admin: true } } },
    { $where: '1 == 1', $gt: '' },
  );
}

/** Any hostile JSON value (a replacement for a field of any type). */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
    { weight: 3, arbitrary: hostileStructures() },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

/** Keys a client might add to any object: mass assignment, prototype pollution, junk. */
export const EXTRA_KEYS: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'id',
  'created_at',
  'roles',
  'is_admin',
  'password_hash',
  'status',
  '',
  ' ',
  '\u0000',
  'k'.repeat(1000),
  '😀',
];

/** Path segments, as sent on the wire (already percent-encoded or deliberately not). */
export const HOSTILE_PATH_IDS: readonly string[] = [
  '0',
  '-1',
  '2147483648',
  '4294967296',
  '99999999999999999999',
  '1e3',
  '0x1',
  '00001',
  '%20291',
  '1.5',
  '-0',
  '+1',
  'NaN',
  'Infinity',
  'null',
  'abc',
  '%00',
  '1%00',
  '%FF',
  '%ED%A0%80',
  '%C0%80',
  '%F0%9F%98%80',
  '%E7%99%BB%E5%BD%95',
  '%2F',
  '%',
  '1,2',
  '%5B1%5D',
  '9'.repeat(3000),
  'a'.repeat(3000),
];

/** Non-canonical spellings of an id that exists: a lenient parser finds the row. */
export function nonCanonicalIds(id: number): string[] {
  return [
    `000${id}`,
    `${id}.0`,
    `+${id}`,
    `%20${id}`,
    `${id}%20`,
    `${id}%00`,
    `0x${id.toString(16)}`,
    `${id}e0`,
    `${id}abc`,
  ];
}

/** Query values, as sent on the wire. */
export const HOSTILE_QUERY_VALUES: readonly string[] = [
  '',
  '%00abc',
  '%00',
  'abc',
  '-1',
  '0',
  '1.5',
  '1e3',
  '0x1',
  '2147483648',
  '99999999999999999999',
  '1e308',
  'NaN',
  'Infinity',
  'true',
  'null',
  '%FF',
  '%ED%A0%80',
  '%C0%80',
  '%',
  '%zz',
  '+',
  ',,,',
  Array.from({ length: 30 }, (_, i) => `t${i}`).join(','),
  'a'.repeat(5000),
  '%E7%99%BB%E5%BD%95',
  '%F0%9F%98%80',
  '%27%20OR%201%3D1--',
  '2024-02-30',
  '2024-13-01',
  '1900-01-01',
  '9999-12-31',
];

/** Query keys clients commonly send, documented or not (pagination, sorting, filters). */
export const COMMON_QUERY_KEYS: readonly string[] = [
  'page',
  'page_size',
  'pageSize',
  'limit',
  'offset',
  'per_page',
  'cursor',
  'ordering',
  'sort',
  'q',
];
