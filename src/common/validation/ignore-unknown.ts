const IGNORES_UNKNOWN = Symbol('validation:ignores-unknown');

interface Leniency {
  /** Numbers and booleans sent as text are coerced as DRF's fields coerce them (default true). */
  coerceText?: boolean;
}

/**
 * An input class whose clients expect Django REST Framework's leniency: fields and query
 * parameters it does not declare (read-only fields echoed back, `?format=json`) are dropped,
 * never applied and never refused; numbers and booleans sent as text ("10", "true": forms,
 * multipart) are coerced as DRF's fields coerce them, unless `coerceText: false` (a class that
 * states its own conversions). Inherited by subclasses.
 */
export const IgnoresUnknownFields =
  ({ coerceText = true }: Leniency = {}): ClassDecorator =>
  (target) => {
    Reflect.defineMetadata(IGNORES_UNKNOWN, { coerceText }, target);
  };

/** The leniency of an input class, or undefined when it is strict. */
export function leniencyOf(dto: unknown): Required<Leniency> | undefined {
  return typeof dto === 'function' ? Reflect.getMetadata(IGNORES_UNKNOWN, dto) : undefined;
}
