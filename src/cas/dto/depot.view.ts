/** A depot (CASFA DepotDetail). */
export class DepotView {
  /** @example dpt_01H5K6Z9X3ABCDEF0123456780 */
  depotId: string;
  title: string | null;
  /** Current root (`nod_…`); a new depot starts at the empty dict. */
  root: string | null;
  maxHistory: number;
  /** Previous roots, newest first. */
  history: string[];
  /** The delegate that created it (`dlt_…`). */
  creatorIssuerId: string;
  createdAt: number;
  updatedAt: number;
}

export class DeletedView {
  success: true;
}
