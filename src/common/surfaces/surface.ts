import { ErrorView } from './error-view';

/** One API surface: the routes it owns and how its errors look on the wire. */
export interface Surface {
  readonly name: SurfaceName;
  /** True when a request path (without query) belongs to this surface. */
  owns(path: string): boolean;
  renderError(error: ErrorView): { status: number; body: unknown };
  /** The OpenAPI schema of this surface's error body. */
  readonly errorSchema: Record<string, unknown>;
  /** The status of a validation failure on this surface. */
  readonly validationStatus: number;
}

export type SurfaceName = 'realm' | 'support' | 'file-tickets' | 'workflow' | 'api';

/** `{field: ["m1", "m2"]}` → `"field: m1; m2"` lines, for surfaces that have one message only. */
export function describeFields(fields: Record<string, string[]>): string {
  return Object.entries(fields)
    .map(([field, messages]) => `${field}: ${messages.join('; ')}`)
    .join(', ');
}
