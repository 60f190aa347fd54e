import fc from 'fast-check';
import type { Axis, FuzzWorldView } from './axis';
import { hostileStructures, hostileValue } from './hostile';
import { nestedJson, summarize, toJsonText } from './json-text';
import type { FuzzOperation } from './operations';
import { mutatedValue, validValue } from './schema-arbitrary';

export interface FuzzBody {
  kind: string;
  /** undefined: no Content-Type header at all. */
  contentType?: string;
  data: string | Buffer;
}

const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=utf-16',
  'application/vnd.api+json',
];
const WRONG_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----fuzz',
  'application/xml',
  'application/octet-stream',
  '',
];
const MALFORMED = [
  '{',
  '}',
  '[]',
  'null',
  '',
  ' ',
  '{"a":}',
  '{"a":1,}',
  "{'a':1}",
  '\ufeff{}',
  '{"a":1}{"b":2}',
  'NaN',
  '{"a":01}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"a":1,"a":"dup"}',
  '"just a string"',
  '12345678901234567890',
  '{"a":"\\x41"}',
  '[{]',
];
const INVALID_UTF8 = Buffer.from([
  0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xed, 0xa0, 0x80, 0x22, 0x7d,
]);
export interface NotedBody {
  body?: FuzzBody;
  notes: string[];
}

function json(
  kind: string,
  value: unknown,
  notes: string[] = [],
  contentType = 'application/json',
): fc.Arbitrary<NotedBody> {
  return fc.constant({
    body: { kind, contentType, data: toJsonText(value) },
    notes: kind === 'valid' ? [] : [`body ${kind}${notes.length ? `: ${notes.join('; ')}` : ''}`],
  });
}

export function bodyAxis(op: FuzzOperation, world: FuzzWorldView): Axis<NotedBody | undefined> {
  if (op.method === 'GET' || op.method === 'HEAD')
    return { valid: fc.constant(undefined), hostile: fc.constant(undefined) };
  const valid = op.bodySchema ? validValue(op.bodySchema, world.known) : fc.constant({});
  const none = fc.constant<NotedBody>({ notes: op.bodySchema ? ['no body'] : [] });
  const malformed: fc.Arbitrary<NotedBody> = fc.oneof<fc.Arbitrary<NotedBody>[]>(
    fc.constantFrom(...MALFORMED).map((data) => ({
      body: { kind: 'malformed', contentType: 'application/json', data },
      notes: [`malformed JSON ${summarize(data, 30)}`],
    })),
    valid.chain((v) => {
      const text = toJsonText(v);
      return fc.nat({ max: Math.max(0, text.length - 1) }).map((cut) => ({
        body: { kind: 'truncated', contentType: 'application/json', data: text.slice(0, cut) },
        notes: [`truncated JSON ${summarize(text.slice(0, cut), 60)}`],
      }));
    }),
    fc.constant<NotedBody>({
      body: { kind: 'invalid-utf8', contentType: 'application/json', data: INVALID_UTF8 },
      notes: ['JSON with invalid UTF-8'],
    }),
  );
  const wrongType = fc.tuple(valid, fc.constantFrom(...WRONG_TYPES)).map(([v, contentType]) => {
    const data =
      contentType.includes('urlencoded') && v && typeof v === 'object'
        ? new URLSearchParams(
            Object.entries(v).map(([k, x]): [string, string] => [
              k,
              typeof x === 'string' ? x : toJsonText(x),
            ]),
          ).toString()
        : toJsonText(v);
    return {
      body: { kind: 'wrong-content-type', contentType: contentType || undefined, data: Buffer.from(data) },
      notes: [`body as ${contentType || 'no Content-Type'}`],
    };
  });
  const deep = fc
    .constantFrom(50, 1000, 3000)
    .chain((depth) => json('deep', nestedJson(depth), [`${depth} levels`]));
  const oddJsonType = fc
    .tuple(valid, fc.constantFrom(...JSON_TYPES.filter((t) => t !== 'application/json')))
    .map(([v, contentType]) => ({
      body: { kind: 'valid', contentType, data: toJsonText(v) },
      notes: [`valid body as ${contentType}`],
    }));
  if (!op.bodySchema) {
    return {
      valid: none,
      hostile: fc.oneof(
        { weight: 2, arbitrary: json('empty object', {}) },
        { weight: 1, arbitrary: hostileStructures().chain((v) => json('hostile', v, [summarize(v, 40)])) },
        { weight: 1, arbitrary: malformed },
        { weight: 1, arbitrary: wrongType },
      ),
    };
  }
  return {
    valid: valid.chain((v) => json('valid', v, [], 'application/json')),
    hostile: fc.oneof(
      {
        weight: 10,
        arbitrary: mutatedValue(valid).chain((m) => json('mutated', m.value, m.notes, 'application/json')),
      },
      {
        weight: 2,
        arbitrary: hostileValue().chain((v) => json('hostile', v, [summarize(v, 40)], 'application/json')),
      },
      { weight: 1, arbitrary: deep },
      { weight: 2, arbitrary: malformed },
      { weight: 2, arbitrary: wrongType },
      { weight: 1, arbitrary: oddJsonType },
      { weight: 1, arbitrary: none },
    ),
  };
}
