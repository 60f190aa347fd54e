import type { XpEntryEntity, XpEntryType } from './xp-entry.entity';

/** One entry of the XP ledger. */
export class XpEntryView {
  /** @example 31 */
  id: number;
  /** @example 7 */
  user_id: number;
  /** @example 2 */
  amount: number;
  /** @example ticket_base_xp */
  entry_type: XpEntryType;
  /** Unique: each payment happens at most once. @example ticket_base_xp:12 */
  reference: string;
  /** @example {"ticket_id":12,"active_seconds":2280,"total_duration":40} */
  payload: Record<string, unknown>;
  /** @example 2024-10-23T10:20:00.000Z */
  created_at: string;
}

export class XpSummaryView {
  /** @example 7 */
  user_id: number;
  /** @example 3 */
  total: number;
  /** Number of ledger entries. @example 2 */
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
