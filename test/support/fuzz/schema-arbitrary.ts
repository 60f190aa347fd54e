import fc from 'fast-check';
import { isIP } from 'node:net';
import type { OpenAPIV3 } from 'openapi-types';
import { EXTRA_KEYS, HOSTILE_NUMBERS, HOSTILE_STRINGS, hostileValue } from './hostile';
import { ownProperty, summarize } from './json-text';

type Schema = OpenAPIV3.SchemaObject;

/** Values the world knows to be meaningful for a field name (ids of seeded rows, real emails, …). */
export type KnownValues = Record<string, readonly unknown[]>;

/** A public IP literal: accepted as a webhook target, never contacted (the fuzz server's dispatcher is off). */
export const PUBLIC_TARGET = 'https://93.184.215.14/hook';

/**
 * URLs a generated webhook may name: IP literals in many notations (the SSRF check parses them)
 * and invalid ones, never a host name, so that validating them never resolves a name.
 */
export const SAFE_URLS: readonly string[] = [
  PUBLIC_TARGET,
  'http://[2606:4700::1111]:8443/x?y=1',
  'http://127.0.0.1/hook',
  'http://127.1/',
  'http://2130706433/',
  'http://0x7f.1/',
  'http://169.254.169.254/latest/meta-data',
  'http://[::ffff:10.0.0.1]/',
  'http://[::ffff:7f00:1]/',
  'http://[64:ff9b::a00:1]/',
  'http://[2002:7f00:1::]/',
  'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/',
  'http://[::]/',
  'http://0.0.0.0/',
  'https://203.0.113.10/hook',
  'ftp://93.184.215.14/x',
  'https://user:pass@93.184.215.14/',
  'not a url',
  '//93.184.215.14/relative',
];
for (const url of SAFE_URLS) {
  let host: string | undefined;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    continue; // not a URL: refused before any lookup
  }
  if (!isIP(host)) throw new Error(`SAFE_URLS may hold IP literals only (a name would be resolved): ${url}`);
}

const EMAILS = [
  'user@example.com',
  'UPPER@EXAMPLE.COM',
  'a+b@example.com',
  'no-at-sign',
  '@example.com',
  'x@',
  'a@b',
  'üñí@exämple.com',
  `${'a'.repeat(64)}@${'b'.repeat(250)}.com`,
];

/** A value that keeps `schema` (mostly): what a well-behaved client would send, with known ids mixed in. */
export function validValue(
  schema: Schema | undefined,
  known: KnownValues,
  name = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.constant(null);
  const hints = known[name];
  const own = ownValue(schema, known, name, depth);
  if (/url|uri/i.test(name) && schemaType(schema) === 'string') return fc.constantFrom(...SAFE_URLS);
  return hints?.length
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...hints) }, { weight: 1, arbitrary: own })
    : own;
}

function schemaType(schema: Schema): string | undefined {
  if (schema.type) return Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (schema.properties) return 'object';
  if (schema.enum) return typeof schema.enum[0];
  return undefined;
}

function ownValue(schema: Schema, known: KnownValues, name: string, depth: number): fc.Arbitrary<unknown> {
  const alternatives = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (alternatives?.length)
    return fc.oneof(...alternatives.map((s) => validValue(s, known, name, depth + 1)));
  if (schema.allOf?.length)
    return validValue(Object.assign({}, ...(schema.allOf as Schema[])), known, name, depth + 1);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const examples = schema.example !== undefined ? [schema.example] : [];
  let own: fc.Arbitrary<unknown>;
  switch (schemaType(schema)) {
    case 'object':
      own = objectValue(schema, known, depth);
      break;
    case 'array': {
      const items = validValue(
        (schema as OpenAPIV3.ArraySchemaObject).items as Schema,
        known,
        `${name}[]`,
        depth + 1,
      );
      const bounds = {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 4, 4)),
      };
      own = schema.uniqueItems
        ? fc.uniqueArray(items, { ...bounds, selector: (v) => JSON.stringify(v) })
        : fc.array(items, bounds);
      break;
    }
    case 'string':
      own = stringValue(schema, name);
      break;
    case 'number':
    case 'integer': {
      const min =
        schema.minimum ?? (schema.exclusiveMinimum === undefined ? -5 : Number(schema.exclusiveMinimum) + 1);
      const max = schema.maximum ?? Math.max(min + 1000, 1000);
      own = fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
      break;
    }
    case 'boolean':
      own = fc.boolean();
      break;
    default:
      own = fc.jsonValue({ maxDepth: 2 });
  }
  return examples.length
    ? fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...examples) }, { weight: 3, arbitrary: own })
    : own;
}

function objectValue(schema: Schema, known: KnownValues, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const keys = Object.keys(properties);
  if (!keys.length) {
    return schema.additionalProperties
      ? fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
      : fc.constant({});
  }
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const key of keys) record[key] = validValue(properties[key], known, key, depth + 1);
  return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in record) });
}

function stringValue(schema: Schema, name: string): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 40, 40));
  if (schema.format === 'email' || /email/i.test(name))
    return fc.oneof(fc.emailAddress(), fc.constantFrom(...EMAILS));
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.format === 'date' || /_date$|^date/.test(name)) {
    return fc
      .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  }
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength, maxLength }) },
  );
}

/** One change that makes a valid value suspicious. */
export type Mutation =
  'hostile' | 'null' | 'drop' | 'extra' | 'wrap-array' | 'wrap-object' | 'stringify' | 'numberify';

export interface Mutated {
  value: unknown;
  /** What was changed where, for reports. */
  notes: string[];
}

/** A valid value with 1–3 mutations at random places (the value itself, a field, an array item). */
export function mutatedValue(valid: fc.Arbitrary<unknown>): fc.Arbitrary<Mutated> {
  const mutation = fc.constantFrom<Mutation>(
    'hostile',
    'hostile',
    'hostile',
    'null',
    'drop',
    'extra',
    'wrap-array',
    'wrap-object',
    'stringify',
    'numberify',
  );
  // `hostile` replaces a string by a hostile string, a number by a hostile number (2 times in 3), else by anything.
  const step = fc.record({
    at: fc.nat(),
    mutation,
    value: hostileValue(),
    sameType: fc.nat({ max: 2 }).map((n) => n > 0),
    string: fc.constantFrom(...HOSTILE_STRINGS),
    number: fc.constantFrom(...HOSTILE_NUMBERS),
    key: fc.constantFrom(...EXTRA_KEYS),
  });
  return fc.tuple(valid, fc.array(step, { minLength: 1, maxLength: 3 })).map(([start, steps]) => {
    let value = start;
    const notes: string[] = [];
    for (const s of steps) {
      // The value as a whole is the `hostile` body kind's business: mutate inside it when there is an inside.
      const all = pathsOf(value);
      const paths = all.length > 1 ? all.slice(1) : all;
      const path = paths[s.at % paths.length];
      const [next, note] = applyAt(value, path, (target, parent) => mutate(target, parent, s));
      value = next;
      notes.push(`${note} at /${path.join('/')}`);
    }
    return { value, notes };
  });
}

type Path = Array<string | number>;

function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (out.length > 200) return out;
  if (Array.isArray(value)) value.slice(0, 5).forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (isPlainObject(value))
    for (const key of Object.keys(value)) pathsOf(value[key], [...prefix, key], out);
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null; // fc.record builds null-prototype objects
}

/** Replaces the value at `path` by `change(old)`, copying along the way (generated constants are shared). */
function applyAt(
  root: unknown,
  path: Path,
  change: (target: unknown, parentIsObject: boolean) => [unknown, string],
  parentIsObject = false,
): [unknown, string] {
  if (!path.length) return change(root, parentIsObject);
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    const [value, note] = applyAt(copy[head as number], rest, change, false);
    if (value === DROP) copy.splice(head as number, 1);
    else copy[head as number] = value;
    return [copy, note];
  }
  const source = root as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) ownProperty(copy, key, source[key]);
  const [value, note] = applyAt(source[head as string], rest, change, true);
  if (value === DROP) delete copy[head as string];
  else ownProperty(copy, head as string, value);
  return [copy, note];
}

const DROP = Symbol('drop');

interface Step {
  mutation: Mutation;
  value: unknown;
  sameType: boolean;
  string: string;
  number: unknown;
  key: string;
}

function mutate(target: unknown, parentIsObject: boolean, s: Step): [unknown, string] {
  switch (s.mutation) {
    case 'hostile':
      if (s.sameType && typeof target === 'string')
        return [s.string, `hostile string ${summarize(s.string, 24)}`];
      if (s.sameType && typeof target === 'number')
        return [s.number, `hostile number ${summarize(s.number, 24)}`];
      return [s.value, 'hostile value'];
    case 'null':
      return [null, 'null'];
    case 'drop':
      return parentIsObject ? [DROP, 'dropped'] : [s.value, 'hostile value'];
    case 'extra':
      if (isPlainObject(target))
        return [
          ownProperty({ ...target }, s.key, s.value),
          `extra key ${JSON.stringify(s.key.slice(0, 20))}`,
        ];
      return [s.value, 'hostile value'];
    case 'wrap-array':
      return [[target], 'wrapped in an array'];
    case 'wrap-object':
      return [{ value: target }, 'wrapped in an object'];
    case 'stringify':
      return [
        typeof target === 'string' ? target.length : (JSON.stringify(target) ?? 'undefined'),
        'type changed',
      ];
    case 'numberify':
      return [
        typeof target === 'number' ? String(target) : typeof target === 'boolean' ? Number(target) : 1,
        'type changed',
      ];
  }
}
