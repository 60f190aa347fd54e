import { applyDecorators, Injectable, Param, PipeTransform } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { RequestValidationError } from '../errors/domain-error';

/** The largest row id: PostgreSQL's integer. */
export const MAX_ID = 2_147_483_647;
const CANONICAL_ID = /^[1-9]\d{0,9}$/;

/**
 * A path id: a positive integer in canonical decimal (no sign, leading zeros, exponent, hex or
 * spaces) that fits the integer columns (a larger one would fail in SQL).
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: { data?: string }): number {
    const id = CANONICAL_ID.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(id) || id < 1 || id > MAX_ID) {
      const name = metadata.data ?? 'id';
      throw new RequestValidationError({ [name]: [`${name} must be a positive integer`] }, 'Validation failed', 'path');
    }
    return id;
  }
}

/** A path id parameter (`:id` unless named otherwise), validated by ParseIdPipe. */
export const IdParam = (name = 'id'): ParameterDecorator => Param(name, ParseIdPipe);

/** A body field holding a row id: an integer from 1 to 2^31−1 (a larger one would fail in SQL). */
export const IsId = (): PropertyDecorator => applyDecorators(IsInt(), Min(1), Max(MAX_ID));

/** A query parameter holding a row id: canonical decimal text only (`1e3`, `0x1`, `007` and ` 7` are refused). */
export const IsIdQuery = (): PropertyDecorator =>
  applyDecorators(
    Transform(({ value }) => (typeof value === 'string' && CANONICAL_ID.test(value) ? Number(value) : value)),
    IsId(),
  );
