import { ErrorView } from './error-view';
import { Surface } from './surface';

/** Seed 004 (/api/v1): DRF style, `{"detail": "..."}`, field errors as `{field: [messages]}`. */
export const workflowSurface: Surface = {
  name: 'workflow',
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
};
