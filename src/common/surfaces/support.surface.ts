import { ErrorView } from './error-view';
import { Surface } from './surface';

/**
 * Seed 001 (/v1): `{success: false, message, error_code, details}`; validation failures are
 * 422 with one message per field.
 */
export const supportSurface: Surface = {
  name: 'support',
  owns: (path) => path === '/v1' || path.startsWith('/v1/'),
  renderError(error: ErrorView) {
    if (error.fields) {
      const details = Object.fromEntries(Object.entries(error.fields).map(([field, m]) => [field, m[0]]));
      return {
        status: 422,
        body: { success: false, message: error.message, error_code: error.code, details },
      };
    }
    return {
      status: error.status,
      body: { success: false, message: error.message, error_code: error.code, details: error.details ?? {} },
    };
  },
};
