import { Page } from '../pagination';
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
  errorSchema: {
    type: 'object',
    description: '{"detail": "..."}, or for field errors {"field": ["message", ...]}',
    properties: { detail: { type: 'string', example: 'Ticket cannot be started from status DONE.' } },
    additionalProperties: { type: 'array', items: { type: 'string' } },
  },
  validationStatus: 400,
  owns: (path) => path === '/api/v1' || path.startsWith('/api/v1/'),
  renderError(error: ErrorView) {
    if (error.fields) return { status: workflowSurface.validationStatus, body: error.fields };
    return { status: error.status, body: { detail: error.message } };
  },
  renderSuccess(result, { request }) {
    return result instanceof Page ? drfPage(result, request) : result;
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
