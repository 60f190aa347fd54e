import { ErrorView } from './error-view';
import { Surface } from './surface';

/** Seeds 000 and 002 (CASFA): `{error: CODE, message, details}`; validation is `validation_error`. */
export const realmSurface: Surface = {
  name: 'realm',
  errorSchema: {
    type: 'object',
    required: ['error', 'message'],
    properties: {
      error: { type: 'string', example: 'REALM_MISMATCH' },
      message: { type: 'string' },
      details: { type: 'object', additionalProperties: true },
    },
  },
  validationStatus: 400,
  owns: (path) => path.startsWith('/api/realm/') || path.startsWith('/api/auth/'),
  renderError(error: ErrorView) {
    const code = error.fields ? 'validation_error' : error.code;
    return {
      status: error.status,
      body: { error: code, message: error.message, details: error.fields ?? error.details ?? {} },
    };
  },
};
