const IGNORES_UNKNOWN = Symbol('validation:ignores-unknown');

/**
 * An input class whose clients expect Django REST Framework's leniency: fields and query
 * parameters it does not declare (read-only fields echoed back, `?format=json`) are dropped,
 * never applied and never refused; numbers and booleans sent as text ("10", "true": forms,
 * multipart) are coerced as DRF's fields coerce them. Inherited by subclasses.
 */
export const IgnoresUnknownFields = (): ClassDecorator => (target) => {
  Reflect.defineMetadata(IGNORES_UNKNOWN, true, target);
};

export function ignoresUnknownFields(dto: unknown): boolean {
  return typeof dto === 'function' && Reflect.getMetadata(IGNORES_UNKNOWN, dto) === true;
}
