import { ValidateIf } from 'class-validator';

/**
 * An optional input field: it may be absent, but a value that is present is validated, null
 * included. (class-validator's IsOptional lets null through unvalidated, and a null then reaches
 * a NOT NULL column as a 500.) Declare the property with `?` so OpenAPI shows it optional.
 */
export const Optional = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);
