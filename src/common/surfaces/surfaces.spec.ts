import { CommonError, CommonErrorCode, DomainError, RequestValidationError } from '../errors/domain-error';
import { toErrorView } from './error-view';
import { surfaceOf } from './surfaces';

const render = (url: string, error: unknown) => surfaceOf(url).renderError(toErrorView(error));
const invalid = new RequestValidationError({ title: ['title is required', 'title must be a string'], 'part_specs.0.color': ['bad color'] });

describe('surfaceOf', () => {
  it.each([
    ['/v1/tickets?page=2', 'support'],
    ['/api/v1/tickets/', 'workflow'],
    ['/api/realm/usr_1/nodes', 'realm'],
    ['/api/auth/refresh', 'realm'],
    ['/ticket/@me/abc', 'file-tickets'],
    ['/oauth', 'file-tickets'],
    ['/version', 'file-tickets'],
    ['/api/oauth/login', 'api'],
    ['/api/health', 'api'],
    ['/v10', 'api'],
    ['/tickets', 'api'],
  ])('%s belongs to %s', (url, name) => {
    expect(surfaceOf(url).name).toBe(name);
  });
});

describe('error bodies per surface', () => {
  it('support: envelope with error_code, 422 for validation with one message per field', () => {
    expect(render('/v1/tickets', invalid)).toEqual({
      status: 422,
      body: {
        success: false,
        message: 'Validation failed',
        error_code: 'VALIDATION_ERROR',
        details: { title: 'title is required', 'part_specs.0.color': 'bad color' },
      },
    });
    expect(render('/v1/tickets', CommonError.rateLimited(30))).toEqual({
      status: 429,
      body: { success: false, message: 'Rate limit exceeded', error_code: 'RATE_LIMIT_EXCEEDED', details: { retry_after: 30 } },
    });
  });

  it('workflow: DRF detail, field errors as lists', () => {
    expect(render('/api/v1/tickets/1/', CommonError.forbidden('nope'))).toEqual({ status: 403, body: { detail: 'nope' } });
    expect(render('/api/v1/tickets/create/', invalid)).toEqual({
      status: 400,
      body: { title: ['This field is required.', 'title must be a string'], part_specs: [{ color: ['bad color'] }] },
    });
  });

  it('file tickets: detail, and failed authentication is 403 "Invalid authentication credentials"', () => {
    expect(render('/ticket', CommonError.unauthorized())).toEqual({ status: 403, body: { detail: 'Invalid authentication credentials' } });
    expect(render('/ticket/x/y', CommonError.notFound('Ticket not found'))).toEqual({ status: 404, body: { detail: 'Ticket not found' } });
    expect(render('/ticket', invalid).status).toBe(400);
  });

  it('file tickets: Discord refusing a login stays the seed\'s 401 "Authorize failed"', () => {
    class AuthorizeFailed extends DomainError {
      constructor() {
        super('AUTHORIZE_FAILED', 'unauthenticated', 'Authorize failed');
      }
    }
    expect(render('/oauth', new AuthorizeFailed())).toEqual({ status: 401, body: { detail: 'Authorize failed' } });
    expect(render('/oauth', CommonError.unauthorized())).toEqual({ status: 403, body: { detail: 'Invalid authentication credentials' } });
  });

  it('realm: {error, message, details}; validation is validation_error', () => {
    expect(render('/api/realm/usr_1/x', invalid)).toEqual({
      status: 400,
      body: { error: 'validation_error', message: 'Validation failed', details: invalid.fields },
    });
    expect(render('/api/realm/usr_1/x', CommonError.notFound('gone'))).toEqual({
      status: 404,
      body: { error: 'NOT_FOUND', message: 'gone', details: {} },
    });
  });

  it('api: {error, message} and details only when there are some', () => {
    expect(render('/api/health', new CommonError(CommonErrorCode.SERVICE_UNAVAILABLE, 'db down'))).toEqual({
      status: 503,
      body: { error: 'SERVICE_UNAVAILABLE', message: 'db down' },
    });
  });
});

describe('toErrorView', () => {
  it('hides unexpected errors behind a plain 500', () => {
    const view = toErrorView(new TypeError('secret internals'));
    expect(view).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', message: 'Internal server error', unexpected: true });
  });

  it('maps framework HTTP exceptions by status', () => {
    const httpException = Object.assign(new Error('x'), { getStatus: () => 413, getResponse: () => ({ message: 'too big' }) });
    expect(toErrorView(httpException)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'too big', unexpected: false });
    const fastify = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    expect(toErrorView(fastify)).toMatchObject({ status: 413, kind: 'too_large' });
  });

  it('carries when to retry, for the Retry-After header', () => {
    expect(toErrorView(CommonError.rateLimited(12)).retryAfterSeconds).toBe(12);
  });
});

describe('workflow field errors, as DRF nests them', () => {
  it('nests paths, fills error-free items with {}, and says "This field is required."', () => {
    const fields = { 'part_specs.1.color': ['color must be one of green, yellow, red'], technician_id: ['technician_id is required'], 'work_session.timezone': ['bad zone'] };
    expect(render('/api/v1/tickets/1/assign/', new RequestValidationError(fields))).toEqual({
      status: 400,
      body: {
        part_specs: [{}, { color: ['color must be one of green, yellow, red'] }],
        technician_id: ['This field is required.'],
        work_session: { timezone: ['bad zone'] },
      },
    });
  });
});
