import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page } from '../common/pagination';
import { PageQuery } from '../common/page-query.dto';
import { ApiNoContent, ApiPage, ApiSuccess, SuccessMessage } from '../common/surfaces/surface-response.interceptor';
import { IdParam } from '../common/validation/parse-id.pipe';
import { Auth, Authenticated } from '../identity/auth.decorators';
import type { AuthContext } from '../identity/auth-context';
import { Role } from '../identity/roles';
import { CreateTicketDto } from './dto/create-ticket.dto';
import { ListTicketsQuery } from './dto/list-tickets.query.dto';
import { AssignTicketDto, CloseTicketDto, ReopenTicketDto, UpdatePriorityDto, UpdateStatusDto } from './dto/ticket-actions.dto';
import {
  TicketAssignedView,
  TicketChangeView,
  TicketClosedView,
  TicketCreatedView,
  TicketDetailView,
  TicketListItemView,
  TicketPriorityChangedView,
  TicketReopenedView,
  TicketStatusChangedView,
} from './support-ticket.view';
import { SupportTicketsService } from './support-tickets.service';
import type { FastifyReply } from 'fastify';


const TICKET_NOT_FOUND = 'TICKET_NOT_FOUND: no such ticket, or one you may not see';

@ApiTags('support')
@Controller('v1/tickets')
export class SupportTicketsController {
  constructor(private readonly tickets: SupportTicketsService) {}

  /**
   * Opens a ticket as the caller (any role). It starts in `new`, numbered `T-YYYYMMDD-NNNN` per UTC
   * day, with `sla_due_time` set to `created_at` plus the priority's resolution target (urgent 4 h,
   * high 24 h, medium 72 h, low 120 h by default). Tags are trimmed and deduplicated; `metadata` is
   * any JSON object within the documented bounds. Emits `ticket.created` to webhooks.
   */
  @ApiOperation({ summary: 'Create a ticket (§3.1)' })
  @ApiSuccess(TicketCreatedView, { status: 201, description: 'The new ticket: its id, number, status `new` and SLA due time' })
  @Authenticated()
  @SuccessMessage('Ticket created successfully')
  @Post()
  create(@Auth() auth: AuthContext, @Body() dto: CreateTicketDto): Promise<TicketCreatedView> {
    return this.tickets.create(auth, dto);
  }

  /**
   * One page of the tickets the caller can see: users their own, agents theirs plus those assigned
   * to them and the unassigned queue, admins all. Filters combine (`tags` needs every tag);
   * `search` matches a substring of the title or description in any script; `sort_by=priority`
   * ranks by urgency (low < medium < high < urgent). Only admins may filter by `creator_id` (403).
   * Deep pages: pass the previous page's `X-Next-Cursor` header as `cursor` (keyset pagination).
   */
  @ApiOperation({ summary: 'List the tickets you can see, with filters, search and sorting (§3.3)' })
  @ApiPage(TicketListItemView, {
    description:
      'One page of matching tickets, with the total count in `pagination`. Header `X-Total-Estimated: true` when that total is an estimate ' +
      '(search, tags or overdue matching more than 1,000 tickets); header `X-Next-Cursor`, the `cursor` of the next page (on every full page; the page after the last full one is empty).',
  })
  @ApiForbiddenResponse({ description: 'FORBIDDEN: creator_id given by a caller who is not an admin' })
  @Authenticated()
  @Get()
  async list(@Auth() auth: AuthContext, @Query() query: ListTicketsQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Page<TicketListItemView>> {
    const page = await this.tickets.list(auth, query);
    if (page.estimated) void reply.header('X-Total-Estimated', 'true');
    if (page.nextCursor) void reply.header('X-Next-Cursor', page.nextCursor);
    return page;
  }

  /**
   * The whole ticket with its creator and assignee, tags, metadata, SLA times, the number of
   * comments the caller may read and whether it is overdue. A ticket the caller may not see is a
   * 404, exactly as one that does not exist.
   */
  @ApiOperation({ summary: 'Ticket detail (§3.2)' })
  @ApiSuccess(TicketDetailView, { description: 'The ticket, as the caller may see it' })
  @ApiNotFoundResponse({ description: TICKET_NOT_FOUND })
  @Authenticated()
  @Get(':id')
  get(@Auth() auth: AuthContext, @IdParam() id: number): Promise<TicketDetailView> {
    return this.tickets.get(auth, id);
  }

  /**
   * Agents and admins hand a ticket to an active agent or admin (themselves included). A `new`
   * ticket becomes `open`; a closed one must be reopened first (409). Recorded in the history and
   * sent to webhooks as `ticket.assigned` (and `ticket.status_changed` when the status moved).
   */
  @ApiOperation({ summary: 'Assign to an agent or admin; a new ticket becomes open (§3.4)' })
  @ApiSuccess(TicketAssignedView, { description: 'The assignee and the status after assignment' })
  @ApiNotFoundResponse({ description: 'TICKET_NOT_FOUND, or ASSIGNEE_NOT_FOUND when the assignee is not an active agent/admin' })
  @ApiConflictResponse({ description: 'INVALID_STATUS_TRANSITION: the ticket is closed' })
  @Authenticated({ roles: [Role.Agent, Role.Admin] })
  @SuccessMessage('Ticket assigned successfully')
  @HttpCode(200)
  @Post(':id/assign')
  assign(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: AssignTicketDto): Promise<TicketAssignedView> {
    return this.tickets.assign(auth, id, dto);
  }

  /**
   * Agents and admins move a ticket along the status machine: `open → in_progress ⇄ pending →
   * resolved → closed`, `resolved`/`closed → reopened`, and any unfinished ticket to `closed`.
   * `open` is entered by assignment only. Any other move is 409 INVALID_STATUS_TRANSITION. The
   * first status change by an agent or admin sets `response_time`; `resolved` sets `resolved_time`.
   */
  @ApiOperation({ summary: 'Change the status along the allowed transitions (§3.5)' })
  @ApiSuccess(TicketStatusChangedView, { description: 'The status before and after the change' })
  @ApiNotFoundResponse({ description: TICKET_NOT_FOUND })
  @ApiConflictResponse({ description: 'INVALID_STATUS_TRANSITION' })
  @Authenticated({ roles: [Role.Agent, Role.Admin] })
  @SuccessMessage('Ticket status updated successfully')
  @Patch(':id/status')
  status(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: UpdateStatusDto): Promise<TicketStatusChangedView> {
    return this.tickets.changeStatus(auth, id, dto);
  }

  /**
   * Agents and admins change a ticket's priority. `sla_due_time` is recomputed from `created_at`
   * and the new priority's resolution target, so raising the priority can make a ticket overdue at
   * once. Setting the same priority again changes nothing in the history.
   */
  @ApiOperation({ summary: 'Change the priority; sla_due_time is recomputed (§3.6)' })
  @ApiSuccess(TicketPriorityChangedView, { description: 'The priority before and after, and the recomputed SLA due time' })
  @ApiNotFoundResponse({ description: TICKET_NOT_FOUND })
  @Authenticated({ roles: [Role.Agent, Role.Admin] })
  @SuccessMessage('Ticket priority updated successfully')
  @Patch(':id/priority')
  priority(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: UpdatePriorityDto): Promise<TicketPriorityChangedView> {
    return this.tickets.changePriority(auth, id, dto);
  }

  /**
   * Closes a ticket: agents and admins any ticket they can see, a user their own. Any status but
   * `closed` may be closed (closing twice is 409 INVALID_STATUS_TRANSITION). The body and its
   * `reason` are optional; the reason goes to the history and the `ticket.closed` webhook event.
   */
  @ApiOperation({ summary: 'Close (agents, admins, or the creator) (§3.7)' })
  @ApiSuccess(TicketClosedView, { description: 'The ticket, now `closed`, with its closing time' })
  @ApiNotFoundResponse({ description: TICKET_NOT_FOUND })
  @ApiConflictResponse({ description: 'INVALID_STATUS_TRANSITION: already closed' })
  @Authenticated()
  @SuccessMessage('Ticket closed successfully')
  @HttpCode(200)
  @Post(':id/close')
  close(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: CloseTicketDto): Promise<TicketClosedView> {
    return this.tickets.close(auth, id, dto.reason);
  }

  /**
   * Reopens a `resolved` or `closed` ticket (the creator, agents, admins); any other status is 409
   * INVALID_STATUS_TRANSITION. `resolved_time` and `closed_at` are cleared, so the ticket can be
   * overdue again. The optional `reason` goes to the history and the `ticket.reopened` event.
   */
  @ApiOperation({ summary: 'Reopen a resolved or closed ticket (creator, agents, admins) (§3.8)' })
  @ApiSuccess(TicketReopenedView, { description: 'The ticket, now `reopened`' })
  @ApiNotFoundResponse({ description: TICKET_NOT_FOUND })
  @ApiConflictResponse({ description: 'INVALID_STATUS_TRANSITION: the ticket is neither resolved nor closed' })
  @Authenticated()
  @SuccessMessage('Ticket reopened successfully')
  @HttpCode(200)
  @Post(':id/reopen')
  reopen(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: ReopenTicketDto): Promise<TicketReopenedView> {
    return this.tickets.reopen(auth, id, dto.reason);
  }

  /**
   * Admins delete a ticket for good, with its comments and history. Other roles get 403; an id
   * that does not exist is 404. Nothing is sent to webhooks.
   */
  @ApiOperation({ summary: 'Delete a ticket with its comments and history (admins) (§3.9)' })
  @ApiNoContent('Deleted, with its comments and history; no body')
  @ApiNotFoundResponse({ description: 'TICKET_NOT_FOUND' })
  @Authenticated({ roles: [Role.Admin] })
  @HttpCode(204)
  @Delete(':id')
  remove(@IdParam() id: number): Promise<void> {
    return this.tickets.remove(id);
  }

  /**
   * Every change of status, priority and assignee, oldest first, with who made it and the reason
   * given. Anyone who can see the ticket can read its history; it is append-only.
   */
  @ApiOperation({ summary: 'Append-only history of status, priority and assignee changes' })
  @ApiPage(TicketChangeView, { description: 'One page of the ticket’s changes, oldest first' })
  @ApiNotFoundResponse({ description: TICKET_NOT_FOUND })
  @Authenticated()
  @Get(':id/history')
  history(@Auth() auth: AuthContext, @IdParam() id: number, @Query() query: PageQuery): Promise<Page<TicketChangeView>> {
    return this.tickets.history(auth, id, query);
  }
}
