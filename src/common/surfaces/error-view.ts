import { CommonErrorCode, DomainError, ErrorKind, RequestValidationError } from '../errors/domain-error';

/** A failure reduced to what every surface needs to render it. */
export interface ErrorView {
  status: number;
  kind: ErrorKind;
  code: string;
  message: string;
  details?: Record<string, unknown>;
  /** Field path → messages, for validation failures. */
  fields?: Record<string, string[]>;
  /** Sent as Retry-After. */
  retryAfterSeconds?: number;
  /** For validation failures: a malformed path (an id that cannot be one) rather than bad input. */
  inPath?: boolean;
  /** True when nobody threw this on purpose: log it, hide it. */
  unexpected: boolean;
}

/** The one place where an error kind becomes an HTTP status. */
export function statusOfKind(kind: ErrorKind): number {
  switch (kind) {
    case 'bad_request':
      return 400;
    case 'validation':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'method_not_allowed':
      return 405;
    case 'conflict':
      return 409;
    case 'gone':
      return 410;
    case 'too_large':
      return 413;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
    case 'internal':
      return 500;
  }
}

function kindOfStatus(status: number): ErrorKind {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 405) return 'method_not_allowed';
  if (status === 409) return 'conflict';
  if (status === 410) return 'gone';
  if (status === 413) return 'too_large';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'unavailable';
  if (status >= 400 && status < 500) return 'bad_request';
  return 'internal';
}

const CODE_OF_KIND: Record<ErrorKind, CommonErrorCode> = {
  bad_request: CommonErrorCode.BAD_REQUEST,
  validation: CommonErrorCode.VALIDATION_ERROR,
  unauthenticated: CommonErrorCode.UNAUTHORIZED,
  forbidden: CommonErrorCode.FORBIDDEN,
  not_found: CommonErrorCode.NOT_FOUND,
  method_not_allowed: CommonErrorCode.METHOD_NOT_ALLOWED,
  conflict: CommonErrorCode.CONFLICT,
  gone: CommonErrorCode.GONE,
  too_large: CommonErrorCode.PAYLOAD_TOO_LARGE,
  rate_limited: CommonErrorCode.RATE_LIMIT_EXCEEDED,
  unavailable: CommonErrorCode.SERVICE_UNAVAILABLE,
  internal: CommonErrorCode.INTERNAL_ERROR,
};

/** Nest's HttpException, duck-typed so this module stays free of framework imports. */
interface HttpExceptionLike {
  getStatus(): number;
  getResponse(): string | object;
  message: string;
}

function isHttpException(e: unknown): e is HttpExceptionLike {
  return e instanceof Error && typeof (e as Partial<HttpExceptionLike>).getStatus === 'function' && typeof (e as Partial<HttpExceptionLike>).getResponse === 'function';
}

/** Errors raised by Fastify itself (body parsing, size limits) carry a statusCode and an FST_ code. */
interface FrameworkError {
  statusCode: number;
  code?: string;
  message: string;
}

function isFrameworkError(e: unknown): e is FrameworkError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as FrameworkError).statusCode === 'number' &&
    typeof (e as FrameworkError).code === 'string' &&
    (e as FrameworkError).code!.startsWith('FST_')
  );
}

function fromStatus(status: number, message: string, unexpected = false): ErrorView {
  const kind = kindOfStatus(status);
  return { status, kind, code: CODE_OF_KIND[kind], message, unexpected: unexpected || status >= 500 };
}

/** Fastify messages that would echo the request back (a 3,000-character path, say): said plainly instead. */
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_MAX_PARAM_LENGTH: 'A path parameter is too long',
  FST_ERR_BAD_URL: 'The path is not a valid URL',
};

export function toErrorView(exception: unknown): ErrorView {
  if (exception instanceof DomainError) {
    return {
      status: statusOfKind(exception.kind),
      kind: exception.kind,
      code: exception.code,
      message: exception.message,
      details: exception.details,
      fields: exception instanceof RequestValidationError ? exception.fields : undefined,
      inPath: exception instanceof RequestValidationError && exception.location === 'path',
      retryAfterSeconds: exception.retryAfterSeconds,
      unexpected: exception.kind === 'internal',
    };
  }
  if (isHttpException(exception)) {
    const status = exception.getStatus();
    return fromStatus(status, status >= 500 ? 'Internal server error' : httpExceptionMessage(exception));
  }
  if (isFrameworkError(exception)) {
    if (exception.statusCode < 500) return fromStatus(exception.statusCode, FRAMEWORK_MESSAGES[exception.code!] ?? exception.message);
  }
  return fromStatus(500, 'Internal server error', true);
}

function httpExceptionMessage(exception: HttpExceptionLike): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : exception.message;
}
