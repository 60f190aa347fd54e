import { DomainError, ErrorKind } from '../common/errors/domain-error';

/** Seed 001 §6.2's business codes. */
export enum SupportErrorCode {
  TICKET_NOT_FOUND = 'TICKET_NOT_FOUND',
  COMMENT_NOT_FOUND = 'NOT_FOUND',
  INVALID_STATUS_TRANSITION = 'INVALID_STATUS_TRANSITION',
  ASSIGNEE_NOT_FOUND = 'ASSIGNEE_NOT_FOUND',
  COMMENT_TOO_LONG = 'COMMENT_TOO_LONG',
  FORBIDDEN = 'FORBIDDEN',
  VALIDATION_ERROR = 'VALIDATION_ERROR',
}

export class SupportError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: SupportErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.kind = supportKindOf(code);
  }

  static ticketNotFound(id: number): SupportError {
    return new SupportError(SupportErrorCode.TICKET_NOT_FOUND, `Ticket ${id} not found`);
  }

  static forbidden(message: string): SupportError {
    return new SupportError(SupportErrorCode.FORBIDDEN, message);
  }
}

function supportKindOf(code: SupportErrorCode): ErrorKind {
  switch (code) {
    case SupportErrorCode.TICKET_NOT_FOUND:
    case SupportErrorCode.COMMENT_NOT_FOUND:
    case SupportErrorCode.ASSIGNEE_NOT_FOUND:
      return 'not_found';
    case SupportErrorCode.INVALID_STATUS_TRANSITION:
      return 'conflict';
    case SupportErrorCode.COMMENT_TOO_LONG:
    case SupportErrorCode.VALIDATION_ERROR:
      return 'validation';
    case SupportErrorCode.FORBIDDEN:
      return 'forbidden';
  }
}
