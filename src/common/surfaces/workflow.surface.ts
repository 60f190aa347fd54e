import { CommonError } from '../errors/domain-error';
import { Page } from '../pagination';
import { requiredMessage } from '../validation/validation-errors';
import { ErrorView } from './error-view';
import { arrayOf, Surface, SuccessContext } from './surface';

/**
 * Seed 004 (/api/v1), Django REST Framework style. Errors: `{"detail": "..."}`, field errors as
 * `{field: [messages]}`. A Page is `{count, next, previous, results}` with absolute links.
 */
export const workflowSurface: Surface = {
  name: 'workflow',
  seed: '004',
  basePath: '/api/v1',
  readsForms: true,
  errorSchema: {
    type: 'object',
    description: '{"detail": "..."}, or field errors as DRF nests them: {"field": ["message"]}, {"part_specs": [{}, {"color": ["message"]}]}',
    properties: { detail: { type: 'string', example: 'Ticket cannot be started from status DONE.' } },
    additionalProperties: { anyOf: [{ type: 'array' }, { type: 'object' }] },
  },
  validationStatus: 400,
  owns: (path) => path === '/api/v1' || path.startsWith('/api/v1/'),
  renderError(error: ErrorView) {
    // DRF's URL converters do not match `/tickets/abc/`: the route does not exist, 404.
    if (error.inPath) return { status: 404, body: { detail: 'Not found.' } };
    if (error.fields) return { status: workflowSurface.validationStatus, body: drfFieldErrors(error.fields) };
    return { status: error.status, body: { detail: error.message } };
  },
  renderSuccess(result, { request }) {
    if (!(result instanceof Page)) return result;
    // DRF's page number pagination: a page past the last one is 404 "Invalid page.".
    if (result.page > 1 && result.page > result.totalPages) throw CommonError.notFound('Invalid page.');
    return drfPage(result, request);
  },
  documentSuccess(schema, page) {
    if (!page) return schema;
    const link = { type: 'string', format: 'uri', nullable: true } as const;
    return {
      type: 'object',
      required: ['count', 'next', 'previous', 'results'],
      properties: { count: { type: 'integer' }, next: link, previous: link, results: arrayOf(schema) },
    };
  },
};

type Container = Record<string, unknown> | unknown[];

/**
 * Field errors as DRF answers them: nested along the path (`part_specs.1.color` becomes
 * `{"part_specs": [{}, {"color": [...]}]}`, items without errors as `{}`), and a missing field
 * as "This field is required.".
 */
function drfFieldErrors(fields: Record<string, string[]>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, messages] of Object.entries(fields)) {
    const segments = path.split('.');
    const leaf = segments[segments.length - 1];
    const drfMessages = messages.map((m) => (m === requiredMessage(leaf) ? 'This field is required.' : m));
    let node: Container = root;
    for (let i = 0; i < segments.length - 1; i++) node = childOf(node, segments[i], /^\d+$/.test(segments[i + 1]));
    put(node, leaf, drfMessages);
  }
  return root;
}

/** The container under `key`, made (an array when the next segment is an index) if missing. */
function childOf(node: Container, key: string, asArray: boolean): Container {
  const existing = slot(node, key);
  if (typeof existing === 'object' && existing !== null && (Array.isArray(existing) || Object.keys(existing).length || !asArray)) return existing as Container;
  const made: Container = asArray ? [] : {};
  put(node, key, made);
  return made;
}

function slot(node: Container, key: string): unknown {
  return Array.isArray(node) ? node[Number(key)] : node[key];
}

/** Sets `key`; in an array, items before it that have no errors are `{}`. */
function put(node: Container, key: string, value: unknown): void {
  if (!Array.isArray(node)) {
    node[key] = value;
    return;
  }
  const index = Number(key);
  while (node.length < index) node.push({});
  node[index] = value;
}

/** `next`/`previous` are the absolute URLs of the neighbouring pages, or null at the ends. */
function drfPage<T>(page: Page<T>, request: SuccessContext['request']) {
  const link = (n: number) => {
    const url = new URL(request.url, `${request.protocol}://${request.host}`);
    url.searchParams.set('page', String(n));
    url.searchParams.set('page_size', String(page.pageSize));
    return url.toString();
  };
  return {
    count: page.total,
    next: page.page < page.totalPages ? link(page.page + 1) : null,
    previous: page.page > 1 ? link(page.page - 1) : null,
    results: page.items,
  };
}
