/** A delegate as it is created (CASFA CreateDelegateResponse.delegate). Absent fields are omitted, never null. */
export class DelegateView {
  /** @example dlt_01HQXK5V8N3Y7M2P4R6T9W0ABC */
  delegateId: string;
  name?: string;
  /** @example usr_1 */
  realm: string;
  parentId: string;
  depth: number;
  canUpload: boolean;
  canManageDepot: boolean;
  delegatedDepots?: string[];
  /** Epoch ms; omitted when the delegate does not expire. */
  expiresAt?: number;
  /** Epoch ms. */
  createdAt: number;
}

export class CreatedDelegateView {
  delegate: DelegateView;
  /** Base64 of 24 bytes; shown once. Use it with POST /api/auth/refresh. */
  refreshToken: string;
  /** Base64 of 32 bytes; shown once. The bearer of realm routes. */
  accessToken: string;
  /** Epoch ms. */
  accessTokenExpiresAt: number;
}

/** A delegate in its parent's list (CASFA DelegateListItem). */
export class DelegateListItemView {
  delegateId: string;
  name?: string;
  depth: number;
  canUpload: boolean;
  canManageDepot: boolean;
  isRevoked: boolean;
  createdAt: number;
  expiresAt?: number;
}

/** One delegate in full (CASFA DelegateDetail). */
export class DelegateDetailView {
  delegateId: string;
  name?: string;
  realm: string;
  /** null for the root delegate. */
  parentId: string | null;
  /** Ancestors then itself, root first. */
  chain: string[];
  depth: number;
  canUpload: boolean;
  canManageDepot: boolean;
  delegatedDepots?: string[];
  /** The scope root, when there is exactly one. */
  scopeNodeHash?: string;
  /** Every scope root (X-CAS-Proof paths start from these, by index). */
  scope?: string[];
  expiresAt?: number;
  isRevoked: boolean;
  revokedAt?: number;
  revokedBy?: string;
  createdAt: number;
}

export class RevokedDelegateView {
  delegateId: string;
  /** Epoch ms. */
  revokedAt: number;
}

export class RefreshedTokensView {
  /** The new refresh token (base64, 24 bytes); the one presented is dead. */
  refreshToken: string;
  accessToken: string;
  accessTokenExpiresAt: number;
  delegateId: string;
}
