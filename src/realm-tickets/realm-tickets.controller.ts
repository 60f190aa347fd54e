import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiGoneResponse, ApiNotFoundResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Caller, RealmAuth } from '../cas/realm-auth.guard';
import type { RealmCaller } from '../cas/realm-caller';
import { CursorPage } from '../common/pagination';
import { ApiPage, ApiSuccess } from '../common/surfaces/surface-response.interceptor';
import { CreateRealmTicketDto, ListRealmTicketsQuery, SubmitRealmTicketDto } from './dto/realm-ticket.dto';
import { CreatedRealmTicketView, SubmittedRealmTicketView, RealmTicketDetailView, RealmTicketListItemView } from './dto/realm-ticket.view';
import { RealmTicketsService } from './realm-tickets.service';

@ApiTags('realm-tickets')
@RealmAuth()
@ApiParam({ name: 'realmId', type: String, description: "The realm: `usr_<owner id>`, the token's own", example: 'usr_1' })
@Controller('api/realm/:realmId/tickets')
export class RealmTicketsController {
  constructor(private readonly tickets: RealmTicketsService) {}

  @ApiOperation({ summary: "Create a ticket and its leaf delegate; the delegate's access token is shown once" })
  @ApiBadRequestResponse({ description: 'INVALID_SCOPE (not within the creator\'s scope), PERMISSION_ESCALATION (canUpload the creator lacks), MAX_DEPTH_EXCEEDED, validation_error' })
  @ApiForbiddenResponse({ description: "DELEGATE_TOKEN_REQUIRED: a ticket's token cannot create tickets; REALM_MISMATCH; ACCESS_TOKEN_REQUIRED for a refresh token" })
  @ApiSuccess(CreatedRealmTicketView, { status: 201 })
  @Post()
  create(@Caller() caller: RealmCaller, @Body() dto: CreateRealmTicketDto): Promise<CreatedRealmTicketView> {
    return this.tickets.create(caller, dto);
  }

  @ApiOperation({ summary: "Tickets created by the caller's issuer chain (itself up to the realm's root), newest first" })
  @ApiPage(RealmTicketListItemView, { field: 'tickets' })
  @Get()
  list(@Caller() caller: RealmCaller, @Query() query: ListRealmTicketsQuery): Promise<CursorPage<RealmTicketListItemView>> {
    return this.tickets.list(caller, query);
  }

  @ApiOperation({ summary: 'One ticket; root and submittedAt once submitted' })
  @ApiNotFoundResponse({ description: "NOT_FOUND: no such ticket in the caller's view" })
  @ApiSuccess(RealmTicketDetailView)
  @ApiParam({ name: 'ticketId', description: '`ticket:<ULID>`', example: 'ticket:01HQXK5V8N3Y7M2P4R6T9W0ABC' })
  @Get(':ticketId')
  get(@Caller() caller: RealmCaller, @Param('ticketId') ticketId: string): Promise<RealmTicketDetailView> {
    return this.tickets.get(caller, ticketId);
  }

  @ApiOperation({ summary: "Submit the ticket's output node; the ticket's token is revoked at once" })
  @ApiBadRequestResponse({ description: "INVALID_ROOT: the node is not stored by the ticket's token; validation_error" })
  @ApiForbiddenResponse({ description: "FORBIDDEN: only the ticket's token or its creator may submit; REALM_MISMATCH" })
  @ApiNotFoundResponse({ description: "NOT_FOUND: no such ticket in the caller's view" })
  @ApiConflictResponse({ description: 'CONFLICT: already submitted' })
  @ApiGoneResponse({ description: 'GONE: the ticket has expired' })
  @ApiSuccess(SubmittedRealmTicketView)
  @HttpCode(200)
  @ApiParam({ name: 'ticketId', description: '`ticket:<ULID>`', example: 'ticket:01HQXK5V8N3Y7M2P4R6T9W0ABC' })
  @Post(':ticketId/submit')
  submit(@Caller() caller: RealmCaller, @Param('ticketId') ticketId: string, @Body() dto: SubmitRealmTicketDto): Promise<SubmittedRealmTicketView> {
    return this.tickets.submit(caller, ticketId, dto);
  }
}
