import { Inject, Injectable } from '@nestjs/common';
import { CursorCodec } from '../common/cursor';
import { ConfigType } from '@nestjs/config';
import { Page } from '../common/pagination';
import { PageQuery } from '../common/page-query.dto';
import { isoSeconds } from '../common/time';
import { appConfig } from '../config/app.config';
import { supportConfig } from '../config/support.config';
import { Transactions } from '../database/transactions';
import type { AuthContext } from '../identity/auth-context';
import { Role } from '../identity/roles';
import { UsersService, type UserSummary } from '../identity/users.service';
import { DomainEvent, OutboxService } from '../webhooks/outbox.service';
import { CreateTicketDto } from './dto/create-ticket.dto';
import { ListTicketsQuery } from './dto/list-tickets.query.dto';
import { AssignTicketDto, UpdatePriorityDto, UpdateStatusDto } from './dto/ticket-actions.dto';
import { slaDueTime } from './sla-policy';
import { SupportCommentsRepository } from './support-comments.repository';
import { ticketEvent } from './support-events';
import type { TrackedField } from './support-ticket-change.entity';
import { SupportTicketChangesRepository } from './support-ticket-changes.repository';
import type { SupportTicketEntity } from './support-ticket.entity';
import {
  TicketAssignedView,
  TicketChangeView,
  ticketChangeView,
  TicketClosedView,
  TicketCreatedView,
  ticketCreatedView,
  TicketDetailView,
  ticketDetailView,
  TicketListItemView,
  ticketListItemView,
  TicketPriorityChangedView,
  TicketReopenedView,
  TicketStatusChangedView,
} from './support-ticket.view';
import { SupportTicketsRepository } from './support-tickets.repository';
import { SupportError, SupportErrorCode } from './support-tickets.errors';
import { listCursorScope, TicketPage } from './ticket-cursor';
import { canTransition, supportTier, TicketStatus } from './ticket-rules';

interface Change {
  field: TrackedField;
  oldValue: string | null;
  newValue: string | null;
}

/** What one change to a ticket does: its history entries, its events, and the route's answer. */
interface Mutation<R> {
  changes: Change[];
  events: (ticket: SupportTicketEntity, creator: UserSummary | undefined) => DomainEvent[];
  result: (ticket: SupportTicketEntity) => R;
}

/** The help-desk rules of seed 001: visibility, the status machine, SLA, history and events. */
@Injectable()
export class SupportTicketsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly tickets: SupportTicketsRepository,
    private readonly changes: SupportTicketChangesRepository,
    private readonly comments: SupportCommentsRepository,
    private readonly users: UsersService,
    private readonly outbox: OutboxService,
    private readonly cursors: CursorCodec,
    @Inject(supportConfig.KEY) private readonly config: ConfigType<typeof supportConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async create(auth: AuthContext, dto: CreateTicketDto): Promise<TicketCreatedView> {
    // Read before the transaction: it holds the day's number counter until it commits.
    const creator = (await this.users.findSummary(auth.userId)) ?? undefined;
    return this.transactions.run(async () => {
      const now = new Date();
      const ticket = await this.tickets.insert({
        number: await this.tickets.nextNumber(now),
        title: dto.title,
        description: dto.description,
        category: dto.category,
        priority: dto.priority,
        status: 'new',
        creatorId: auth.userId,
        assigneeId: null,
        tags: dto.tags ?? [],
        metadata: dto.metadata ?? {},
        slaDueTime: slaDueTime(now, dto.priority, this.config.sla),
        createdAt: now,
        updatedAt: now,
      });
      await this.outbox.publish(ticketEvent('ticket.created', ticket, creator, this.app.publicAppUrl));
      return ticketCreatedView(ticket);
    });
  }

  /** The ticket with its people and comment count, in one statement (internal comments count for agents and admins). */
  async get(auth: AuthContext, id: number): Promise<TicketDetailView> {
    const detail = (await this.tickets.readDetail(auth, id, supportTier(auth.roles) !== 'user')) ?? notFound(id);
    return ticketDetailView(detail.ticket, new Map(detail.people.map((u) => [u.id, u])), detail.commentsCount);
  }

  async list(auth: AuthContext, query: ListTicketsQuery): Promise<TicketPage<TicketListItemView>> {
    if (query.creator_id !== undefined && supportTier(auth.roles) !== 'admin') {
      throw SupportError.forbidden('Only admins may filter by creator_id');
    }
    const scope = listCursorScope(query.sort_by, query.sort_order);
    const after = query.cursor === undefined ? null : this.cursors.decode(scope, query.cursor);
    const found = await this.tickets.list(auth, query, after && { value: String(after[0]), id: Number(after[1]) });
    const next = found.last && this.cursors.encode(scope, [found.last.value, found.last.id]);
    return new TicketPage(found.rows.map(ticketListItemView), found.total, query.page, query.page_size, found.estimated, next);
  }

  async assign(auth: AuthContext, id: number, dto: AssignTicketDto): Promise<TicketAssignedView> {
    const assignee = await this.users.findSummary(dto.assignee_id);
    if (!assignee || assignee.disabled || !(assignee.roles.includes(Role.Agent) || assignee.roles.includes(Role.Admin))) {
      throw new SupportError(SupportErrorCode.ASSIGNEE_NOT_FOUND, `User ${dto.assignee_id} is not an active agent or admin`, { assignee_id: dto.assignee_id });
    }
    return this.mutate(auth, id, undefined, (ticket) => {
      if (ticket.status === 'closed') throw invalidTransition(ticket.status, 'assigned', 'a closed ticket cannot be assigned; reopen it first');
      const old = ticket.status;
      const changes: Change[] = [{ field: 'assignee', oldValue: str(ticket.assigneeId), newValue: String(assignee.id) }];
      if (ticket.status === 'new') changes.push(this.moveTo(ticket, 'open', auth));
      ticket.assigneeId = assignee.id;
      return {
        changes,
        events: (t, creator) => [
          ticketEvent('ticket.assigned', t, creator, this.app.publicAppUrl, { assignee: { id: assignee.id, name: assignee.name, email: assignee.email } }),
          ...(t.status === old ? [] : this.statusEvents(t, creator, old)),
        ],
        result: (t) => ({ ticket_id: t.id, assignee_id: assignee.id, status: t.status, updated_at: isoSeconds(t.updatedAt) }),
      };
    });
  }

  changeStatus(auth: AuthContext, id: number, dto: UpdateStatusDto): Promise<TicketStatusChangedView> {
    const enteredByAssignment = (ticket: SupportTicketEntity) => {
      if (dto.status === 'open' && ticket.status === 'new') throw invalidTransition(ticket.status, dto.status, 'a ticket becomes open when it is assigned');
    };
    return this.moveStatus(auth, id, dto.status, dto.reason, enteredByAssignment, (t, old) => ({
      ticket_id: t.id,
      old_status: old,
      new_status: t.status,
      updated_at: isoSeconds(t.updatedAt),
    }));
  }

  changePriority(auth: AuthContext, id: number, dto: UpdatePriorityDto): Promise<TicketPriorityChangedView> {
    return this.mutate(auth, id, dto.reason, (ticket) => {
      const old = ticket.priority;
      ticket.priority = dto.priority;
      ticket.slaDueTime = slaDueTime(ticket.createdAt, dto.priority, this.config.sla);
      return {
        changes: old === dto.priority ? [] : [{ field: 'priority', oldValue: old, newValue: dto.priority }],
        events: () => [],
        result: (t) => ({ ticket_id: t.id, old_priority: old, new_priority: t.priority, sla_due_time: isoSeconds(t.slaDueTime), updated_at: isoSeconds(t.updatedAt) }),
      };
    });
  }

  /** Agents and admins close any visible ticket; a creator may close their own. */
  close(auth: AuthContext, id: number, reason?: string): Promise<TicketClosedView> {
    return this.moveStatus(auth, id, 'closed', reason, this.creatorOrStaff(auth, 'close'), (t) => ({
      ticket_id: t.id,
      status: t.status,
      closed_at: isoSeconds(t.closedAt!),
    }));
  }

  /** The creator, agents and admins reopen a resolved or closed ticket. */
  reopen(auth: AuthContext, id: number, reason?: string): Promise<TicketReopenedView> {
    return this.moveStatus(auth, id, 'reopened', reason, this.creatorOrStaff(auth, 'reopen'), (t) => ({
      ticket_id: t.id,
      status: t.status,
      updated_at: isoSeconds(t.updatedAt),
    }));
  }

  async remove(id: number): Promise<void> {
    if (!(await this.tickets.delete(id))) throw SupportError.ticketNotFound(id);
  }

  async history(auth: AuthContext, id: number, query: PageQuery): Promise<Page<TicketChangeView>> {
    await this.requireVisible(auth, id);
    const page = await this.changes.page(id, query);
    const users = await this.users.findSummaries(page.items.map((c) => c.actorId));
    return page.map((c) => ticketChangeView(c, users.get(c.actorId)));
  }

  /** The ticket if the caller may see it; else TICKET_NOT_FOUND (also when it exists: no leak). */
  async requireVisible(auth: AuthContext, id: number): Promise<SupportTicketEntity> {
    return (await this.tickets.findVisible(auth, id)) ?? notFound(id);
  }

  /** As requireVisible, locked until the transaction ends: call inside Transactions.run. */
  async lockVisible(auth: AuthContext, id: number): Promise<SupportTicketEntity> {
    return (await this.tickets.lockVisible(auth, id)) ?? notFound(id);
  }

  /** Records the first agent/admin response on a ticket (a public comment); call inside Transactions.run. */
  async recordResponse(ticket: SupportTicketEntity, auth: AuthContext): Promise<void> {
    if (this.markResponded(ticket, auth)) await this.tickets.setResponseTime(ticket.id, ticket.responseTime!);
  }

  /** Marks the first agent/admin response (a public comment or a status change); true when it did. */
  private markResponded(ticket: SupportTicketEntity, auth: AuthContext, at = new Date()): boolean {
    if (ticket.responseTime !== null || supportTier(auth.roles) === 'user') return false;
    ticket.responseTime = at;
    return true;
  }

  /** Applies one status change from the transition table, with its timestamps. */
  private moveTo(ticket: SupportTicketEntity, to: TicketStatus, auth: AuthContext): Change {
    const from = ticket.status;
    if (!canTransition(from, to)) throw invalidTransition(from, to);
    const now = new Date();
    ticket.status = to;
    if (to === 'resolved') ticket.resolvedTime = now;
    if (to === 'closed') ticket.closedAt = now;
    if (to === 'reopened') {
      ticket.resolvedTime = null;
      ticket.closedAt = null;
    }
    this.markResponded(ticket, auth, now);
    return { field: 'status', oldValue: from, newValue: to };
  }

  /** A user may act on their own tickets only; agents and admins on any they see. */
  private creatorOrStaff(auth: AuthContext, action: string): (ticket: SupportTicketEntity) => void {
    return (ticket) => {
      if (supportTier(auth.roles) === 'user' && ticket.creatorId !== auth.userId) throw SupportError.forbidden(`Only the creator, agents and admins may ${action} a ticket`);
    };
  }

  /** One move along the transition table (status, close, reopen): `check` first, then the move, its history entry and events. */
  private moveStatus<R>(
    auth: AuthContext,
    id: number,
    to: TicketStatus,
    reason: string | undefined,
    check: (ticket: SupportTicketEntity) => void,
    result: (ticket: SupportTicketEntity, old: TicketStatus) => R,
  ): Promise<R> {
    return this.mutate(auth, id, reason, (ticket) => {
      check(ticket);
      const old = ticket.status;
      return {
        changes: [this.moveTo(ticket, to, auth)],
        events: (t, creator) => this.statusEvents(t, creator, old, reason),
        result: (t) => result(t, old),
      };
    });
  }

  private statusEvents(t: SupportTicketEntity, creator: UserSummary | undefined, old: string, reason?: string): DomainEvent[] {
    const extra = { old_status: old, new_status: t.status, reason: reason ?? null };
    const events = [ticketEvent('ticket.status_changed', t, creator, this.app.publicAppUrl, extra)];
    if (t.status === 'closed') events.push(ticketEvent('ticket.closed', t, creator, this.app.publicAppUrl, { ...extra, closed_at: isoSeconds(t.closedAt) }));
    if (t.status === 'reopened') events.push(ticketEvent('ticket.reopened', t, creator, this.app.publicAppUrl, extra));
    return events;
  }

  /**
   * One change to one ticket, in one transaction: lock the visible row, apply `work`, save,
   * append the history, publish the events. A ticket the caller cannot see is a 404.
   */
  private mutate<R>(auth: AuthContext, id: number, reason: string | undefined, work: (ticket: SupportTicketEntity) => Mutation<R>): Promise<R> {
    return this.transactions.run(async () => {
      const ticket = await this.lockVisible(auth, id);
      const { changes, events, result } = work(ticket);
      ticket.updatedAt = new Date();
      await this.tickets.save(ticket);
      await this.changes.append(changes.map((c) => ({ ...c, ticketId: id, actorId: auth.userId, reason: reason ?? null })));
      const creator = (await this.users.findSummary(ticket.creatorId)) ?? undefined;
      await this.outbox.publish(...events(ticket, creator));
      return result(ticket);
    });
  }
}

function notFound(id: number): never {
  throw SupportError.ticketNotFound(id);
}

function invalidTransition(from: string, to: string, why?: string): SupportError {
  return new SupportError(SupportErrorCode.INVALID_STATUS_TRANSITION, why ? `Cannot move from ${from} to ${to}: ${why}` : `Cannot move from ${from} to ${to}`, {
    current_status: from,
    requested: to,
  });
}

const str = (v: number | null): string | null => (v === null ? null : String(v));
