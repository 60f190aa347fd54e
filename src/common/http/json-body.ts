import { CommonError, CommonErrorCode, RequestValidationError } from '../errors/domain-error';

/** Bounds on a JSON body's shape, checked in one pass right after parsing. */
export interface JsonLimits {
  /** Deepest nesting of objects and arrays. */
  maxDepth: number;
  /** Most keys in one object (and items in one array). */
  maxKeys: number;
  /** Most keys and items in the whole body. */
  maxEntries: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = { maxDepth: 32, maxKeys: 1000, maxEntries: 4096 };

/**
 * Parses a request body as JSON and refuses, before any validation runs, what no route
 * accepts: nesting past `maxDepth`, objects or arrays past `maxKeys`, and text PostgreSQL or a
 * client cannot hold (NUL characters, lone UTF-16 surrogates). Cost is linear in the body.
 * An empty body is an empty object, whatever the content type said.
 */
export function parseJsonBody(text: string, limits: JsonLimits = DEFAULT_JSON_LIMITS): unknown {
  if (text.trim() === '') return {};
  // Shape first, on the text: a body too deep or too wide is refused before JSON.parse spends on it.
  const shape = prescan(text, limits);
  if (shape) throw new RequestValidationError({ body: [shape] });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new CommonError(CommonErrorCode.BAD_REQUEST, `Malformed JSON body: ${(err as Error).message.slice(0, 120)}`);
  }
  const problem = inspect(value, limits);
  if (problem) throw new RequestValidationError({ [problem.path || 'body']: [problem.message] });
  return value;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJECT = 123;
const OPEN_ARRAY = 91;
const CLOSE_OBJECT = 125;
const CLOSE_ARRAY = 93;
const COMMA = 44;

/** One pass over the text, outside strings: nesting depth and the count of entries (commas). */
function prescan(text: string, limits: JsonLimits): string | null {
  let depth = 0;
  let entries = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > limits.maxDepth) return `body is nested deeper than ${limits.maxDepth} levels`;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
    else if (c === COMMA && ++entries > limits.maxEntries) return `body has more than ${limits.maxEntries} keys and items`;
  }
  return null;
}

/** The first value under `value` that breaks a limit, with its dotted path; iterative, so depth cannot overflow the stack. */
export function inspect(value: unknown, limits: JsonLimits): { path: string; message: string } | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  while (stack.length) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return { path, message: `${path || 'value'} ${problem}` };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= limits.maxDepth) return { path, message: `${path || 'body'} is nested deeper than ${limits.maxDepth} levels` };
    const entries = Array.isArray(current) ? current.map((v, i) => [String(i), v] as const) : Object.entries(current);
    if (entries.length > limits.maxKeys) return { path, message: `${path || 'body'} has more than ${limits.maxKeys} ${Array.isArray(current) ? 'items' : 'keys'}` };
    for (const [key, child] of entries) {
      if (!Array.isArray(current)) {
        const problem = textProblem(key);
        if (problem) return { path, message: `a key of ${path || 'the body'} ${problem}` };
      }
      stack.push({ value: child, path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
  return null;
}

// A NUL, or a high surrogate not followed by a low one, or a low one not preceded by a high one.
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored or shown as text, or null. */
export function textProblem(text: string): string | null {
  const match = BAD_TEXT.exec(text);
  if (!match) return null;
  return match[0] === '\u0000' ? 'must not contain NUL characters' : 'must be valid Unicode (it has a lone surrogate)';
}
