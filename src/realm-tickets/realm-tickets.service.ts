import { Injectable } from '@nestjs/common';
import { nodeKeyText } from '../cas/codec/node-key';
import { newUuid, wireId } from '../cas/delegate-ids';
import { DelegatesService } from '../cas/delegates.service';
import { NodesService } from '../cas/nodes.service';
import type { RealmCaller } from '../cas/realm-caller';
import { CursorCodec } from '../common/cursor';
import { CursorPage } from '../common/pagination';
import { Transactions } from '../database/transactions';
import { DomainEvent, OutboxService } from '../webhooks/outbox.service';
import { CreateRealmTicketDto, ListRealmTicketsQuery, SubmitRealmTicketDto } from './dto/realm-ticket.dto';
import { CreatedRealmTicketView, SubmittedRealmTicketView, RealmTicketDetailView, RealmTicketListItemView } from './dto/realm-ticket.view';
import { parseRootKey, parseTicketId, ticketWireId } from './realm-ticket-ids';
import { RealmTicketEntity } from './realm-ticket.entity';
import { RealmTicketsRepository } from './realm-tickets.repository';
import { RealmTicketError, RealmTicketErrorCode } from './realm-tickets.errors';

/**
 * Seed 000's tickets on seed 002's delegates: a ticket is a task with its own leaf delegate
 * (a child of its creator that can neither delegate nor create tickets), seen by the delegates
 * whose issuer chain holds its creator, and submitted once, which revokes its delegate.
 */
@Injectable()
export class RealmTicketsService {
  constructor(
    private readonly tickets: RealmTicketsRepository,
    private readonly delegates: DelegatesService,
    private readonly nodes: NodesService,
    private readonly outbox: OutboxService,
    private readonly transactions: Transactions,
    private readonly cursors: CursorCodec,
  ) {}

  /** Creates the ticket and its delegate together; the delegate's access token is shown this once. */
  async create(caller: RealmCaller, dto: CreateRealmTicketDto): Promise<CreatedRealmTicketView> {
    const id = newUuid();
    const ticketId = ticketWireId(id);
    const requested = Date.now() + dto.expiresIn * 1000;
    const expiresAt = caller.expiresAt ? Math.min(requested, caller.expiresAt.getTime()) : requested;
    return this.transactions.run(async () => {
      const leaf = await this.delegates.issueLeaf(caller, { name: ticketId, canUpload: dto.canUpload ?? false, scope: dto.scope, expiresAt });
      await this.tickets.insert({
        id,
        realm: caller.realm,
        userId: caller.userId,
        title: dto.title,
        status: 'pending',
        root: null,
        creatorDelegateId: caller.delegateId,
        delegateId: leaf.delegateId,
        expiresAt: new Date(leaf.expiresAt),
        submittedAt: null,
      });
      return {
        ticketId,
        title: dto.title,
        status: 'pending',
        accessTokenId: wireId('dlt', leaf.delegateId),
        accessTokenBase64: leaf.accessToken,
        expiresAt: leaf.expiresAt,
      };
    });
  }

  /** The tickets created by a delegate of the caller's issuer chain (itself up to the realm's root) or below it, newest first. */
  async list(caller: RealmCaller, query: ListRealmTicketsQuery): Promise<CursorPage<RealmTicketListItemView>> {
    const scope = `tickets:${caller.realm}:${caller.delegateId}:${query.status ?? '*'}`;
    const after = query.cursor ? this.cursors.decode(scope, query.cursor) : null;
    const { rows, hasMore } = await this.tickets.page(caller.realm, caller, query.status, after, query.limit);
    const next = hasMore ? this.cursors.encode(scope, [rows[rows.length - 1].id]) : null;
    return new CursorPage(rows.map(listItemOf), next, 'tickets');
  }

  async get(caller: RealmCaller, ticketId: string): Promise<RealmTicketDetailView> {
    return detailOf(await this.findVisible(caller, ticketId));
  }

  /**
   * Sets the ticket's output node, once, and revokes its delegate in the same transaction, with
   * a `realm_ticket.submitted` event. The ticket's own token or its issuer chain (its creator and
   * the creator's issuers, up to the user) may submit; a delegate that sees the ticket because
   * its creator is above it (a sibling, say) may not. Racing submits queue on the row lock, so
   * exactly one wins and the others find it submitted. A ticket whose token was revoked before
   * (410 GONE, as an expired one) takes no result.
   */
  async submit(caller: RealmCaller, ticketId: string, dto: SubmitRealmTicketDto): Promise<SubmittedRealmTicketView> {
    const found = await this.findVisible(caller, ticketId);
    const creatorAboveCaller = found.creatorDelegateId !== caller.delegateId && caller.chain.includes(found.creatorDelegateId);
    if (caller.delegateId !== found.delegateId && creatorAboveCaller) {
      throw new RealmTicketError(RealmTicketErrorCode.FORBIDDEN, "Only the ticket's own token or its issuer chain (its creator and the creator's issuers) may submit it");
    }
    const key = parseRootKey(dto.root);
    return this.transactions.run(async () => {
      const ticket = await this.tickets.lock(caller.realm, found.id);
      if (!ticket) throw notFound();
      if (ticket.status === 'submitted') throw new RealmTicketError(RealmTicketErrorCode.CONFLICT, 'The ticket has already been submitted', { root: ticket.root });
      const now = new Date();
      if (ticket.expiresAt <= now) throw new RealmTicketError(RealmTicketErrorCode.GONE, 'The ticket has expired', { expiresAt: ticket.expiresAt.getTime() });
      if (!key || !(await this.nodes.ownsNode(caller.realm, ticket.delegateId, key))) {
        throw new RealmTicketError(RealmTicketErrorCode.INVALID_ROOT, "The root must be a node stored (or claimed) with this ticket's token", { root: dto.root });
      }
      // Revoked first: a ticket whose token was already revoked (withdrawn by its creator, or under a revoked issuer) takes no result.
      if (!(await this.delegates.revokeSubtree(ticket.delegateId, caller.delegateId, now))) {
        throw new RealmTicketError(RealmTicketErrorCode.GONE, "The ticket's token has been revoked", { accessTokenId: wireId('dlt', ticket.delegateId) });
      }
      const root = nodeKeyText(key);
      await this.tickets.markSubmitted(ticket.id, root, now);
      await this.outbox.publish(submittedEvent({ ...ticket, status: 'submitted', root, submittedAt: now }, caller.delegateId));
      return { success: true, status: 'submitted', root };
    });
  }

  private async findVisible(caller: RealmCaller, ticketId: string): Promise<RealmTicketEntity> {
    const id = parseTicketId(ticketId);
    const ticket = id ? await this.tickets.findVisible(caller.realm, id, caller) : null;
    if (!ticket) throw notFound();
    return ticket;
  }
}

const notFound = () => new RealmTicketError(RealmTicketErrorCode.NOT_FOUND, 'Ticket not found');

function listItemOf(ticket: RealmTicketEntity): RealmTicketListItemView {
  return { ticketId: ticketWireId(ticket.id), title: ticket.title, status: ticket.status, createdAt: ticket.createdAt.getTime() };
}

function detailOf(ticket: RealmTicketEntity): RealmTicketDetailView {
  return {
    ticketId: ticketWireId(ticket.id),
    title: ticket.title,
    status: ticket.status,
    root: ticket.root,
    accessTokenId: wireId('dlt', ticket.delegateId),
    creatorTokenId: wireId('dlt', ticket.creatorDelegateId),
    createdAt: ticket.createdAt.getTime(),
    expiresAt: ticket.expiresAt.getTime(),
    ...(ticket.submittedAt ? { submittedAt: ticket.submittedAt.getTime() } : {}),
  };
}

/** `realm_ticket.submitted`: the ticket as GET shows it, plus the realm and who submitted it. */
function submittedEvent(ticket: RealmTicketEntity, submittedBy: string): DomainEvent {
  const view = detailOf(ticket);
  return {
    type: 'realm_ticket.submitted',
    aggregateType: 'realm_ticket',
    aggregateId: view.ticketId,
    payload: { ...view, realm: ticket.realm, submittedBy: wireId('dlt', submittedBy) },
  };
}
