import type { UserSummary } from '../identity/users.service';
import type { PersonRefView, WorkSessionView } from '../work-session/work-session.view';
import type { WorkflowRules } from '../config/workflow.config';
import type { InventoryItemView, RulesConfigView, WorkflowTicketView, WorkflowTransitionView, XpEntryView } from './dto/workflow.view';
import type { InventoryItemEntity } from './inventory-item.entity';
import type { RulesVersionEntity } from './rules-version.entity';
import type { TicketWithItem } from './workflow-tickets.repository';
import type { WorkflowTransitionEntity } from './workflow-transition.entity';
import type { XpEntryEntity } from './xp-entry.entity';

/** Entities to the bodies of seed 004 (snake_case, ISO-8601 times). */

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const who = (u: UserSummary | undefined): PersonRefView | null => (u ? { id: u.id, name: u.name } : null);

/** The user ids a ticket view shows (to load their names in one query). */
export function userIdsOf(tickets: readonly TicketWithItem[]): number[] {
  return tickets.flatMap((t) => (t.technicianId ? [t.masterId, t.technicianId] : [t.masterId]));
}

export function inventoryView(i: InventoryItemEntity): InventoryItemView {
  return { id: i.id, serial_number: i.serialNumber, status: i.status, created_at: i.createdAt.toISOString(), updated_at: i.updatedAt.toISOString() };
}

export function ticketView(t: TicketWithItem, users: Map<number, UserSummary>, latest: WorkSessionView | null): WorkflowTicketView {
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
    approved_by: t.approvedBy,
    approved_at: iso(t.approvedAt),
    assigned_at: iso(t.assignedAt),
    started_at: iso(t.startedAt),
    done_at: iso(t.doneAt),
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

/** A stored version of the rules, or (null) the configured defaults as version 0. */
export function rulesView(version: RulesVersionEntity | null, defaults: WorkflowRules): RulesConfigView {
  if (!version) return { version: 0, ...defaults, changed_by: null, reason: 'defaults from configuration', created_at: null };
  return { version: version.version, ...version.config, changed_by: version.changedBy, reason: version.reason, created_at: version.createdAt.toISOString() };
}
