import { CursorPage } from '../pagination';
import { ErrorView } from './error-view';
import { arrayOf, Surface } from './surface';

/**
 * Seeds 000 and 002 (CASFA). Errors: `{error: CODE, message, details}`; validation is
 * `validation_error`. A CursorPage is `{<field>: [...], nextCursor?, hasMore}`: CASFA's client
 * types `nextCursor` as an optional string, so the last page leaves it out (never null).
 */
export const realmSurface: Surface = {
  name: 'realm',
  seed: '000, 002',
  basePath: '/api/realm/{realmId}',
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
  renderSuccess(result) {
    if (!(result instanceof CursorPage)) return result;
    return { [result.field]: result.items, ...(result.nextCursor === null ? {} : { nextCursor: result.nextCursor }), hasMore: result.nextCursor !== null };
  },
  documentSuccess(schema, page) {
    if (!page) return schema;
    return {
      type: 'object',
      required: [page.field, 'hasMore'],
      properties: {
        [page.field]: arrayOf(schema),
        nextCursor: { type: 'string', description: 'Opaque; pass it back as `cursor` for the next page. Absent on the last page' },
        hasMore: { type: 'boolean' },
      },
    };
  },
};
