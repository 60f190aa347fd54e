/**
 * What kind of failure a domain error is. Services speak in kinds; the surface layer
 * (src/common/surfaces) turns a kind into an HTTP status, in one switch.
 */
export type ErrorKind =
  | 'bad_request'
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

/**
 * Base of every error a service throws on purpose. Each module subclasses it with its own
 * string enum of codes and one exhaustive `kindOf(code)` switch (see identity.errors.ts).
 */
export abstract class DomainError extends Error {
  abstract readonly kind: ErrorKind;

  /** For `rate_limited` failures: when the caller may try again (surfaces send it as Retry-After). */
  retryAfterSeconds?: number;

  protected constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Codes shared by every surface. A surface may rename them on the wire. */
export enum CommonErrorCode {
  BAD_REQUEST = 'BAD_REQUEST',
  VALIDATION_ERROR = 'VALIDATION_ERROR',
  UNAUTHORIZED = 'UNAUTHORIZED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  REQUEST_HEADERS_TOO_LARGE = 'REQUEST_HEADERS_TOO_LARGE',
  REQUEST_TIMEOUT = 'REQUEST_TIMEOUT',
  RATE_LIMIT_EXCEEDED = 'RATE_LIMIT_EXCEEDED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
}

export class CommonError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: CommonErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.kind = commonKindOf(code);
  }

  static unauthorized(message = 'Authentication required'): CommonError {
    return new CommonError(CommonErrorCode.UNAUTHORIZED, message);
  }

  static forbidden(message = 'You do not have permission to do this'): CommonError {
    return new CommonError(CommonErrorCode.FORBIDDEN, message);
  }

  static notFound(message = 'Not found'): CommonError {
    return new CommonError(CommonErrorCode.NOT_FOUND, message);
  }

  static rateLimited(retryAfterSeconds: number, message = 'Rate limit exceeded'): CommonError {
    const error = new CommonError(CommonErrorCode.RATE_LIMIT_EXCEEDED, message, { retry_after: retryAfterSeconds });
    error.retryAfterSeconds = retryAfterSeconds;
    return error;
  }
}

export function commonKindOf(code: CommonErrorCode): ErrorKind {
  switch (code) {
    case CommonErrorCode.BAD_REQUEST:
      return 'bad_request';
    case CommonErrorCode.VALIDATION_ERROR:
      return 'validation';
    case CommonErrorCode.UNAUTHORIZED:
      return 'unauthenticated';
    case CommonErrorCode.FORBIDDEN:
      return 'forbidden';
    case CommonErrorCode.NOT_FOUND:
      return 'not_found';
    case CommonErrorCode.CONFLICT:
      return 'conflict';
    case CommonErrorCode.PAYLOAD_TOO_LARGE:
    case CommonErrorCode.REQUEST_HEADERS_TOO_LARGE:
      return 'too_large';
    case CommonErrorCode.REQUEST_TIMEOUT:
      return 'bad_request';
    case CommonErrorCode.RATE_LIMIT_EXCEEDED:
      return 'rate_limited';
    case CommonErrorCode.SERVICE_UNAVAILABLE:
      return 'unavailable';
    case CommonErrorCode.INTERNAL_ERROR:
      return 'internal';
  }
}

/**
 * A request whose body, query or params failed validation. `fields` maps a field path
 * (`part_specs.0.color`) to its messages; each surface renders it its own way.
 */
export class RequestValidationError extends DomainError {
  readonly kind = 'validation' as const;

  constructor(
    readonly fields: Record<string, string[]>,
    message = 'Validation failed',
  ) {
    super(CommonErrorCode.VALIDATION_ERROR, message, fields);
  }
}
