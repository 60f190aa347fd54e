import { DomainError, ErrorKind } from '../common/errors/domain-error';

export enum WebhookErrorCode {
  WEBHOOK_NOT_FOUND = 'WEBHOOK_NOT_FOUND',
  DELIVERY_NOT_FOUND = 'DELIVERY_NOT_FOUND',
  INVALID_WEBHOOK_URL = 'INVALID_WEBHOOK_URL',
  WEBHOOK_TARGET_FORBIDDEN = 'WEBHOOK_TARGET_FORBIDDEN',
}

const KINDS: Record<WebhookErrorCode, ErrorKind> = {
  [WebhookErrorCode.WEBHOOK_NOT_FOUND]: 'not_found',
  [WebhookErrorCode.DELIVERY_NOT_FOUND]: 'not_found',
  [WebhookErrorCode.INVALID_WEBHOOK_URL]: 'bad_request',
  [WebhookErrorCode.WEBHOOK_TARGET_FORBIDDEN]: 'bad_request',
};

export class WebhookError extends DomainError {
  constructor(code: WebhookErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, KINDS[code], message, details);
  }
}
