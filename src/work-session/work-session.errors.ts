import { DomainError, ErrorKind } from '../common/errors/domain-error';

export enum WorkSessionErrorCode {
  INVALID_ACTION = 'INVALID_ACTION',
}

/** A refused work-session action. Seed 004 renders it as DRF does: `{"detail": message}` with 400. */
export class WorkSessionError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: WorkSessionErrorCode, message: string) {
    super(code, message);
    this.kind = workSessionKindOf(code);
  }

  static refused(message: string): WorkSessionError {
    return new WorkSessionError(WorkSessionErrorCode.INVALID_ACTION, message);
  }
}

function workSessionKindOf(code: WorkSessionErrorCode): ErrorKind {
  switch (code) {
    case WorkSessionErrorCode.INVALID_ACTION:
      return 'bad_request';
  }
}
