import type { XpEntryEntity, XpEntryType } from './xp-entry.entity';

/** One entry of the XP ledger. */
export class XpEntryView {
  id: number;
  user_id: number;
  amount: number;
  entry_type: XpEntryType;
  /** Unique: each payment happens at most once. @example ticket_base_xp:12 */
  reference: string;
  payload: Record<string, unknown>;
  created_at: string;
}

export class XpSummaryView {
  user_id: number;
  total: number;
  /** Number of ledger entries. */
  entries: number;
}

export function xpView(x: XpEntryEntity): XpEntryView {
  return {
    id: Number(x.id),
    user_id: x.userId,
    amount: x.amount,
    entry_type: x.entryType,
    reference: x.reference,
    payload: x.payload,
    created_at: x.createdAt.toISOString(),
  };
}
