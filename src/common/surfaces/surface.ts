import type { ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ErrorView } from './error-view';

export type Schema = SchemaObject | ReferenceObject;

/** What a surface needs to render a handler's result. */
export interface SuccessContext {
  /** The route's success message (@SuccessMessage), for surfaces whose envelope carries one. */
  message: string;
  request: { protocol: string; host: string; url: string };
}

/**
 * One API surface: the routes it owns and how its bodies look on the wire, errors and
 * successes alike. Services return domain results (objects, Page, CursorPage) and throw
 * domain errors; the surface of the route turns both into its seed's format, at run time
 * (SurfaceExceptionFilter, SurfaceResponseInterceptor) and in the OpenAPI document.
 */
export interface Surface {
  readonly name: SurfaceName;
  /** The seed document whose contract it keeps (null: our own API). */
  readonly seed: string | null;
  readonly basePath: string;
  /** True when a request path (without query) belongs to this surface. */
  owns(path: string): boolean;
  renderError(error: ErrorView): { status: number; body: unknown };
  /** The body of a successful result (envelopes, page shapes); undefined stays undefined (204). */
  renderSuccess(result: unknown, context: SuccessContext): unknown;
  /** The OpenAPI schema of that body, for a result of `schema` (or a page of `schema` items). */
  documentSuccess(schema: Schema, page: PageDoc | null): Schema;
  /** The OpenAPI schema of this surface's error body. */
  readonly errorSchema: SchemaObject;
  /** The status of a validation failure on this surface. */
  readonly validationStatus: number;
  /** Its clients may send form bodies (DRF: url-encoded and multipart fields, not only JSON). */
  readonly readsForms?: boolean;
}

/** A paginated operation, as documented: its item schema and (cursor pages) the list's field name. */
export interface PageDoc {
  field: string;
}

export type SurfaceName = 'realm' | 'support' | 'file-tickets' | 'workflow' | 'api';

/** `{field: ["m1", "m2"]}` → `"field: m1; m2"` lines, for surfaces that have one message only. */
export function describeFields(fields: Record<string, string[]>): string {
  return Object.entries(fields)
    .map(([field, messages]) => `${field}: ${messages.join('; ')}`)
    .join(', ');
}

export const arrayOf = (schema: Schema): SchemaObject => ({ type: 'array', items: schema });
