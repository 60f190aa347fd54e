import { DomainError, ErrorKind } from '../common/errors/domain-error';

export enum WorkflowErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_ACTION = 'INVALID_ACTION',
  FORBIDDEN = 'FORBIDDEN',
}

/** Seed 004 answers refusals as DRF does: `{"detail": message}` with 400, 403 or 404. */
export class WorkflowError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: WorkflowErrorCode, message: string) {
    super(code, message);
    this.kind = workflowKindOf(code);
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

function workflowKindOf(code: WorkflowErrorCode): ErrorKind {
  switch (code) {
    case WorkflowErrorCode.NOT_FOUND:
      return 'not_found';
    case WorkflowErrorCode.INVALID_ACTION:
      return 'bad_request';
    case WorkflowErrorCode.FORBIDDEN:
      return 'forbidden';
  }
}
