import { ErrorView } from './error-view';
import { Surface } from './surface';

/**
 * Seed 001 (/v1): `{success: false, message, error_code, details}`; validation failures are
 * 422 with one message per field (as is any error of kind `validation`, e.g. COMMENT_TOO_LONG).
 */
export const supportSurface: Surface = {
  name: 'support',
  errorSchema: {
    type: 'object',
    required: ['success', 'message', 'error_code', 'details'],
    properties: {
      success: { type: 'boolean', example: false },
      message: { type: 'string', example: 'Validation failed' },
      error_code: { type: 'string', example: 'VALIDATION_ERROR' },
      details: { type: 'object', additionalProperties: true, example: { title: 'title must be shorter than or equal to 200 characters' } },
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
};
