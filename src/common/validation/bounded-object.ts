import { ValidateBy, ValidationOptions } from 'class-validator';

export interface ObjectBounds {
  /** Keys and array items in all, at any depth. */
  maxEntries: number;
  maxDepth: number;
  /** Size of the value written as JSON, in bytes. */
  maxBytes: number;
}

/**
 * A free-form JSON object (metadata and the like) of bounded size: it is stored and sent back
 * whole, so its cost is bounded here rather than by the body limit alone.
 */
export function IsBoundedObject(bounds: ObjectBounds, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBoundedObject',
      validator: {
        validate: (value: unknown) => isPlainObject(value) && within(value, bounds),
        defaultMessage: (args) =>
          `${args?.property ?? "value"} must be a JSON object of at most ${bounds.maxEntries} keys and items, ${bounds.maxDepth} levels and ${bounds.maxBytes} bytes`,
      },
    },
    options,
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function within(value: Record<string, unknown>, bounds: ObjectBounds): boolean {
  let entries = 0;
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  while (stack.length) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth > bounds.maxDepth) return false;
    const children = Array.isArray(current) ? current : Object.values(current);
    entries += children.length;
    if (entries > bounds.maxEntries) return false;
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
  return Buffer.byteLength(JSON.stringify(value)) <= bounds.maxBytes;
}
