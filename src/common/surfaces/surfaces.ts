import { apiSurface } from './api.surface';
import { fileTicketsSurface } from './file-tickets.surface';
import { realmSurface } from './realm.surface';
import { Surface } from './surface';
import { supportSurface } from './support.surface';
import { workflowSurface } from './workflow.surface';

/** Most specific first: `/api/v1` is workflow, other `/api/...` routes fall through to `api`. */
export const SURFACES: readonly Surface[] = [workflowSurface, realmSurface, supportSurface, fileTicketsSurface, apiSurface];

export function surfaceOf(url: string): Surface {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  return SURFACES.find((surface) => surface.owns(path)) ?? apiSurface;
}
