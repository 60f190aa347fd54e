import { DomainError, ErrorKind } from '../common/errors/domain-error';

export enum IdentityErrorCode {
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  INVALID_REFRESH_TOKEN = 'INVALID_REFRESH_TOKEN',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  TOO_MANY_LOGIN_ATTEMPTS = 'TOO_MANY_LOGIN_ATTEMPTS',
}

export class IdentityError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: IdentityErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.kind = identityKindOf(code);
  }

  static tooManyLoginAttempts(retryAfterSeconds: number): IdentityError {
    const error = new IdentityError(IdentityErrorCode.TOO_MANY_LOGIN_ATTEMPTS, 'Too many login attempts; try again later', { retryAfter: retryAfterSeconds });
    error.retryAfterSeconds = retryAfterSeconds;
    return error;
  }
}

function identityKindOf(code: IdentityErrorCode): ErrorKind {
  switch (code) {
    case IdentityErrorCode.INVALID_CREDENTIALS:
    case IdentityErrorCode.INVALID_REFRESH_TOKEN:
      return 'unauthenticated';
    case IdentityErrorCode.EMAIL_TAKEN:
      return 'conflict';
    case IdentityErrorCode.USER_NOT_FOUND:
      return 'not_found';
    case IdentityErrorCode.TOO_MANY_LOGIN_ATTEMPTS:
      return 'rate_limited';
  }
}
