import { Injectable } from '@nestjs/common';
import { offsetOf, Page } from '../common/pagination';
import { PageQuery } from '../common/page-query.dto';
import { isUniqueViolation } from '../database/sql';
import { Transactions } from '../database/transactions';
import { AuthContext, hasAnyRole } from '../identity/auth-context';
import { Role } from '../identity/roles';
import { UsersService } from '../identity/users.service';
import type { SessionHistoryEntryView, WorkSessionView } from '../work-session/work-session.view';
import { SessionCommand, WorkSessionService } from '../work-session/work-session.service';
import { AssignWorkflowTicketDto, CreateWorkflowTicketDto, ListWorkflowTicketsQuery, ManualMetricsDto } from './dto/workflow.dto';
import type { InventoryItemEntity } from './inventory-item.entity';
import { InventoryItemsRepository } from './inventory-items.repository';
import { RulesService } from './rules.service';
import { WorkflowActions } from './workflow-actions';
import { metricsOf } from './workflow-rules';
import type { WorkflowTicketEntity } from './workflow-ticket.entity';
import { TicketWithItem, WorkflowTicketsRepository } from './workflow-tickets.repository';
import { WorkflowTransitionsRepository } from './workflow-transitions.repository';
import { WorkflowError } from './workflow.errors';
import { ticketRowView, transitionView, WorkflowTicketView, WorkflowTransitionView } from './workflow-ticket.view';

/** Seed 004's ticket workflow: intake, approval, assignment, work and its sessions (QC: WorkflowQcService). */
@Injectable()
export class WorkflowService {
  constructor(
    private readonly transactions: Transactions,
    private readonly actions: WorkflowActions,
    private readonly tickets: WorkflowTicketsRepository,
    private readonly transitionLog: WorkflowTransitionsRepository,
    private readonly items: InventoryItemsRepository,
    private readonly users: UsersService,
    private readonly sessions: WorkSessionService,
    private readonly rules: RulesService,
  ) {}

  async create(auth: AuthContext, dto: CreateWorkflowTicketDto): Promise<WorkflowTicketView> {
    return this.transactions.run(async () => {
      const rules = await this.rules.current();
      const inventoryItem = await this.inventoryItemFor(auth, dto);
      let ticket: TicketWithItem;
      try {
        ticket = await this.tickets.insert({
          status: 'UNDER_REVIEW',
          title: dto.title ?? null,
          inventoryItem,
          masterId: auth.userId,
          partSpecs: dto.part_specs.map((p) => ({ name: p.name, color: p.color, minutes: p.minutes })),
          ...metricsOf(dto.part_specs, rules.ticket_xp.base_divisor),
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw WorkflowError.refused(`Inventory item ${dto.serial_number} already has an active ticket.`);
        throw err;
      }
      await this.actions.record(auth, ticket.id, { action: 'create', from: null, to: 'UNDER_REVIEW' });
      return this.actions.view(ticket, rules);
    });
  }

  /** Approves the ticket for assignment, optionally overriding flag_color and xp_amount. */
  async manualMetrics(auth: AuthContext, id: number, dto: ManualMetricsDto): Promise<WorkflowTicketView> {
    return this.actions.act(auth, id, 'approve', async (ticket) => {
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

  async assign(auth: AuthContext, id: number, dto: AssignWorkflowTicketDto): Promise<WorkflowTicketView> {
    const technician = await this.users.findSummary(dto.technician_id);
    if (!technician || technician.disabled || !technician.roles.includes(Role.Technician)) {
      throw WorkflowError.refused(`User ${dto.technician_id} is not an active technician.`);
    }
    return this.actions.act(auth, id, 'assign', async (ticket) => {
      if (!ticket.approvedAt) throw WorkflowError.refused('The ticket must be approved by an admin (manual-metrics) before it is assigned.');
      const from = ticket.status;
      ticket.technicianId = technician.id;
      ticket.assignedAt = new Date();
      ticket.status = 'ASSIGNED';
      return { action: 'assign', from, to: 'ASSIGNED', metadata: { technician_id: technician.id } };
    });
  }

  /** IN_PROGRESS, the inventory item IN_SERVICE, and a running work session for the technician. */
  async start(auth: AuthContext, id: number): Promise<WorkflowTicketView> {
    return this.actions.act(auth, id, 'start', async (ticket) => {
      this.assertAssignedTechnician(auth, ticket);
      const from = ticket.status;
      ticket.status = 'IN_PROGRESS';
      ticket.startedAt ??= new Date();
      // Saved here rather than only by act(): the one-in-progress-per-technician index speaks now, with its own message.
      try {
        await this.tickets.save(ticket);
      } catch (err) {
        if (isUniqueViolation(err)) throw WorkflowError.refused('The technician already has a ticket in progress.');
        throw err;
      }
      await this.items.setStatus(ticket.inventoryItem, 'IN_SERVICE');
      const sessionId = await this.sessions.start(ticket.id, ticket.technicianId!);
      return { action: 'start', from, to: 'IN_PROGRESS', metadata: { work_session_id: sessionId } };
    });
  }

  async toWaitingQc(auth: AuthContext, id: number, note?: string): Promise<WorkflowTicketView> {
    return this.actions.act(auth, id, 'to_waiting_qc', async (ticket, rules) => {
      this.assertAssignedTechnician(auth, ticket);
      if ((await this.sessions.latestStatus(ticket.id, rules)) !== 'STOPPED') throw WorkflowError.refused('Stop the work session before sending the ticket to QC.');
      ticket.status = 'WAITING_QC';
      return { action: 'to_waiting_qc', from: 'IN_PROGRESS', to: 'WAITING_QC', note };
    });
  }

  /** Pause, resume or stop the ticket's work session (its technician, or a super_admin). */
  async sessionAction(auth: AuthContext, id: number, command: SessionCommand): Promise<WorkSessionView> {
    return this.transactions.run(async () => {
      const rules = await this.rules.current();
      const ticket = await this.actions.lock(id);
      this.assertAssignedTechnician(auth, ticket);
      if (ticket.status !== 'IN_PROGRESS') throw WorkflowError.refused(`Work sessions can only change while the ticket is IN_PROGRESS (it is ${ticket.status}).`);
      return this.sessions.act(ticket.id, command, rules);
    });
  }

  async sessionHistory(id: number, query: PageQuery): Promise<Page<SessionHistoryEntryView>> {
    await this.requireTicket(id);
    const all = await this.sessions.history(id, await this.rules.current());
    return Page.of(all.slice(offsetOf(query), offsetOf(query) + query.page_size), all.length, query);
  }

  /** The ticket in two statements: its row (item, people, rules in force), then its latest work session. */
  async get(id: number): Promise<WorkflowTicketView> {
    const found = await this.tickets.readOne(id);
    if (!found) throw WorkflowError.notFound('Ticket');
    const latest = await this.sessions.latestSummaries([found.row.id], this.rules.inForce(found.context.storedRules));
    return ticketRowView(found.row, latest.get(found.row.id) ?? null);
  }

  /** A page in two statements whatever its size: the rows (item, people, total, rules), then the latest work sessions. */
  async list(query: ListWorkflowTicketsQuery): Promise<Page<WorkflowTicketView>> {
    const { page, context } = await this.tickets.readPage({ status: query.status, technicianId: query.technician, inventoryItemId: query.inventory_item }, query);
    const latest = await this.sessions.latestSummaries(
      page.items.map((t) => t.id),
      this.rules.inForce(context.storedRules),
    );
    return page.map((t) => ticketRowView(t, latest.get(t.id) ?? null));
  }

  async transitions(id: number, query: PageQuery): Promise<Page<WorkflowTransitionView>> {
    await this.requireTicket(id);
    const page = await this.transitionLog.page(id, query);
    const users = await this.users.findSummaries(page.items.map((r) => r.actorId));
    return page.map((r) => transitionView(r, users));
  }

  private assertAssignedTechnician(auth: AuthContext, ticket: WorkflowTicketEntity): void {
    if (hasAnyRole(auth, [Role.SuperAdmin])) return;
    if (ticket.technicianId !== auth.userId) throw WorkflowError.forbidden('Only the technician assigned to this ticket (or a super_admin) may do this.');
  }

  private async requireTicket(id: number): Promise<void> {
    if (!(await this.tickets.exists(id))) throw WorkflowError.notFound('Ticket');
  }

  /** The ticket's inventory item: known, or created on explicit confirmation; never an archived one. */
  private async inventoryItemFor(auth: AuthContext, dto: CreateWorkflowTicketDto): Promise<InventoryItemEntity> {
    const existing = await this.items.findBySerial(dto.serial_number);
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
      return await this.items.insert(dto.serial_number, dto.create_reason.trim(), auth.userId);
    } catch (err) {
      if (isUniqueViolation(err)) throw WorkflowError.refused(`Inventory item ${dto.serial_number} was just created by another request; try again.`);
      throw err;
    }
  }
}
