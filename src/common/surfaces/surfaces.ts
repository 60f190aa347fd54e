import { apiSurface } from './api.surface';
import { fileTicketsSurface } from './file-tickets.surface';
import { realmSurface } from './realm.surface';
import { Surface } from './surface';
import { supportSurface } from './support.surface';
import { workflowSurface } from './workflow.surface';

/** Most specific first: `/api/v1` is workflow, other `/api/...` routes fall through to `api`. */
export const SURFACES: readonly Surface[] = [workflowSurface, realmSurface, supportSurface, fileTicketsSurface, apiSurface];

/** The surface owning a path (a route pattern such as `/v1/tickets/{id}`, or a request path). */
export function surfaceOf(url: string): Surface {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  return SURFACES.find((surface) => surface.owns(path)) ?? apiSurface;
}

/** What of a request decides its surface. */
export interface RoutedRequest {
  url: string;
  routeOptions?: { url?: string };
}

/**
 * The surface of a request, for errors and successes alike: by the route the router matched
 * (so `/%761/tickets`, routed as `/v1/tickets`, is support), else by the decoded path.
 */
export function surfaceOfRequest(request: RoutedRequest): Surface {
  const route = request.routeOptions?.url;
  if (route && route !== '*' && !route.includes('*')) return surfaceOf(route);
  return surfaceOf(decodedPath(request.url));
}

function decodedPath(url: string): string {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
