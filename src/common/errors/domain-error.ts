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
  | 'method_not_allowed'
  | 'conflict'
  | 'gone'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

/**
 * Base of every error a service throws on purpose. Each module subclasses it with its own
 * string enum of codes and one exhaustive table from code to kind (`Record<Code, ErrorKind>`,
 * which the compiler checks is complete); see identity.errors.ts.
 */
export abstract class DomainError extends Error {
  /** For `rate_limited` failures: when the caller may try again (surfaces send it as Retry-After). */
  retryAfterSeconds?: number;

  protected constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** This error, saying when the caller may try again. */
  retryAfter(seconds: number): this {
    this.retryAfterSeconds = seconds;
    return this;
  }
}

/** Codes shared by every surface. A surface may rename them on the wire. */
export enum CommonErrorCode {
  BAD_REQUEST = 'BAD_REQUEST',
  VALIDATION_ERROR = 'VALIDATION_ERROR',
  UNAUTHORIZED = 'UNAUTHORIZED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  CONFLICT = 'CONFLICT',
  GONE = 'GONE',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  REQUEST_HEADERS_TOO_LARGE = 'REQUEST_HEADERS_TOO_LARGE',
  REQUEST_TIMEOUT = 'REQUEST_TIMEOUT',
  RATE_LIMIT_EXCEEDED = 'RATE_LIMIT_EXCEEDED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
}

export class CommonError extends DomainError {
  constructor(code: CommonErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, COMMON_KINDS[code], message, details);
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
    return new CommonError(CommonErrorCode.RATE_LIMIT_EXCEEDED, message, { retry_after: retryAfterSeconds }).retryAfter(retryAfterSeconds);
  }
}

const COMMON_KINDS: Record<CommonErrorCode, ErrorKind> = {
  BAD_REQUEST: 'bad_request',
  VALIDATION_ERROR: 'validation',
  UNAUTHORIZED: 'unauthenticated',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'not_found',
  METHOD_NOT_ALLOWED: 'method_not_allowed',
  CONFLICT: 'conflict',
  GONE: 'gone',
  PAYLOAD_TOO_LARGE: 'too_large',
  REQUEST_HEADERS_TOO_LARGE: 'too_large',
  REQUEST_TIMEOUT: 'bad_request',
  RATE_LIMIT_EXCEEDED: 'rate_limited',
  SERVICE_UNAVAILABLE: 'unavailable',
  INTERNAL_ERROR: 'internal',
};

/**
 * A request whose body, query or params failed validation. `fields` maps a field path
 * (`part_specs.0.color`) to its messages; each surface renders it its own way.
 */
export class RequestValidationError extends DomainError {
  constructor(
    readonly fields: Record<string, string[]>,
    message = 'Validation failed',
    /** Where the bad input was: a surface may answer a malformed path as a missing resource (DRF: 404). */
    readonly location: 'path' | 'input' = 'input',
  ) {
    super(CommonErrorCode.VALIDATION_ERROR, 'validation', message, fields);
  }
}
