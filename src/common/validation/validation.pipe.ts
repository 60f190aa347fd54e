import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage, ValidationError, ValidatorOptions } from 'class-validator';
import { coerceDrfText } from './drf-coercion';
import { RequestValidationError } from '../errors/domain-error';
import { DEFAULT_JSON_LIMITS, inspect } from '../http/json-body';
import { leniencyOf } from './ignore-unknown';
import { flattenValidationErrors, MAX_REPORTED_FIELDS } from './validation-errors';

/**
 * The global pipe: whitelist + forbidNonWhitelisted, transform, failures as
 * RequestValidationError. Before class-transformer and class-validator spend anything, it
 * refuses in one linear pass what no DTO accepts: text with NUL or lone surrogates (in the
 * query and path too), shapes past the JSON limits, and keys the DTO does not declare.
 */
class GuardedValidationPipe extends ValidationPipe {
  /** For classes marked @IgnoresUnknownFields() (DRF inputs): undeclared keys are stripped rather than refused, typed text coerced (or not). */
  private readonly lenient = new DrfValidationPipe({ ...OPTIONS, forbidNonWhitelisted: false });
  private readonly lenientAsTyped = new ValidationPipe({ ...OPTIONS, forbidNonWhitelisted: false });

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const problem = inspect(value, DEFAULT_JSON_LIMITS);
      if (problem) throw new RequestValidationError({ [problem.path || metadata.data || metadata.type]: [problem.message] });
    }
    // Path parameters are converted by their own pipe (IdParam), from the text as sent: converted
    // here first, `0x1` or `1e3` would reach it as the number 1 or 1000.
    if (metadata.type === 'param') return value;
    const leniency = leniencyOf(metadata.metatype);
    if (leniency) return (leniency.coerceText ? this.lenient : this.lenientAsTyped).transform(value, metadata);
    if (metadata.type !== 'custom') refuseUndeclaredKeys(value, metadata);
    return super.transform(value, metadata);
  }
}

/** Validates what DRF would: numbers and booleans sent as text count as numbers and booleans. */
class DrfValidationPipe extends ValidationPipe {
  protected override validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> | ValidationError[] {
    coerceDrfText(object);
    return super.validate(object, options);
  }
}

const OPTIONS = {
  transform: true,
  whitelist: true,
  forbidNonWhitelisted: true,
  stopAtFirstError: false,
  exceptionFactory: (errors: ValidationError[]) => new RequestValidationError(flattenValidationErrors(errors)),
};

export function createValidationPipe(): ValidationPipe {
  return new GuardedValidationPipe(OPTIONS);
}

const declared = new WeakMap<object, ReadonlySet<string>>();

/** The properties a DTO class declares (any validation decorator), cached per class. */
function declaredKeys(dto: new () => unknown): ReadonlySet<string> {
  let keys = declared.get(dto);
  if (!keys) {
    keys = new Set(getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false).map((m) => m.propertyName));
    declared.set(dto, keys);
  }
  return keys;
}

/**
 * Many undeclared keys are refused at once, before class-transformer copies them; a few go on to
 * class-validator, which then names them together with the other problems of the body.
 */
function refuseUndeclaredKeys(value: unknown, metadata: ArgumentMetadata): void {
  const dto = metadata.metatype as (new () => unknown) | undefined;
  if (!dto || [String, Number, Boolean, Object, Array].includes(dto as never)) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const keys = declaredKeys(dto);
  if (keys.size === 0) return;
  const unknown = Object.keys(value).filter((key) => !keys.has(key));
  if (unknown.length <= MAX_REPORTED_FIELDS) return;
  throw new RequestValidationError(Object.fromEntries(unknown.slice(0, MAX_REPORTED_FIELDS).map((key) => [key, [`property ${key} should not exist`]])));
}
