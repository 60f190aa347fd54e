import { Injectable } from '@nestjs/common';
import type { WorkflowRules } from '../config/workflow.config';
import { Transactions } from '../database/transactions';
import type { AuthContext } from '../identity/auth-context';
import { UsersService } from '../identity/users.service';
import { DomainEvent, OutboxService } from '../webhooks/outbox.service';
import { WorkSessionService } from '../work-session/work-session.service';
import { RulesService } from './rules.service';
import { allows, WorkflowAction, WorkflowStatus } from './workflow-rules';
import { ticketView, WorkflowTicketView } from './workflow-ticket.view';
import { TicketWithItem, WorkflowTicketsRepository } from './workflow-tickets.repository';
import { WorkflowTransitionsRepository } from './workflow-transitions.repository';
import { WorkflowError } from './workflow.errors';

/** What an action did to a ticket: recorded as a transition and published. */
export interface Step {
  action: string;
  from: WorkflowStatus | null;
  to: WorkflowStatus;
  note?: string;
  metadata?: Record<string, unknown>;
}

/**
 * The runner every ticket action shares (WorkflowService, WorkflowQcService): one transaction
 * that locks the ticket, applies the action, records it and answers the ticket as the
 * transaction leaves it, without reading anything again after the commit.
 */
@Injectable()
export class WorkflowActions {
  constructor(
    private readonly transactions: Transactions,
    private readonly tickets: WorkflowTicketsRepository,
    private readonly transitions: WorkflowTransitionsRepository,
    private readonly rules: RulesService,
    private readonly users: UsersService,
    private readonly sessions: WorkSessionService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * One action on one ticket in one transaction: load the rules, lock the row, check the action
   * is allowed from its status, apply it, save, append the transition, publish the event;
   * answer the ticket.
   */
  async act(auth: AuthContext, id: number, action: WorkflowAction, apply: (ticket: TicketWithItem, rules: WorkflowRules) => Promise<Step>): Promise<WorkflowTicketView> {
    return this.transactions.run(async () => {
      const rules = await this.rules.current();
      const ticket = await this.lock(id);
      if (!allows(action, ticket.status)) {
        throw WorkflowError.refused(`Action ${action.replace(/_/g, '-')} is not allowed while the ticket is ${ticket.status}.`);
      }
      const step = await apply(ticket, rules);
      await this.tickets.save(ticket);
      await this.record(auth, ticket.id, step);
      return this.view(ticket, rules);
    });
  }

  /** Appends the step to the ticket's transitions and publishes it (in the transaction in progress). */
  async record(auth: AuthContext, ticketId: number, step: Step): Promise<void> {
    const transition = await this.transitions.append({
      ticketId,
      fromStatus: step.from,
      toStatus: step.to,
      action: step.action,
      actorId: auth.userId,
      note: step.note ?? null,
      metadata: step.metadata ?? {},
    });
    const payload = {
      ticket_id: ticketId,
      from_status: step.from,
      to_status: step.to,
      action: step.action,
      actor: { id: auth.userId, name: auth.name },
      created_at: transition.createdAt.toISOString(),
    };
    const events: DomainEvent[] = [{ type: 'workflow.transition', aggregateType: 'workflow_ticket', aggregateId: ticketId, payload }];
    if (step.action === 'qc_pass' || step.action === 'qc_fail') {
      events.push({ type: step.action === 'qc_pass' ? 'workflow.qc_passed' : 'workflow.qc_failed', aggregateType: 'workflow_ticket', aggregateId: ticketId, payload: { ...payload, ...step.metadata } });
    }
    await this.outbox.publish(...events);
  }

  /** The ticket with its item, locked until the transaction in progress ends. */
  async lock(id: number): Promise<TicketWithItem> {
    const ticket = await this.tickets.lockWithItem(id);
    if (!ticket) throw WorkflowError.notFound('Ticket');
    return ticket;
  }

  async view(ticket: TicketWithItem, rules: WorkflowRules): Promise<WorkflowTicketView> {
    return (await this.views([ticket], rules))[0];
  }

  /** Tickets with their people and latest work sessions, in a fixed number of queries (no N+1). */
  async views(tickets: TicketWithItem[], rules: WorkflowRules): Promise<WorkflowTicketView[]> {
    const [users, latest] = await Promise.all([this.users.findSummaries(userIdsOf(tickets)), this.sessions.latestSummaries(tickets.map((t) => t.id), rules)]);
    return tickets.map((t) => ticketView(t, users, latest.get(t.id) ?? null));
  }
}

/** The users a ticket view names: its master, technician and approver. */
function userIdsOf(tickets: readonly TicketWithItem[]): number[] {
  return tickets.flatMap((t) => [t.masterId, t.technicianId, t.approvedBy].filter((id): id is number => id !== null));
}
