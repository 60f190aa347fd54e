/** A depot (CASFA DepotDetail). */
export class DepotView {
  /** @example dpt_069BH6X0W2W1RKCFPG2NAPH6YC */
  depotId: string;
  /** @example docs */
  title: string | null;
  /** Current root (`nod_…`); a new depot starts at the empty dict. @example nod_2D9YF3Q0RAENSX5P52HK6YEZRC */
  root: string | null;
  /** @example 20 */
  maxHistory: number;
  /** Previous roots, newest first. @example ["nod_240B5PHBGEC2A705WTKKMVRS30"] */
  history: string[];
  /** The delegate that created it (`dlt_…`). @example dlt_069B6X2TG3C04ZH0NR6GVJ5QF0 */
  creatorIssuerId: string;
  /** Epoch ms. @example 1729674060000 */
  createdAt: number;
  /** Epoch ms. @example 1729674120000 */
  updatedAt: number;
}

export class DeletedView {
  /** @example true */
  success: true;
}
