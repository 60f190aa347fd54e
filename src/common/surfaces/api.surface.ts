import { ErrorView } from './error-view';
import { Surface } from './surface';

/** Our own routes (identity, admin, ops): `{error: CODE, message, details?}`. The fallback surface. */
export const apiSurface: Surface = {
  name: 'api',
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
};
