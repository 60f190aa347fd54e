import { DomainError, ErrorKind } from '../common/errors/domain-error';

export enum WorkflowErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_ACTION = 'INVALID_ACTION',
  FORBIDDEN = 'FORBIDDEN',
}

const KINDS: Record<WorkflowErrorCode, ErrorKind> = {
  [WorkflowErrorCode.NOT_FOUND]: 'not_found',
  [WorkflowErrorCode.INVALID_ACTION]: 'bad_request',
  [WorkflowErrorCode.FORBIDDEN]: 'forbidden',
};

/** Seed 004 answers refusals as DRF does: `{"detail": message}` with 400, 403 or 404. */
export class WorkflowError extends DomainError {
  constructor(code: WorkflowErrorCode, message: string) {
    super(code, KINDS[code], message);
  }

  static refused(message: string): WorkflowError {
    return new WorkflowError(WorkflowErrorCode.INVALID_ACTION, message);
  }

  static forbidden(message: string): WorkflowError {
    return new WorkflowError(WorkflowErrorCode.FORBIDDEN, message);
  }

  static notFound(what: string): WorkflowError {
    return new WorkflowError(WorkflowErrorCode.NOT_FOUND, `${what} not found.`);
  }
}
