/** A delegate as it is created (CASFA CreateDelegateResponse.delegate). Absent fields are omitted, never null. */
export class DelegateView {
  /** @example dlt_069BH6NPG0X3QK49G1EXMJ7JR0 */
  delegateId: string;
  /** @example ci-bot */
  name?: string;
  /** @example usr_1 */
  realm: string;
  /** The caller that issued it. @example dlt_069B6X2TG3C04ZH0NR6GVJ5QF0 */
  parentId: string;
  /** @example 1 */
  depth: number;
  /** @example true */
  canUpload: boolean;
  /** @example false */
  canManageDepot: boolean;
  delegatedDepots?: string[];
  /** Epoch ms; omitted when the delegate does not expire. @example 1729760400000 */
  expiresAt?: number;
  /** Epoch ms. @example 1729674000000 */
  createdAt: number;
}

export class CreatedDelegateView {
  delegate: DelegateView;
  /** Base64 of 24 bytes; shown once. Use it with POST /api/auth/refresh. @example AZK4mraAOjvMiYBd2kjywHdHor9z0psm */
  refreshToken: string;
  /** Base64 of 32 bytes; shown once. The bearer of realm routes. @example AZK4mraAOjvMiYBd2kjywACl0biSAQAAl2+6VKg+4+k= */
  accessToken: string;
  /** Epoch ms. @example 1729677600000 */
  accessTokenExpiresAt: number;
}

/** A delegate in its parent's list (CASFA DelegateListItem). */
export class DelegateListItemView {
  /** @example dlt_069BH6NPG0X3QK49G1EXMJ7JR0 */
  delegateId: string;
  /** @example ci-bot */
  name?: string;
  /** @example 1 */
  depth: number;
  /** @example true */
  canUpload: boolean;
  /** @example false */
  canManageDepot: boolean;
  /** @example false */
  isRevoked: boolean;
  /** Epoch ms. @example 1729674000000 */
  createdAt: number;
  /** Epoch ms. @example 1729760400000 */
  expiresAt?: number;
}

/** One delegate in full (CASFA DelegateDetail). */
export class DelegateDetailView {
  /** @example dlt_069BH6NPG0X3QK49G1EXMJ7JR0 */
  delegateId: string;
  /** @example ci-bot */
  name?: string;
  /** @example usr_1 */
  realm: string;
  /** null for the root delegate. @example dlt_069B6X2TG3C04ZH0NR6GVJ5QF0 */
  parentId: string | null;
  /** Ancestors then itself, root first. @example ["dlt_069B6X2TG3C04ZH0NR6GVJ5QF0","dlt_069BH6NPG0X3QK49G1EXMJ7JR0"] */
  chain: string[];
  /** @example 1 */
  depth: number;
  /** @example true */
  canUpload: boolean;
  /** @example false */
  canManageDepot: boolean;
  delegatedDepots?: string[];
  /** The scope root, when there is exactly one. @example nod_2D9YF3Q0RAENSX5P52HK6YEZRC */
  scopeNodeHash?: string;
  /** Every scope root (X-CAS-Proof paths start from these, by index). @example ["nod_2D9YF3Q0RAENSX5P52HK6YEZRC"] */
  scope?: string[];
  /** Epoch ms. @example 1729760400000 */
  expiresAt?: number;
  /** @example false */
  isRevoked: boolean;
  /** Epoch ms. */
  revokedAt?: number;
  /** The delegate that called revoke (on this one or on an ancestor). */
  revokedBy?: string;
  /** Epoch ms. @example 1729674000000 */
  createdAt: number;
}

export class RevokedDelegateView {
  /** @example dlt_069BH6NPG0X3QK49G1EXMJ7JR0 */
  delegateId: string;
  /** Epoch ms. @example 1729677000000 */
  revokedAt: number;
}

export class RefreshedTokensView {
  /** The new refresh token (base64, 24 bytes); the one presented is dead. @example AZK4mraAOjvMiYBd2kjywAFc0iHeIChh */
  refreshToken: string;
  /** The new access token (base64, 32 bytes); the previous one is dead. @example AZK4mraAOjvMiYBd2kjywEAc7biSAQAARSz98Vjpx9w= */
  accessToken: string;
  /** Epoch ms. @example 1729679400000 */
  accessTokenExpiresAt: number;
  /** @example dlt_069BH6NPG0X3QK49G1EXMJ7JR0 */
  delegateId: string;
}
