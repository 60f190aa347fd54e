import { ApiProperty } from '@nestjs/swagger';
import { isoMillis } from '../common/time';
import type { UserSummary } from '../identity/users.service';
import type { PersonRefView, WorkSessionSummaryView } from '../work-session/work-session.view';
import type { InventoryStatus } from './inventory-item.entity';
import { type FlagColor, WORKFLOW_STATUSES, type WorkflowStatus } from './workflow-rules';
import type { TicketReadRow, TicketWithItem } from './workflow-tickets.repository';
import type { WorkflowTransitionEntity } from './workflow-transition.entity';

/*
 * Seed 004's ticket bodies: snake_case, ISO 8601 UTC times with milliseconds.
 * The classes document them (Swagger plugin); the functions below build them, once each.
 */

/** A ticket's inventory item, as the ticket shows it. */
export class TicketInventoryItemView {
  /** @example 3 */
  id: number;
  /** @example SN-1 */
  serial_number: string;
  /** IN_SERVICE while the ticket is worked on, READY again after QC pass. @example IN_SERVICE */
  status: InventoryStatus;
}

export class PartSpecView {
  /** @example "brake pads" */
  name: string;
  /** @example yellow */
  color: FlagColor;
  /** Planned minutes. @example 25 */
  minutes: number;
}

export class WorkflowTicketView {
  /** @example 12 */
  id: number;
  /** @example IN_PROGRESS */
  status: WorkflowStatus;
  /** @example "Brake service" */
  title: string | null;
  inventory_item: TicketInventoryItemView;
  /** Who took the ticket in (null if the user no longer exists). @example {"id":2,"name":"Li Wei"} */
  master: PersonRefView | null;
  /** Null until assigned. @example {"id":7,"name":"Zhang Min"} */
  technician: PersonRefView | null;
  /** @example [{"name":"brake pads","color":"yellow","minutes":25},{"name":"brake fluid","color":"green","minutes":15}] */
  part_specs: PartSpecView[];
  /** Planned minutes: the sum of the part specs. @example 40 */
  total_duration: number;
  /** The most severe colour of the part specs, unless set by an admin. @example yellow */
  flag_color: FlagColor;
  /** ceil(total_duration / base_divisor) unless set by an admin. @example 2 */
  xp_amount: number;
  /** Metrics overridden by an admin. @example false */
  is_manual: boolean;
  /** The admin who approved it (manual-metrics), in the same shape as master and technician. @example {"id":3,"name":"Wang Fang"} */
  approved_by: PersonRefView | null;
  /** @example 2024-10-23T09:10:00.000Z */
  approved_at: string | null;
  /** @example 2024-10-23T09:20:00.000Z */
  assigned_at: string | null;
  /** @example 2024-10-23T09:30:00.000Z */
  started_at: string | null;
  done_at: string | null;
  /** @example 2024-10-23T09:00:00.000Z */
  created_at: string;
  /** @example 2024-10-23T09:30:00.000Z */
  updated_at: string;
  /** Null before work starts. */
  latest_work_session: WorkSessionSummaryView | null;
}

/** One entry of a ticket's append-only audit stream. */
export class WorkflowTransitionView {
  /** @example 4 */
  id: number;
  /** Null for the creation. */
  // OpenAPI 3.0 admits null in an enum only when the enum lists it.
  @ApiProperty({ enum: [...WORKFLOW_STATUSES, null], nullable: true, example: 'ASSIGNED' })
  from_status: WorkflowStatus | null;
  /** @example IN_PROGRESS */
  to_status: WorkflowStatus;
  /** create, manual_metrics, assign, start, to_waiting_qc, qc_pass or qc_fail. @example start */
  action: string;
  actor: PersonRefView | null;
  /** The note sent with to-waiting-qc, qc-pass or qc-fail. */
  note: string | null;
  /** What the action decided (a work session id, the technician, first_pass…). @example {"work_session_id":5} */
  metadata: Record<string, unknown>;
  /** @example 2024-10-23T09:30:00.000Z */
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

const person = (id: number | null, name: string | null): PersonRefView | null => (id === null || name === null ? null : { id, name });

/** The same body as ticketView(), from a read row (people's names already joined). */
export function ticketRowView(t: TicketReadRow, latest: WorkSessionSummaryView | null): WorkflowTicketView {
  return {
    id: t.id,
    status: t.status,
    title: t.title,
    inventory_item: { id: t.item_id, serial_number: t.item_serial_number, status: t.item_status },
    master: person(t.master_id, t.master_name),
    technician: person(t.technician_id, t.technician_name),
    part_specs: t.part_specs,
    total_duration: t.total_duration,
    flag_color: t.flag_color,
    xp_amount: t.xp_amount,
    is_manual: t.is_manual,
    approved_by: person(t.approved_by, t.approver_name),
    approved_at: isoMillis(t.approved_at),
    assigned_at: isoMillis(t.assigned_at),
    started_at: isoMillis(t.started_at),
    done_at: isoMillis(t.done_at),
    created_at: t.created_at.toISOString(),
    updated_at: t.updated_at.toISOString(),
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
