import fc from 'fast-check';
import type { OpenAPIV3 } from 'openapi-types';
import type { Axis, FuzzWorldView, Noted } from './axis';
import { bodyAxis, type FuzzBody } from './body-axis';
import { COMMON_QUERY_KEYS, HOSTILE_PATH_IDS, HOSTILE_QUERY_VALUES, nonCanonicalIds } from './hostile';
import { summarize } from './json-text';
import type { FuzzOperation } from './operations';
import { validValue } from './schema-arbitrary';

/** Who calls: the fitting role's token, none, or one that must be refused. */
export type AuthCase =
  | 'fit'
  | 'none'
  | 'garbage'
  | 'other-role'
  | 'forged-int4-sub'
  | 'forged-missing-user'
  | 'forged-alg-none'
  | 'refresh-as-access'
  | 'lowercase-scheme'
  | 'basic'
  | 'huge';

/** One generated request, before tokens and the base URL are filled in. */
export interface FuzzInput {
  path: string;
  query: string;
  auth: AuthCase;
  /** The fitting role chosen for `fit` (one of the operation's roles). */
  role?: string;
  headers: Record<string, string>;
  body?: FuzzBody;
  notes: string[];
}

const ODD_HEADERS: Array<Record<string, string>> = [
  { 'x-forwarded-for': '999.999.999.999, ,unknown' },
  { 'x-forwarded-for': 'a'.repeat(2000) },
  { 'x-request-id': 'r'.repeat(5000) },
  { 'x-request-id': '../\\"<>' },
  { accept: 'text/html' },
  { accept: 'application/xml;q=1, */*;q=0' },
  { 'accept-language': 'x'.repeat(1000) },
  { 'if-none-match': '*' },
];

/** Which part of a request is hostile; the others stay valid, so the hostile part is what the server judges. */
type Focus = 'valid' | 'path' | 'query' | 'body' | 'auth' | 'headers' | 'everything';

export function requestArbitrary(op: FuzzOperation, world: FuzzWorldView): fc.Arbitrary<FuzzInput> {
  const path = pathAxis(op, world);
  const query = queryAxis(op, world);
  const body = bodyAxis(op, world);
  const auth = authAxis(op);
  const headers: Axis<Record<string, string>> = {
    valid: fc.constant({}),
    hostile: fc.constantFrom(...ODD_HEADERS),
  };
  const focus = fc.oneof(
    { weight: 2, arbitrary: fc.constant<Focus>('valid') },
    { weight: op.pathParams.length ? 4 : 1, arbitrary: fc.constant<Focus>('path') },
    { weight: op.queryParams.length ? 4 : 1, arbitrary: fc.constant<Focus>('query') },
    { weight: op.bodySchema ? 8 : op.method === 'GET' ? 0 : 2, arbitrary: fc.constant<Focus>('body') },
    { weight: 3, arbitrary: fc.constant<Focus>('auth') },
    { weight: 1, arbitrary: fc.constant<Focus>('headers') },
    { weight: 1, arbitrary: fc.constant<Focus>('everything') },
  );
  const pick =
    <T>(axis: Axis<T>, name: Focus) =>
    (f: Focus) =>
      f === name || f === 'everything' ? axis.hostile : axis.valid;
  return fc
    .tuple(focus, fc.constantFrom(...(op.roles.length ? op.roles : [undefined])))
    .chain(([f, role]) =>
      fc.record({
        f: fc.constant(f),
        role: fc.constant(role),
        path: pick(path, 'path')(f),
        query: pick(query, 'query')(f),
        body: pick(body, 'body')(f),
        auth: pick(auth, 'auth')(f),
        headers: pick(headers, 'headers')(f),
      }),
    )
    .map(({ f, role, path, query, body, auth, headers }) => {
      const notes = [...path.notes, ...query.notes, ...(body?.notes ?? [])];
      if (Object.keys(headers).length) notes.push(`header ${Object.keys(headers)[0]}`);
      if (f === 'valid' || f === 'everything') notes.unshift(f);
      return { path: path.value, query: query.value, auth, role, headers, body: body?.body, notes };
    });
}

/** `/v1/tickets` → `/%761/tickets`: the first letter of the first literal segment, percent-encoded. */
function encodeFirstLiteral(url: string): string {
  return url.replace(/^\/([^/%])/, (_, c: string) => `/%${c.charCodeAt(0).toString(16)}`);
}

function pathAxis(op: FuzzOperation, world: FuzzWorldView): Axis<Noted<string>> {
  const render = (
    param: (p: OpenAPIV3.ParameterObject) => fc.Arbitrary<string>,
    hostile: boolean,
  ): fc.Arbitrary<Noted<string>> => {
    if (!op.pathParams.length) return fc.constant<Noted<string>>({ value: op.path, notes: [] });
    const params: Record<string, fc.Arbitrary<string>> = {};
    for (const p of op.pathParams) params[p.name] = param(p);
    return fc.record(params).map((values) => ({
      value: op.path.replace(/\{([^}]+)\}/g, (_, name: string) => values[name]),
      notes: hostile ? Object.entries(values).map(([name, v]) => `{${name}}=${summarize(v, 40)}`) : [],
    }));
  };
  const validIds = (p: OpenAPIV3.ParameterObject) => {
    const ids = world.idsFor(op, p.name);
    return fc.constantFrom(...(ids.length ? ids.map(String) : ['1', '2']));
  };
  // One parameter hostile, the others valid (or all hostile, now and then).
  const oddId = (p: OpenAPIV3.ParameterObject) =>
    fc.oneof(
      {
        weight: 2,
        arbitrary: fc.constantFrom(...world.idsFor(op, p.name).flatMap(nonCanonicalIds), '987654321'),
      },
      { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_PATH_IDS) },
    );
  const oneHostile = fc
    .nat({ max: op.pathParams.length })
    .chain((which) =>
      render(
        (p) => (which === op.pathParams.length || op.pathParams[which] === p ? oddId(p) : validIds(p)),
        true,
      ),
    );
  const variant = fc
    .tuple(render(validIds, false), fc.constantFrom('trailing-slash', 'encoded-literal'))
    .map(([path, v]) => ({
      value:
        v === 'trailing-slash'
          ? path.value.endsWith('/')
            ? path.value.slice(0, -1)
            : `${path.value}/`
          : encodeFirstLiteral(path.value),
      notes: [`path ${v}`],
    }));
  return {
    valid: render(validIds, false),
    hostile: op.pathParams.length
      ? fc.oneof({ weight: 5, arbitrary: oneHostile }, { weight: 1, arbitrary: variant })
      : variant,
  };
}

function encode(value: unknown): string {
  const text = Array.isArray(value)
    ? value.join(',')
    : value === null || typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
}

function queryAxis(op: FuzzOperation, world: FuzzWorldView): Axis<Noted<string>> {
  const validPair = (p: OpenAPIV3.ParameterObject) =>
    validValue(p.schema as OpenAPIV3.SchemaObject, world.known, p.name).map((v) => `${p.name}=${encode(v)}`);
  const valid: fc.Arbitrary<Noted<string>> = fc
    .tuple(...op.queryParams.map((p) => fc.option(validPair(p), { nil: undefined, freq: 2 })))
    .map((pairs) => ({ value: pairs.filter(Boolean).join('&'), notes: [] }));
  const names = op.queryParams.map((p) => p.name);
  const hostilePair = fc.oneof(
    {
      weight: names.length ? 4 : 0,
      arbitrary: fc
        .tuple(fc.constantFrom(...(names.length ? names : ['q'])), fc.constantFrom(...HOSTILE_QUERY_VALUES))
        .map(([k, v]) => `${k}=${v}`),
    },
    {
      weight: names.length ? 1 : 0,
      arbitrary: fc
        .constantFrom(...(names.length ? names : ['q']))
        .chain((k) => fc.constantFrom(`${k}=a&${k}=b`, `${k}[]=1`, `${k}[a][b][c]=1`, k)),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...COMMON_QUERY_KEYS),
          fc.constantFrom('1', '2', '100', ...HOSTILE_QUERY_VALUES),
        )
        .map(([k, v]) => `${k}=${v}`),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '%=1',
        '&&&',
        '__proto__[admin]=1',
        'constructor[prototype][admin]=1',
        `x=${'y'.repeat(10_000)}`,
      ),
    },
  );
  const hostile = fc.tuple(valid, hostilePair).map(([v, pair]) => ({
    value: v.value ? `${v.value}&${pair}` : pair,
    notes: [`?${summarize(pair, 40)}`],
  }));
  return { valid, hostile };
}

function authAxis(op: FuzzOperation): Axis<AuthCase> {
  const refused: AuthCase[] = [
    'none',
    'garbage',
    'forged-int4-sub',
    'forged-missing-user',
    'forged-alg-none',
    'refresh-as-access',
    'lowercase-scheme',
    'basic',
    'huge',
  ];
  if (!op.secured)
    return { valid: fc.constant('none'), hostile: fc.constantFrom<AuthCase>('fit', ...refused.slice(1)) };
  return {
    valid: fc.constant('fit'),
    hostile: fc.constantFrom<AuthCase>(
      ...refused,
      ...(op.roles.length ? (['other-role', 'other-role'] as AuthCase[]) : []),
    ),
  };
}
