/**
 * A JSON fragment written as-is: numbers JSON.stringify cannot produce (1e400, -0, 1.0,
 * 100000000000000000000000) or any other literal text.
 */
export class RawJson {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** An object whose `__proto__` (or any other key) is an own property, as a JSON parser would build it. */
export function ownProperty(
  target: Record<string, unknown>,
  key: string,
  value: unknown,
): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/** JSON text of a generated value: RawJson fragments verbatim, own `__proto__` keys kept, deep nesting fine. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : toJsonText(v))).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
    return `{${entries.map((k) => `${JSON.stringify(k)}:${toJsonText((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  const text = JSON.stringify(value);
  return text === undefined ? 'null' : text;
}

/** `{"a":{"a":…}}` (or `[[…]]`) `depth` levels deep, written without recursion. */
export function nestedJson(depth: number, kind: 'object' | 'array' = 'object', leaf = '1'): RawJson {
  const open = kind === 'object' ? '{"a":' : '[';
  const close = kind === 'object' ? '}' : ']';
  return new RawJson(open.repeat(depth) + leaf + close.repeat(depth));
}

/** An object with `count` distinct keys (values 0, so that 80,000 keys stay under the 1 MB body limit). */
export function wideObject(count: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < count; i++) out[`k${i}`] = 0;
  return out;
}

/** A short, readable summary of a value for failure reports. */
export function summarize(value: unknown, max = 160): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : toJsonText(value);
  } catch {
    text = String(value);
  }
  text = text.replace(
    /[\u0000-\u001f\u007f\ud800-\udfff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}
