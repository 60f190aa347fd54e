import { ErrorView } from './error-view';
import { arrayOf, describeFields, Surface } from './surface';

const FILE_TICKET_ROOTS = ['/ticket', '/oauth', '/user', '/version', '/ping'];

/** The seed's one deliberate 401: Discord did not confirm the login (POST and PUT /oauth). */
export const AUTHORIZE_FAILED = 'AUTHORIZE_FAILED';

/**
 * Seed 003: bodies as they are, lists as bare arrays; errors `{"detail": "<message>"}`. Its
 * clients expect a failed authentication as 403 "Invalid authentication credentials"; 401 is
 * kept for "Authorize failed" (Discord refused the login), which the PD2 client also reads as
 * "signed out".
 */
export const fileTicketsSurface: Surface = {
  name: 'file-tickets',
  seed: '003',
  basePath: '/ticket',
  errorSchema: { type: 'object', required: ['detail'], properties: { detail: { type: 'string', example: 'Ticket not found' } } },
  validationStatus: 400,
  owns: (path) => FILE_TICKET_ROOTS.some((root) => path === root || path.startsWith(`${root}/`)),
  renderError(error: ErrorView) {
    if (error.code === AUTHORIZE_FAILED) return { status: 401, body: { detail: error.message } };
    if (error.kind === 'unauthenticated') {
      return { status: 403, body: { detail: 'Invalid authentication credentials' } };
    }
    if (error.fields) {
      return { status: 400, body: { detail: `Invalid request: ${describeFields(error.fields)}` } };
    }
    return { status: error.status, body: { detail: error.message } };
  },
  renderSuccess: (result) => result,
  documentSuccess: (schema, page) => (page ? arrayOf(schema) : schema),
};
