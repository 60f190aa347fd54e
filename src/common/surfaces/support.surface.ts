import { Page } from '../pagination';
import { ErrorView } from './error-view';
import { arrayOf, Schema, Surface } from './surface';

const int: Schema = { type: 'integer' };
const PAGINATION: Schema = {
  type: 'object',
  required: ['total', 'page', 'page_size', 'total_pages'],
  properties: { total: int, page: int, page_size: int, total_pages: int },
};

/**
 * Seed 001 (/v1). Successes: `{success: true, message, data}`, a Page as
 * `{success, message, data: [...], pagination: {total, page, page_size, total_pages}}`.
 * Errors: `{success: false, message, error_code, details}`; validation failures are 422 with
 * one message per field (as is any error of kind `validation`, e.g. COMMENT_TOO_LONG).
 */
export const supportSurface: Surface = {
  name: 'support',
  seed: '001',
  basePath: '/v1',
  errorSchema: {
    type: 'object',
    required: ['success', 'message', 'error_code', 'details'],
    properties: {
      success: { type: 'boolean', example: false },
      message: { type: 'string', example: 'Validation failed' },
      error_code: { type: 'string', example: 'VALIDATION_ERROR' },
      details: { type: 'object', additionalProperties: true, example: { title: 'title is required' } },
    },
  },
  validationStatus: 422,
  owns: (path) => path === '/v1' || path.startsWith('/v1/'),
  renderError(error: ErrorView) {
    if (error.fields) {
      const details = Object.fromEntries(Object.entries(error.fields).map(([field, m]) => [field, m[0]]));
      return {
        status: supportSurface.validationStatus,
        body: { success: false, message: error.message, error_code: error.code, details },
      };
    }
    return {
      status: error.kind === 'validation' ? supportSurface.validationStatus : error.status,
      body: { success: false, message: error.message, error_code: error.code, details: error.details ?? {} },
    };
  },
  renderSuccess(result, { message }) {
    if (result === undefined) return undefined;
    if (result instanceof Page) {
      return {
        success: true,
        message,
        data: result.items,
        pagination: { total: result.total, page: result.page, page_size: result.pageSize, total_pages: result.totalPages },
      };
    }
    return { success: true, message, data: result };
  },
  documentSuccess(schema, page) {
    const envelope: Record<string, Schema> = { success: { type: 'boolean', example: true }, message: { type: 'string' } };
    if (page) {
      return { type: 'object', required: ['success', 'message', 'data', 'pagination'], properties: { ...envelope, data: arrayOf(schema), pagination: PAGINATION } };
    }
    return { type: 'object', required: ['success', 'message', 'data'], properties: { ...envelope, data: schema } };
  },
};
