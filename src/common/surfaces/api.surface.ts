import { Page } from '../pagination';
import { ErrorView } from './error-view';
import { arrayOf, Surface } from './surface';

/**
 * Our own routes (identity, admin, ops): errors `{error: CODE, message, details?}`, a Page as
 * `{items, total, page, pageSize, totalPages}`. The fallback surface.
 */
export const apiSurface: Surface = {
  name: 'api',
  seed: null,
  basePath: '/api/oauth, /api/admin',
  errorSchema: {
    type: 'object',
    required: ['error', 'message'],
    properties: {
      error: { type: 'string', example: 'VALIDATION_ERROR' },
      message: { type: 'string' },
      details: { type: 'object', additionalProperties: true },
    },
  },
  validationStatus: 400,
  owns: () => true,
  renderError(error: ErrorView) {
    const details = error.fields ?? error.details;
    return {
      status: error.status,
      body: details ? { error: error.code, message: error.message, details } : { error: error.code, message: error.message },
    };
  },
  renderSuccess(result) {
    if (!(result instanceof Page)) return result;
    return { items: result.items, total: result.total, page: result.page, pageSize: result.pageSize, totalPages: result.totalPages };
  },
  documentSuccess(schema, page) {
    if (!page) return schema;
    const int = { type: 'integer' } as const;
    return {
      type: 'object',
      required: ['items', 'total', 'page', 'pageSize', 'totalPages'],
      properties: { items: arrayOf(schema), total: int, page: int, pageSize: int, totalPages: int },
    };
  },
};
