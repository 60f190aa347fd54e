import { DomainError, ErrorKind } from '../common/errors/domain-error';

export enum WebhookErrorCode {
  WEBHOOK_NOT_FOUND = 'WEBHOOK_NOT_FOUND',
  DELIVERY_NOT_FOUND = 'DELIVERY_NOT_FOUND',
  INVALID_WEBHOOK_URL = 'INVALID_WEBHOOK_URL',
  WEBHOOK_TARGET_FORBIDDEN = 'WEBHOOK_TARGET_FORBIDDEN',
}

export class WebhookError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: WebhookErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
    this.kind = webhookKindOf(code);
  }
}

function webhookKindOf(code: WebhookErrorCode): ErrorKind {
  switch (code) {
    case WebhookErrorCode.WEBHOOK_NOT_FOUND:
    case WebhookErrorCode.DELIVERY_NOT_FOUND:
      return 'not_found';
    case WebhookErrorCode.INVALID_WEBHOOK_URL:
    case WebhookErrorCode.WEBHOOK_TARGET_FORBIDDEN:
      return 'bad_request';
  }
}
