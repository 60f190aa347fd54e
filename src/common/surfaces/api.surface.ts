import { ErrorView } from './error-view';
import { Surface } from './surface';

/** Our own routes (identity, admin, ops): `{error: CODE, message, details?}`. The fallback surface. */
export const apiSurface: Surface = {
  name: 'api',
  owns: () => true,
  renderError(error: ErrorView) {
    const details = error.fields ?? error.details;
    return {
      status: error.status,
      body: details ? { error: error.code, message: error.message, details } : { error: error.code, message: error.message },
    };
  },
};
