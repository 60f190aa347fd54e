import { ErrorView } from './error-view';
import { Surface } from './surface';

/** Seed 004 (/api/v1): DRF style, `{"detail": "..."}`, field errors as `{field: [messages]}`. */
export const workflowSurface: Surface = {
  name: 'workflow',
  owns: (path) => path === '/api/v1' || path.startsWith('/api/v1/'),
  renderError(error: ErrorView) {
    if (error.fields) return { status: 400, body: error.fields };
    return { status: error.status, body: { detail: error.message } };
  },
};
