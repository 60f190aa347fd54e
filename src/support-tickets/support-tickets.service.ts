import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import { offsetOf, Page, PageQuery } from '../common/pagination';
import { appConfig } from '../config/app.config';
import { supportConfig } from '../config/support.config';
import type { AuthContext } from '../identity/auth-context';
import { Role } from '../identity/roles';
import { UsersService } from '../identity/users.service';
import { DomainEvent, OutboxService } from '../webhooks/outbox.service';
import { CreateTicketDto } from './dto/create-ticket.dto';
import { ListTicketsQuery } from './dto/list-tickets.query.dto';
import { AssignTicketDto, UpdatePriorityDto, UpdateStatusDto } from './dto/ticket-actions.dto';
import { slaDueTime } from './sla-policy';
import { ticketEvent } from './support-events';
import { SupportTicketChangeEntity, TrackedField } from './support-ticket-change.entity';
import { SupportTicketEntity } from './support-ticket.entity';
import { ticketDetail, ticketListItem } from './support-ticket.views';
import { SupportTicketsRepository } from './support-tickets.repository';
import { SupportError, SupportErrorCode } from './support-tickets.errors';
import { canTransition, supportTier, TicketStatus } from './ticket-rules';
import { isoSeconds } from '../common/time';

interface Change {
  field: TrackedField;
  oldValue: string | null;
  newValue: string | null;
}

/** The help-desk rules of seed 001: visibility, the status machine, SLA, history and events. */
@Injectable()
export class SupportTicketsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tickets: SupportTicketsRepository,
    private readonly users: UsersService,
    private readonly outbox: OutboxService,
    @Inject(supportConfig.KEY) private readonly config: ConfigType<typeof supportConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  async create(auth: AuthContext, dto: CreateTicketDto) {
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const ticket = manager.create(SupportTicketEntity, {
        number: await this.tickets.nextNumber(manager, now),
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
      await manager.save(ticket);
      const creator = await this.users.findSummary(auth.userId);
      await this.outbox.publish(ticketEvent('ticket.created', ticket, creator ?? undefined, this.app.publicAppUrl));
      return {
        ticket_id: ticket.id,
        number: ticket.number,
        title: ticket.title,
        status: ticket.status,
        priority: ticket.priority,
        sla_due_time: isoSeconds(ticket.slaDueTime),
        created_at: isoSeconds(ticket.createdAt),
      };
    });
  }

  async get(auth: AuthContext, id: number) {
    const ticket = await this.requireVisible(auth, id);
    const [users, commentsCount] = await Promise.all([
      this.users.findSummaries([ticket.creatorId, ...(ticket.assigneeId ? [ticket.assigneeId] : [])]),
      this.tickets.countComments(id, supportTier(auth.roles) !== 'user'),
    ]);
    return ticketDetail(ticket, users, commentsCount);
  }

  async list(auth: AuthContext, query: ListTicketsQuery) {
    if (query.creator_id !== undefined && supportTier(auth.roles) !== 'admin') {
      throw SupportError.forbidden('Only admins may filter by creator_id');
    }
    const { rows, total } = await this.tickets.list(auth, query);
    return Page.of(rows.map(ticketListItem), total, query);
  }

  async assign(auth: AuthContext, id: number, dto: AssignTicketDto) {
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
        result: (t) => ({ ticket_id: t.id, assignee_id: t.assigneeId, status: t.status, updated_at: isoSeconds(t.updatedAt) }),
      };
    });
  }

  async changeStatus(auth: AuthContext, id: number, dto: UpdateStatusDto) {
    return this.mutate(auth, id, dto.reason, (ticket) => {
      const old = ticket.status;
      if (dto.status === 'open' && old === 'new') throw invalidTransition(old, dto.status, 'a ticket becomes open when it is assigned');
      const change = this.moveTo(ticket, dto.status, auth);
      return {
        changes: [change],
        events: (t, creator) => this.statusEvents(t, creator, old, dto.reason),
        result: (t) => ({ ticket_id: t.id, old_status: old, new_status: t.status, updated_at: isoSeconds(t.updatedAt) }),
      };
    });
  }

  async changePriority(auth: AuthContext, id: number, dto: UpdatePriorityDto) {
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
  async close(auth: AuthContext, id: number, reason?: string) {
    return this.mutate(auth, id, reason, (ticket) => {
      if (supportTier(auth.roles) === 'user' && ticket.creatorId !== auth.userId) throw SupportError.forbidden('Only the creator, agents and admins may close a ticket');
      const old = ticket.status;
      const change = this.moveTo(ticket, 'closed', auth);
      return {
        changes: [change],
        events: (t, creator) => this.statusEvents(t, creator, old, reason),
        result: (t) => ({ ticket_id: t.id, status: t.status, closed_at: isoSeconds(t.closedAt) }),
      };
    });
  }

  /** The creator, agents and admins reopen a resolved or closed ticket. */
  async reopen(auth: AuthContext, id: number, reason?: string) {
    return this.mutate(auth, id, reason, (ticket) => {
      if (supportTier(auth.roles) === 'user' && ticket.creatorId !== auth.userId) throw SupportError.forbidden('Only the creator, agents and admins may reopen a ticket');
      const old = ticket.status;
      const change = this.moveTo(ticket, 'reopened', auth);
      return {
        changes: [change],
        events: (t, creator) => this.statusEvents(t, creator, old, reason),
        result: (t) => ({ ticket_id: t.id, status: t.status, updated_at: isoSeconds(t.updatedAt) }),
      };
    });
  }

  async remove(id: number): Promise<void> {
    const result = await this.dataSource.getRepository(SupportTicketEntity).delete({ id });
    if (!result.affected) throw SupportError.ticketNotFound(id);
  }

  async history(auth: AuthContext, id: number, query: PageQuery) {
    await this.requireVisible(auth, id);
    const [rows, total] = await this.dataSource.getRepository(SupportTicketChangeEntity).findAndCount({
      where: { ticketId: id },
      order: { id: 'ASC' },
      skip: offsetOf(query),
      take: query.page_size,
    });
    const users = await this.users.findSummaries(rows.map((r) => r.actorId));
    return Page.of(
      rows.map((r) => ({
        id: Number(r.id),
        field: r.field,
        old_value: r.oldValue,
        new_value: r.newValue,
        actor: users.has(r.actorId) ? { id: r.actorId, name: users.get(r.actorId)!.name } : null,
        reason: r.reason,
        created_at: isoSeconds(r.createdAt),
      })),
      total,
      query,
    );
  }

  async requireVisible(auth: AuthContext, id: number, manager?: EntityManager, lock = false): Promise<SupportTicketEntity> {
    const ticket = await this.tickets.findVisible(auth, id, manager, lock);
    if (!ticket) throw SupportError.ticketNotFound(id);
    return ticket;
  }

  /** Marks the first agent/admin response on a ticket (a public comment or a status change); true when it did. */
  markResponded(ticket: SupportTicketEntity, auth: AuthContext, at = new Date()): boolean {
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

  private statusEvents(t: SupportTicketEntity, creator: Parameters<typeof ticketEvent>[2], old: string, reason?: string): DomainEvent[] {
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
  private mutate<R>(
    auth: AuthContext,
    id: number,
    reason: string | undefined,
    work: (ticket: SupportTicketEntity) => {
      changes: Change[];
      events: (ticket: SupportTicketEntity, creator: Parameters<typeof ticketEvent>[2]) => DomainEvent[];
      result: (ticket: SupportTicketEntity) => R;
    },
  ): Promise<R> {
    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.requireVisible(auth, id, manager, true);
      const { changes, events, result } = work(ticket);
      ticket.updatedAt = new Date();
      await manager.save(ticket);
      if (changes.length) {
        await manager.insert(
          SupportTicketChangeEntity,
          changes.map((c) => ({ ticketId: id, field: c.field, oldValue: c.oldValue, newValue: c.newValue, actorId: auth.userId, reason: reason ?? null })),
        );
      }
      const pending = events(ticket, (await this.users.findSummary(ticket.creatorId)) ?? undefined);
      await this.outbox.publish(...pending);
      return result(ticket);
    });
  }
}

function invalidTransition(from: string, to: string, why?: string): SupportError {
  return new SupportError(SupportErrorCode.INVALID_STATUS_TRANSITION, why ? `Cannot move from ${from} to ${to}: ${why}` : `Cannot move from ${from} to ${to}`, {
    current_status: from,
    requested: to,
  });
}

const str = (v: number | null): string | null => (v === null ? null : String(v));
