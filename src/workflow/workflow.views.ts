import type { UserSummary } from '../identity/users.service';
import type { SessionView } from '../work-session/work-session.service';
import type { WorkflowTicketEntity } from './workflow-ticket.entity';
import type { WorkflowTransitionEntity } from './workflow-transition.entity';
import type { XpEntryEntity } from './xp-entry.entity';
import type { InventoryItemEntity } from './inventory-item.entity';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const who = (u: UserSummary | undefined) => (u ? { id: u.id, name: u.name } : null);

export function inventoryView(i: InventoryItemEntity) {
  return { id: i.id, serial_number: i.serialNumber, status: i.status, created_at: iso(i.createdAt), updated_at: iso(i.updatedAt) };
}

export function ticketView(t: WorkflowTicketEntity, users: Map<number, UserSummary>, latest?: SessionView | null) {
  return {
    id: t.id,
    status: t.status,
    title: t.title,
    inventory_item: t.inventoryItem ? { id: t.inventoryItem.id, serial_number: t.inventoryItem.serialNumber, status: t.inventoryItem.status } : null,
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
    created_at: iso(t.createdAt),
    updated_at: iso(t.updatedAt),
    ...(latest !== undefined && {
      latest_work_session: latest ? { id: latest.id, status: latest.status, active_seconds: latest.active_seconds } : null,
    }),
  };
}

export function transitionView(tr: WorkflowTransitionEntity, users: Map<number, UserSummary>) {
  return {
    id: Number(tr.id),
    from_status: tr.fromStatus,
    to_status: tr.toStatus,
    action: tr.action,
    actor: who(users.get(tr.actorId)),
    note: tr.note,
    metadata: tr.metadata,
    created_at: iso(tr.createdAt),
  };
}

export function xpView(x: XpEntryEntity) {
  return { id: Number(x.id), user_id: x.userId, amount: x.amount, entry_type: x.entryType, reference: x.reference, payload: x.payload, created_at: iso(x.createdAt) };
}
