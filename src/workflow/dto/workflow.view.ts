import { ApiProperty } from '@nestjs/swagger';
import type { SessionStatus } from '../../work-session/pause-budget';
import type { PersonRefView } from '../../work-session/work-session.view';
import type { InventoryStatus } from '../inventory-item.entity';
import { type FlagColor, WORKFLOW_STATUSES, type WorkflowStatus } from '../workflow-rules';
import type { XpEntryType } from '../xp-entry.entity';

/** A ticket's inventory item, as the ticket shows it. */
export class TicketInventoryItemView {
  id: number;
  /** @example SN-1 */
  serial_number: string;
  status: InventoryStatus;
}

export class PartSpecView {
  /** @example brake pads */
  name: string;
  color: FlagColor;
  /** Planned minutes. @example 25 */
  minutes: number;
}

/** The newest work session of a ticket, as in effect now. */
export class LatestWorkSessionView {
  id: number;
  status: SessionStatus;
  active_seconds: number;
}

export class WorkflowTicketView {
  id: number;
  status: WorkflowStatus;
  title: string | null;
  inventory_item: TicketInventoryItemView;
  /** Who took the ticket in (null if the user no longer exists). */
  master: PersonRefView | null;
  technician: PersonRefView | null;
  part_specs: PartSpecView[];
  /** Planned minutes: the sum of the part specs. */
  total_duration: number;
  /** The most severe colour of the part specs, unless set by an admin. */
  flag_color: FlagColor;
  xp_amount: number;
  /** Metrics overridden by an admin. */
  is_manual: boolean;
  approved_by: number | null;
  approved_at: string | null;
  assigned_at: string | null;
  started_at: string | null;
  done_at: string | null;
  created_at: string;
  updated_at: string;
  /** Null before work starts. */
  latest_work_session: LatestWorkSessionView | null;
}

/** One entry of a ticket's append-only audit stream. */
export class WorkflowTransitionView {
  id: number;
  /** Null for the creation. */
  // OpenAPI 3.0 admits null in an enum only when the enum lists it.
  @ApiProperty({ enum: [...WORKFLOW_STATUSES, null], nullable: true })
  from_status: WorkflowStatus | null;
  to_status: WorkflowStatus;
  /** @example qc_fail */
  action: string;
  actor: PersonRefView | null;
  note: string | null;
  metadata: Record<string, unknown>;
  created_at: string;
}

export class InventoryItemView {
  id: number;
  /** Case-sensitive, unique. @example SN-1 */
  serial_number: string;
  status: InventoryStatus;
  created_at: string;
  updated_at: string;
}

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

export class TicketXpRulesView {
  /** xp = ceil(total planned minutes / base_divisor). */
  base_divisor: number;
  first_pass_bonus: number;
  qc_status_update_xp: number;
}

export class WorkSessionRulesView {
  daily_pause_limit_minutes: number;
  /** IANA time zone of the working day. @example UTC */
  timezone: string;
}

/** A version of the XP and work-session rules; version 0 is the configured defaults. */
export class RulesConfigView {
  version: number;
  ticket_xp: TicketXpRulesView;
  work_session: WorkSessionRulesView;
  /** Null for the defaults. */
  changed_by: number | null;
  reason: string;
  /** Null for the defaults. */
  created_at: string | null;
}
