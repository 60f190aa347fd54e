import { DomainError, ErrorKind } from '../common/errors/domain-error';

export enum WorkSessionErrorCode {
  INVALID_ACTION = 'INVALID_ACTION',
}

const KINDS: Record<WorkSessionErrorCode, ErrorKind> = {
  [WorkSessionErrorCode.INVALID_ACTION]: 'bad_request',
};

/** A refused work-session action. Seed 004 renders it as DRF does: `{"detail": message}` with 400. */
export class WorkSessionError extends DomainError {
  constructor(code: WorkSessionErrorCode, message: string) {
    super(code, KINDS[code], message);
  }

  static refused(message: string): WorkSessionError {
    return new WorkSessionError(WorkSessionErrorCode.INVALID_ACTION, message);
  }
}
