import { ApiProperty } from '@nestjs/swagger';
import { isoMillis } from '../common/time';
import type { UserSummary } from '../identity/users.service';
import type { PersonRefView, WorkSessionSummaryView } from '../work-session/work-session.view';
import type { InventoryStatus } from './inventory-item.entity';
import { type FlagColor, WORKFLOW_STATUSES, type WorkflowStatus } from './workflow-rules';
import type { TicketWithItem } from './workflow-tickets.repository';
import type { WorkflowTransitionEntity } from './workflow-transition.entity';

/*
 * Seed 004's ticket bodies: snake_case, ISO 8601 UTC times with milliseconds.
 * The classes document them (Swagger plugin); the functions below build them, once each.
 */

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
  /** The admin who approved it (manual-metrics), in the same shape as master and technician. */
  approved_by: PersonRefView | null;
  approved_at: string | null;
  assigned_at: string | null;
  started_at: string | null;
  done_at: string | null;
  created_at: string;
  updated_at: string;
  /** Null before work starts. */
  latest_work_session: WorkSessionSummaryView | null;
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

const who = (u: UserSummary | undefined): PersonRefView | null => (u ? { id: u.id, name: u.name } : null);

export function ticketView(t: TicketWithItem, users: Map<number, UserSummary>, latest: WorkSessionSummaryView | null): WorkflowTicketView {
  return {
    id: t.id,
    status: t.status,
    title: t.title,
    inventory_item: { id: t.inventoryItem.id, serial_number: t.inventoryItem.serialNumber, status: t.inventoryItem.status },
    master: who(users.get(t.masterId)),
    technician: t.technicianId === null ? null : who(users.get(t.technicianId)),
    part_specs: t.partSpecs,
    total_duration: t.totalDuration,
    flag_color: t.flagColor,
    xp_amount: t.xpAmount,
    is_manual: t.isManual,
    approved_by: t.approvedBy === null ? null : who(users.get(t.approvedBy)),
    approved_at: isoMillis(t.approvedAt),
    assigned_at: isoMillis(t.assignedAt),
    started_at: isoMillis(t.startedAt),
    done_at: isoMillis(t.doneAt),
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
    latest_work_session: latest ? { id: latest.id, status: latest.status, active_seconds: latest.active_seconds } : null,
  };
}

export function transitionView(tr: WorkflowTransitionEntity, users: Map<number, UserSummary>): WorkflowTransitionView {
  return {
    id: Number(tr.id),
    from_status: tr.fromStatus,
    to_status: tr.toStatus,
    action: tr.action,
    actor: who(users.get(tr.actorId)),
    note: tr.note,
    metadata: tr.metadata,
    created_at: tr.createdAt.toISOString(),
  };
}
