import { Injectable, Param, PipeTransform } from '@nestjs/common';
import { RequestValidationError } from '../errors/domain-error';

const MAX_ID = 2_147_483_647; // PostgreSQL integer

/** A path id: a positive integer that fits the integer columns (a larger one would fail in SQL). */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: { data?: string }): number {
    const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(id) || id < 1 || id > MAX_ID) {
      const name = metadata.data ?? 'id';
      throw new RequestValidationError({ [name]: [`${name} must be a positive integer`] });
    }
    return id;
  }
}

/** A path id parameter (`:id` unless named otherwise), validated by ParseIdPipe. */
export const IdParam = (name = 'id'): ParameterDecorator => Param(name, ParseIdPipe);
