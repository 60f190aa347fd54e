/**
 * Who calls a realm route: the delegate behind the bearer (the realm's root for a user JWT),
 * as the realm guard puts it on the request and services receive it.
 */
export interface RealmCaller {
  realm: string;
  userId: number;
  /** uuid of the delegate. */
  delegateId: string;
  /** Ancestors then itself, root first. */
  chain: string[];
  depth: number;
  canUpload: boolean;
  canManageDepot: boolean;
  /** May issue child delegates and tickets; false for a ticket's leaf delegate. */
  canDelegate: boolean;
  delegatedDepots: string[] | null;
  /** `nod_…` scope roots for X-CAS-Proof paths; null: none. */
  scopeRoots: string[] | null;
  expiresAt: Date | null;
  /** The access token's bytes (the key of proof-of-possession); null for the root delegate. */
  accessToken: Buffer | null;
}

export const isRoot = (caller: Pick<RealmCaller, 'depth'>): boolean => caller.depth === 0;
