import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, Page, PageQuery } from '../common/pagination';
import { isUniqueViolation } from '../database/sql';
import { AuthContext, hasAnyRole } from '../identity/auth-context';
import { Role } from '../identity/roles';
import { UsersService } from '../identity/users.service';
import { OutboxService } from '../webhooks/outbox.service';
import { WorkSessionService } from '../work-session/work-session.service';
import { AssignWorkflowTicketDto, CreateWorkflowTicketDto, ListWorkflowTicketsQuery, ManualMetricsDto } from './dto/workflow.dto';
import { InventoryItemEntity } from './inventory-item.entity';
import { RulesService } from './rules.service';
import { allows, metricsOf, WorkflowAction, WorkflowStatus, xpFor } from './workflow-rules';
import { WorkflowTicketEntity } from './workflow-ticket.entity';
import { WorkflowTransitionEntity } from './workflow-transition.entity';
import { WorkflowError, WorkflowErrorCode } from './workflow.errors';
import { ticketView, transitionView } from './workflow.views';
import { XpEntryEntity, XpEntryType } from './xp-entry.entity';

interface Step {
  action: string;
  from: WorkflowStatus | null;
  to: WorkflowStatus;
  note?: string;
  metadata?: Record<string, unknown>;
}

/** Seed 004's ticket workflow: intake, approval, assignment, work, QC and XP. */
@Injectable()
export class WorkflowService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly sessions: WorkSessionService,
    private readonly rules: RulesService,
    private readonly outbox: OutboxService,
  ) {}

  async create(auth: AuthContext, dto: CreateWorkflowTicketDto) {
    const id = await this.dataSource.transaction(async (manager) => {
      const rules = await this.rules.current(manager);
      const item = await this.inventoryItemFor(manager, auth, dto);
      const metrics = metricsOf(dto.part_specs, rules.ticket_xp.base_divisor);
      let ticket: WorkflowTicketEntity;
      try {
        ticket = await manager.save(
          manager.create(WorkflowTicketEntity, {
            status: 'UNDER_REVIEW',
            title: dto.title ?? null,
            inventoryItemId: item.id,
            masterId: auth.userId,
            technicianId: null,
            partSpecs: dto.part_specs.map((p) => ({ name: p.name, color: p.color, minutes: p.minutes })),
            ...metrics,
          }),
        );
      } catch (err) {
        if (isUniqueViolation(err)) throw WorkflowError.refused(`Inventory item ${dto.serial_number} already has an active ticket.`);
        throw err;
      }
      await this.record(manager, auth, ticket, { action: 'create', from: null, to: 'UNDER_REVIEW' });
      return ticket.id;
    });
    return this.get(id);
  }

  /** Approves the ticket for assignment, optionally overriding flag_color and xp_amount. */
  async manualMetrics(auth: AuthContext, id: number, dto: ManualMetricsDto) {
    return this.act(auth, id, 'approve', async (manager, ticket) => {
      if (dto.flag_color !== undefined) ticket.flagColor = dto.flag_color;
      if (dto.xp_amount !== undefined) ticket.xpAmount = dto.xp_amount;
      if (dto.flag_color !== undefined || dto.xp_amount !== undefined) ticket.isManual = true;
      ticket.approvedBy = auth.userId;
      ticket.approvedAt = new Date();
      const from = ticket.status;
      if (from === 'UNDER_REVIEW') ticket.status = 'NEW';
      return { action: 'manual_metrics', from, to: ticket.status, metadata: { flag_color: ticket.flagColor, xp_amount: ticket.xpAmount } };
    });
  }

  async assign(auth: AuthContext, id: number, dto: AssignWorkflowTicketDto) {
    const technician = await this.users.findSummary(dto.technician_id);
    if (!technician || technician.disabled || !technician.roles.includes(Role.Technician)) {
      throw WorkflowError.refused(`User ${dto.technician_id} is not an active technician.`);
    }
    return this.act(auth, id, 'assign', async (_, ticket) => {
      if (!ticket.approvedAt) throw WorkflowError.refused('The ticket must be approved by an admin (manual-metrics) before it is assigned.');
      const from = ticket.status;
      ticket.technicianId = technician.id;
      ticket.assignedAt = new Date();
      ticket.status = 'ASSIGNED';
      return { action: 'assign', from, to: 'ASSIGNED', metadata: { technician_id: technician.id } };
    });
  }

  /** IN_PROGRESS, the inventory item IN_SERVICE, and a running work session for the technician. */
  async start(auth: AuthContext, id: number) {
    return this.act(auth, id, 'start', async (manager, ticket) => {
      this.assertAssignedTechnician(auth, ticket);
      const from = ticket.status;
      ticket.status = 'IN_PROGRESS';
      ticket.startedAt ??= new Date();
      try {
        await manager.save(ticket);
      } catch (err) {
        if (isUniqueViolation(err)) throw WorkflowError.refused('The technician already has a ticket in progress.');
        throw err;
      }
      await manager.update(InventoryItemEntity, { id: ticket.inventoryItemId }, { status: 'IN_SERVICE' });
      const session = await this.sessions.start(manager, ticket.id, ticket.technicianId!);
      return { action: 'start', from, to: 'IN_PROGRESS', metadata: { work_session_id: session.id } };
    });
  }

  async toWaitingQc(auth: AuthContext, id: number, note?: string) {
    return this.act(auth, id, 'to_waiting_qc', async (manager, ticket) => {
      this.assertAssignedTechnician(auth, ticket);
      const latest = await this.sessions.latestStatus(manager, ticket.id, await this.rules.current(manager));
      if (latest !== 'STOPPED') throw WorkflowError.refused('Stop the work session before sending the ticket to QC.');
      ticket.status = 'WAITING_QC';
      return { action: 'to_waiting_qc', from: 'IN_PROGRESS', to: 'WAITING_QC', note };
    });
  }

  /** DONE, inventory READY, and the XP entries, all in one transaction. */
  async qcPass(auth: AuthContext, id: number, note?: string) {
    return this.act(auth, id, 'qc_pass', async (manager, ticket) => {
      const rules = await this.rules.current(manager);
      const hadRework = await manager.getRepository(WorkflowTransitionEntity).exists({ where: { ticketId: ticket.id, action: 'qc_fail' } });
      const activeSeconds = await this.sessions.totalActiveSeconds(manager, ticket.id, rules);
      const firstPass = !hadRework && activeSeconds <= ticket.totalDuration * 60;
      ticket.status = 'DONE';
      ticket.doneAt = new Date();
      await manager.update(InventoryItemEntity, { id: ticket.inventoryItemId }, { status: 'READY' });
      const base = ticket.xpAmount > 0 ? ticket.xpAmount : xpFor(ticket.totalDuration, rules.ticket_xp.base_divisor);
      const payload = { ticket_id: ticket.id, active_seconds: activeSeconds, total_duration: ticket.totalDuration };
      await this.pay(manager, ticket.technicianId!, base, 'ticket_base_xp', `ticket_base_xp:${ticket.id}`, payload);
      await this.pay(manager, auth.userId, rules.ticket_xp.qc_status_update_xp, 'ticket_qc_status_update', `ticket_qc_status_update:${ticket.id}:pass`, payload);
      if (firstPass) {
        await this.pay(manager, ticket.technicianId!, rules.ticket_xp.first_pass_bonus, 'ticket_qc_first_pass_bonus', `ticket_qc_first_pass_bonus:${ticket.id}`, payload);
      }
      return { action: 'qc_pass', from: 'WAITING_QC', to: 'DONE', note, metadata: { first_pass: firstPass, active_seconds: activeSeconds } };
    });
  }

  async qcFail(auth: AuthContext, id: number, note?: string) {
    return this.act(auth, id, 'qc_fail', async (manager, ticket) => {
      const rules = await this.rules.current(manager);
      const fails = await manager.getRepository(WorkflowTransitionEntity).count({ where: { ticketId: ticket.id, action: 'qc_fail' } });
      ticket.status = 'REWORK';
      await this.pay(manager, auth.userId, rules.ticket_xp.qc_status_update_xp, 'ticket_qc_status_update', `ticket_qc_status_update:${ticket.id}:fail:${fails + 1}`, {
        ticket_id: ticket.id,
      });
      return { action: 'qc_fail', from: 'WAITING_QC', to: 'REWORK', note };
    });
  }

  /** Pause, resume or stop the ticket's work session (its technician, or a super_admin). */
  async sessionAction(auth: AuthContext, id: number, action: 'pause' | 'resume' | 'stop') {
    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.lockTicket(manager, id);
      this.assertAssignedTechnician(auth, ticket);
      if (ticket.status !== 'IN_PROGRESS') throw WorkflowError.refused(`Work sessions can only change while the ticket is IN_PROGRESS (it is ${ticket.status}).`);
      return this.sessions.act(manager, ticket.id, action, await this.rules.current(manager));
    });
  }

  async sessionHistory(id: number, query: PageQuery) {
    await this.requireTicket(id);
    const all = await this.sessions.history(id, await this.rules.current());
    return Page.of(all.slice(offsetOf(query), offsetOf(query) + query.page_size), all.length, query);
  }

  async get(id: number) {
    const ticket = await this.requireTicket(id);
    const [users, latest] = await Promise.all([this.users.findSummaries(userIdsOf([ticket])), this.sessions.latestByTicket([id], await this.rules.current())]);
    return ticketView(ticket, users, latest.get(id) ?? null);
  }

  /** The list with its relational context in a fixed number of queries (no N+1). */
  async list(query: ListWorkflowTicketsQuery) {
    const where = {
      ...(query.status && { status: query.status }),
      ...(query.technician && { technicianId: query.technician }),
      ...(query.inventory_item && { inventoryItemId: query.inventory_item }),
    };
    const [tickets, total] = await this.dataSource.getRepository(WorkflowTicketEntity).findAndCount({
      where,
      relations: { inventoryItem: true },
      order: { id: 'DESC' },
      skip: offsetOf(query),
      take: query.page_size,
    });
    const rules = await this.rules.current();
    const [users, latest] = await Promise.all([
      this.users.findSummaries(userIdsOf(tickets)),
      this.sessions.latestByTicket(tickets.map((t) => t.id), rules),
    ]);
    return Page.of(tickets.map((t) => ticketView(t, users, latest.get(t.id) ?? null)), total, query);
  }

  async transitions(id: number, query: PageQuery) {
    await this.requireTicket(id);
    const [rows, total] = await this.dataSource.getRepository(WorkflowTransitionEntity).findAndCount({
      where: { ticketId: id },
      order: { id: 'ASC' },
      skip: offsetOf(query),
      take: query.page_size,
    });
    const users = await this.users.findSummaries(rows.map((r) => r.actorId));
    return Page.of(rows.map((r) => transitionView(r, users)), total, query);
  }

  /**
   * One action on one ticket in one transaction: lock the row, check the action is allowed from
   * its status, apply it, save, append the transition, publish the event; answer the ticket.
   */
  private async act(auth: AuthContext, id: number, action: WorkflowAction, apply: (manager: EntityManager, ticket: WorkflowTicketEntity) => Promise<Step>) {
    await this.dataSource.transaction(async (manager) => {
      const ticket = await this.lockTicket(manager, id);
      if (!allows(action, ticket.status)) {
        throw WorkflowError.refused(`Action ${action.replace(/_/g, '-')} is not allowed while the ticket is ${ticket.status}.`);
      }
      const step = await apply(manager, ticket);
      await manager.save(ticket);
      await this.record(manager, auth, ticket, step);
    });
    return this.get(id);
  }

  private async record(manager: EntityManager, auth: AuthContext, ticket: WorkflowTicketEntity, step: Step): Promise<void> {
    const transition = await manager.save(
      manager.create(WorkflowTransitionEntity, {
        ticketId: ticket.id,
        fromStatus: step.from,
        toStatus: step.to,
        action: step.action,
        actorId: auth.userId,
        note: step.note ?? null,
        metadata: step.metadata ?? {},
      }),
    );
    const payload = {
      ticket_id: ticket.id,
      from_status: step.from,
      to_status: step.to,
      action: step.action,
      actor: { id: auth.userId, name: auth.name },
      created_at: transition.createdAt.toISOString(),
    };
    const events = [{ type: 'workflow.transition', aggregateType: 'workflow_ticket', aggregateId: ticket.id, payload }];
    if (step.action === 'qc_pass' || step.action === 'qc_fail') {
      events.push({ type: step.action === 'qc_pass' ? 'workflow.qc_passed' : 'workflow.qc_failed', aggregateType: 'workflow_ticket', aggregateId: ticket.id, payload: { ...payload, ...step.metadata } });
    }
    await this.outbox.publish(...events);
  }

  private async pay(manager: EntityManager, userId: number, amount: number, entryType: XpEntryType, reference: string, payload: Record<string, any>): Promise<void> {
    if (amount <= 0) return;
    try {
      await manager.insert(XpEntryEntity, { userId, amount, entryType, reference, payload });
    } catch (err) {
      if (isUniqueViolation(err)) throw WorkflowError.refused(`XP ${reference} was already paid.`);
      throw err;
    }
  }

  private assertAssignedTechnician(auth: AuthContext, ticket: WorkflowTicketEntity): void {
    if (hasAnyRole(auth, [Role.SuperAdmin])) return;
    if (ticket.technicianId !== auth.userId) {
      throw new WorkflowError(WorkflowErrorCode.FORBIDDEN, 'Only the technician assigned to this ticket (or a super_admin) may do this.');
    }
  }

  private async lockTicket(manager: EntityManager, id: number): Promise<WorkflowTicketEntity> {
    const ticket = await manager.getRepository(WorkflowTicketEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!ticket) throw WorkflowError.notFound('Ticket');
    return ticket;
  }

  private async requireTicket(id: number): Promise<WorkflowTicketEntity> {
    const ticket = await this.dataSource.getRepository(WorkflowTicketEntity).findOne({ where: { id }, relations: { inventoryItem: true } });
    if (!ticket) throw WorkflowError.notFound('Ticket');
    return ticket;
  }

  /** The ticket's inventory item: known, or created on explicit confirmation; never an archived one. */
  private async inventoryItemFor(manager: EntityManager, auth: AuthContext, dto: CreateWorkflowTicketDto): Promise<InventoryItemEntity> {
    const items = manager.getRepository(InventoryItemEntity);
    const existing = await items.findOneBy({ serialNumber: dto.serial_number });
    if (existing?.status === 'ARCHIVED') {
      throw WorkflowError.refused(
        `Inventory item ${dto.serial_number} is archived. Restore it with POST /api/v1/inventory/items/${existing.id}/restore/ before creating a ticket.`,
      );
    }
    if (existing) return existing;
    if (!dto.confirm_create || !dto.create_reason?.trim()) {
      throw WorkflowError.refused(`Unknown serial number ${dto.serial_number}: send confirm_create=true and a create_reason to create the inventory item.`);
    }
    try {
      return await items.save(items.create({ serialNumber: dto.serial_number, status: 'READY', createReason: dto.create_reason.trim(), createdBy: auth.userId }));
    } catch (err) {
      if (isUniqueViolation(err)) throw WorkflowError.refused(`Inventory item ${dto.serial_number} was just created by another request; try again.`);
      throw err;
    }
  }
}

function userIdsOf(tickets: WorkflowTicketEntity[]): number[] {
  return tickets.flatMap((t) => (t.technicianId ? [t.masterId, t.technicianId] : [t.masterId]));
}

