import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page } from '../common/pagination';
import { PageQuery } from '../common/page-query.dto';
import { ApiNoContent, ApiPage, ApiSuccess, SuccessMessage } from '../common/surfaces/surface-response.interceptor';
import { IdParam } from '../common/validation/parse-id.pipe';
import { Auth, Authenticated } from '../identity/auth.decorators';
import type { AuthContext } from '../identity/auth-context';
import { Role } from '../identity/roles';
import { CreateTicketDto } from './dto/create-ticket.dto';
import { ListTicketsQuery } from './dto/list-tickets.query.dto';
import { AssignTicketDto, ReasonDto, UpdatePriorityDto, UpdateStatusDto } from './dto/ticket-actions.dto';
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

@ApiTags('support')
@ApiNotFoundResponse({ description: 'TICKET_NOT_FOUND: no such ticket, or one you may not see' })
@Controller('v1/tickets')
export class SupportTicketsController {
  constructor(private readonly tickets: SupportTicketsService) {}

  @ApiOperation({ summary: 'Create a ticket (§3.1)' })
  @ApiSuccess(TicketCreatedView, { status: 201 })
  @Authenticated()
  @SuccessMessage('Ticket created successfully')
  @Post()
  create(@Auth() auth: AuthContext, @Body() dto: CreateTicketDto): Promise<TicketCreatedView> {
    return this.tickets.create(auth, dto);
  }

  @ApiOperation({ summary: 'List the tickets you can see, with filters, search and sorting (§3.3)' })
  @ApiPage(TicketListItemView)
  @Authenticated()
  @Get()
  list(@Auth() auth: AuthContext, @Query() query: ListTicketsQuery): Promise<Page<TicketListItemView>> {
    return this.tickets.list(auth, query);
  }

  @ApiOperation({ summary: 'Ticket detail (§3.2)' })
  @ApiSuccess(TicketDetailView)
  @Authenticated()
  @Get(':id')
  get(@Auth() auth: AuthContext, @IdParam() id: number): Promise<TicketDetailView> {
    return this.tickets.get(auth, id);
  }

  @ApiOperation({ summary: 'Assign to an agent or admin; a new ticket becomes open (§3.4)' })
  @ApiSuccess(TicketAssignedView)
  @ApiNotFoundResponse({ description: 'TICKET_NOT_FOUND, or ASSIGNEE_NOT_FOUND when the assignee is not an active agent/admin' })
  @Authenticated({ roles: [Role.Agent, Role.Admin] })
  @SuccessMessage('Ticket assigned successfully')
  @HttpCode(200)
  @Post(':id/assign')
  assign(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: AssignTicketDto): Promise<TicketAssignedView> {
    return this.tickets.assign(auth, id, dto);
  }

  @ApiOperation({ summary: 'Change the status along the allowed transitions (§3.5)' })
  @ApiSuccess(TicketStatusChangedView)
  @ApiConflictResponse({ description: 'INVALID_STATUS_TRANSITION' })
  @Authenticated({ roles: [Role.Agent, Role.Admin] })
  @SuccessMessage('Ticket status updated successfully')
  @Patch(':id/status')
  status(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: UpdateStatusDto): Promise<TicketStatusChangedView> {
    return this.tickets.changeStatus(auth, id, dto);
  }

  @ApiOperation({ summary: 'Change the priority; sla_due_time is recomputed (§3.6)' })
  @ApiSuccess(TicketPriorityChangedView)
  @Authenticated({ roles: [Role.Agent, Role.Admin] })
  @SuccessMessage('Ticket priority updated successfully')
  @Patch(':id/priority')
  priority(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: UpdatePriorityDto): Promise<TicketPriorityChangedView> {
    return this.tickets.changePriority(auth, id, dto);
  }

  @ApiOperation({ summary: 'Close (agents, admins, or the creator) (§3.7)' })
  @ApiSuccess(TicketClosedView)
  @ApiConflictResponse({ description: 'INVALID_STATUS_TRANSITION' })
  @Authenticated()
  @SuccessMessage('Ticket closed successfully')
  @HttpCode(200)
  @Post(':id/close')
  close(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: ReasonDto): Promise<TicketClosedView> {
    return this.tickets.close(auth, id, dto.reason);
  }

  @ApiOperation({ summary: 'Reopen a resolved or closed ticket (creator, agents, admins) (§3.8)' })
  @ApiSuccess(TicketReopenedView)
  @ApiConflictResponse({ description: 'INVALID_STATUS_TRANSITION' })
  @Authenticated()
  @SuccessMessage('Ticket reopened successfully')
  @HttpCode(200)
  @Post(':id/reopen')
  reopen(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: ReasonDto): Promise<TicketReopenedView> {
    return this.tickets.reopen(auth, id, dto.reason);
  }

  @ApiOperation({ summary: 'Delete a ticket with its comments and history (admins) (§3.9)' })
  @ApiNoContent()
  @Authenticated({ roles: [Role.Admin] })
  @HttpCode(204)
  @Delete(':id')
  remove(@IdParam() id: number): Promise<void> {
    return this.tickets.remove(id);
  }

  @ApiOperation({ summary: 'Append-only history of status, priority and assignee changes' })
  @ApiPage(TicketChangeView)
  @Authenticated()
  @Get(':id/history')
  history(@Auth() auth: AuthContext, @IdParam() id: number, @Query() query: PageQuery): Promise<Page<TicketChangeView>> {
    return this.tickets.history(auth, id, query);
  }
}
