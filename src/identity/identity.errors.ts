import { DomainError, ErrorKind } from '../common/errors/domain-error';

export enum IdentityErrorCode {
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  INVALID_REFRESH_TOKEN = 'INVALID_REFRESH_TOKEN',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  TOO_MANY_LOGIN_ATTEMPTS = 'TOO_MANY_LOGIN_ATTEMPTS',
}

const KINDS: Record<IdentityErrorCode, ErrorKind> = {
  [IdentityErrorCode.INVALID_CREDENTIALS]: 'unauthenticated',
  [IdentityErrorCode.INVALID_REFRESH_TOKEN]: 'unauthenticated',
  [IdentityErrorCode.EMAIL_TAKEN]: 'conflict',
  [IdentityErrorCode.USER_NOT_FOUND]: 'not_found',
  [IdentityErrorCode.TOO_MANY_LOGIN_ATTEMPTS]: 'rate_limited',
};

export class IdentityError extends DomainError {
  constructor(code: IdentityErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, KINDS[code], message, details);
  }

  static tooManyLoginAttempts(retryAfterSeconds: number): IdentityError {
    return new IdentityError(IdentityErrorCode.TOO_MANY_LOGIN_ATTEMPTS, 'Too many login attempts; try again later', { retryAfter: retryAfterSeconds }).retryAfter(
      retryAfterSeconds,
    );
  }
}
