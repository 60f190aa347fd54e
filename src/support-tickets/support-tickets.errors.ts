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

const KINDS: Record<SupportErrorCode, ErrorKind> = {
  [SupportErrorCode.TICKET_NOT_FOUND]: 'not_found',
  [SupportErrorCode.COMMENT_NOT_FOUND]: 'not_found',
  [SupportErrorCode.ASSIGNEE_NOT_FOUND]: 'not_found',
  [SupportErrorCode.INVALID_STATUS_TRANSITION]: 'conflict',
  [SupportErrorCode.COMMENT_TOO_LONG]: 'validation',
  [SupportErrorCode.VALIDATION_ERROR]: 'validation',
  [SupportErrorCode.FORBIDDEN]: 'forbidden',
};

export class SupportError extends DomainError {
  constructor(code: SupportErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, KINDS[code], message, details);
  }

  static ticketNotFound(id: number): SupportError {
    return new SupportError(SupportErrorCode.TICKET_NOT_FOUND, `Ticket ${id} not found`);
  }

  static forbidden(message: string): SupportError {
    return new SupportError(SupportErrorCode.FORBIDDEN, message);
  }
}
