import { DomainError, ErrorKind } from '../common/errors/domain-error';

/** Seed 000's ticket codes (the delegate codes, DELEGATE_TOKEN_REQUIRED and INVALID_SCOPE among them, are the realm CAS's). */
export enum RealmTicketErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  CONFLICT = 'CONFLICT',
  GONE = 'GONE',
  INVALID_ROOT = 'INVALID_ROOT',
}

const KINDS: Record<RealmTicketErrorCode, ErrorKind> = {
  [RealmTicketErrorCode.NOT_FOUND]: 'not_found',
  [RealmTicketErrorCode.FORBIDDEN]: 'forbidden',
  [RealmTicketErrorCode.CONFLICT]: 'conflict',
  [RealmTicketErrorCode.GONE]: 'gone',
  [RealmTicketErrorCode.INVALID_ROOT]: 'bad_request',
};

export class RealmTicketError extends DomainError {
  constructor(code: RealmTicketErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, KINDS[code], message, details);
  }
}
