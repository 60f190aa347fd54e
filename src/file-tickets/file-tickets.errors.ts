import { DomainError, ErrorKind } from '../common/errors/domain-error';

/** Seed 003's failures. The surface answers `{"detail": message}`, so each code keeps the seed's message. */
export enum FileTicketErrorCode {
  /** The surface answers it 401 (AUTHORIZE_FAILED there): the seed's one deliberate 401. */
  AUTHORIZE_FAILED = 'AUTHORIZE_FAILED',
  DISCORD_UNAVAILABLE = 'DISCORD_UNAVAILABLE',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  MISSING_FILE = 'MISSING_FILE',
  FILE_TOO_LARGE = 'FILE_TOO_LARGE',
  TOO_MANY_FILES = 'TOO_MANY_FILES',
  MALFORMED_UPLOAD = 'MALFORMED_UPLOAD',
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  TICKET_NOT_FOUND = 'TICKET_NOT_FOUND',
  TICKET_FILE_NOT_FOUND = 'TICKET_FILE_NOT_FOUND',
  PERMISSION_DENIED = 'PERMISSION_DENIED',
}

const KINDS: Record<FileTicketErrorCode, ErrorKind> = {
  [FileTicketErrorCode.AUTHORIZE_FAILED]: 'unauthenticated',
  [FileTicketErrorCode.DISCORD_UNAVAILABLE]: 'unavailable',
  [FileTicketErrorCode.INVALID_CREDENTIALS]: 'forbidden',
  [FileTicketErrorCode.MISSING_FILE]: 'bad_request',
  [FileTicketErrorCode.FILE_TOO_LARGE]: 'too_large',
  [FileTicketErrorCode.TOO_MANY_FILES]: 'too_large',
  [FileTicketErrorCode.MALFORMED_UPLOAD]: 'bad_request',
  [FileTicketErrorCode.USER_NOT_FOUND]: 'not_found',
  [FileTicketErrorCode.TICKET_NOT_FOUND]: 'not_found',
  [FileTicketErrorCode.TICKET_FILE_NOT_FOUND]: 'not_found',
  [FileTicketErrorCode.PERMISSION_DENIED]: 'forbidden',
};

/** The seed's wording, where it has one. */
const MESSAGES: Partial<Record<FileTicketErrorCode, string>> = {
  [FileTicketErrorCode.AUTHORIZE_FAILED]: 'Authorize failed',
  [FileTicketErrorCode.INVALID_CREDENTIALS]: 'Invalid authentication credentials',
  [FileTicketErrorCode.MISSING_FILE]: 'Missing file',
  [FileTicketErrorCode.FILE_TOO_LARGE]: 'File is too large',
  [FileTicketErrorCode.USER_NOT_FOUND]: 'User not found',
  [FileTicketErrorCode.TICKET_NOT_FOUND]: 'Ticket not found',
  [FileTicketErrorCode.TICKET_FILE_NOT_FOUND]: 'Ticket file not found',
  [FileTicketErrorCode.PERMISSION_DENIED]: 'Permission denied',
};

export class FileTicketError extends DomainError {
  constructor(code: FileTicketErrorCode, message?: string, details?: Record<string, unknown>) {
    super(code, KINDS[code], message ?? MESSAGES[code] ?? code, details);
  }
}
