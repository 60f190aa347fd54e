import type { ValidationError } from 'class-validator';

/** At most this many fields are named in one validation error: an answer stays small whatever was sent. */
export const MAX_REPORTED_FIELDS = 20;

/** Flattens class-validator's tree into `{ "part_specs.0.color": ["..."] }`, at most MAX_REPORTED_FIELDS fields. */
export function flattenValidationErrors(errors: ValidationError[], prefix = '', fields: Record<string, string[]> = {}): Record<string, string[]> {
  for (const error of errors) {
    if (Object.keys(fields).length >= MAX_REPORTED_FIELDS) break;
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) fields[path] = Object.values(error.constraints);
    if (error.children?.length) flattenValidationErrors(error.children, path, fields);
  }
  return fields;
}
