import { ValidationPipe } from '@nestjs/common';
import { RequestValidationError } from '../errors/domain-error';
import { flattenValidationErrors } from './validation-errors';

/** The global pipe: whitelist + forbidNonWhitelisted, transform, failures as RequestValidationError. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}
