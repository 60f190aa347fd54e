import type { ValidationError } from 'class-validator';

/** At most this many fields are named in one validation error: an answer stays small whatever was sent. */
export const MAX_REPORTED_FIELDS = 20;

/** The kinds of problem that say most about a value, first (a wrong type before its range). */
const MOST_RELEVANT = ['whitelistValidation', 'isDefined', 'isInt', 'isNumber', 'isString', 'isBoolean', 'isArray', 'isObject', 'isEnum', 'isIn', 'isEmail', 'isDateString', 'isIso8601', 'matches'];

const rank = (constraint: string) => {
  const index = MOST_RELEVANT.indexOf(constraint);
  return index === -1 ? MOST_RELEVANT.length : index;
};

/** The message of a field that was not sent at all: surfaces may word it their own way (DRF: "This field is required."). */
export const requiredMessage = (field: string) => `${field} is required`;

/**
 * Flattens class-validator's tree into `{ "part_specs.0.color": ["..."] }`, at most
 * MAX_REPORTED_FIELDS fields. A missing field says it is required, and nothing else; the other
 * messages come most relevant first.
 */
export function flattenValidationErrors(errors: ValidationError[], prefix = '', fields: Record<string, string[]> = {}): Record<string, string[]> {
  for (const error of errors) {
    if (Object.keys(fields).length >= MAX_REPORTED_FIELDS) break;
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      const missing = error.value === undefined && !('whitelistValidation' in error.constraints);
      fields[path] = missing
        ? [requiredMessage(error.property)]
        : Object.entries(error.constraints)
            .sort(([a], [b]) => rank(a) - rank(b))
            .map(([, message]) => message);
    }
    if (error.children?.length) flattenValidationErrors(error.children, path, fields);
  }
  return fields;
}
