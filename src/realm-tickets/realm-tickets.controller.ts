import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiExtension, ApiForbiddenResponse, ApiGoneResponse, ApiNotFoundResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
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

  /**
   * Seed 000's task workspace: a ticket and a leaf delegate for it, a child of the caller that can
   * read and write within the ticket's scope but can neither delegate nor create tickets. Hand
   * `accessTokenBase64` to the tool that does the task; it is shown only here. Needs a caller that
   * may delegate (a ticket's own token: 403 DELEGATE_TOKEN_REQUIRED).
   */
  @ApiOperation({ summary: "Create a ticket and its leaf delegate; the delegate's access token is shown once" })
  @ApiBadRequestResponse({ description: 'INVALID_SCOPE (not within the creator\'s scope), PERMISSION_ESCALATION (canUpload the creator lacks), MAX_DEPTH_EXCEEDED, validation_error' })
  @ApiForbiddenResponse({ description: "DELEGATE_TOKEN_REQUIRED: a ticket's token cannot create tickets; REALM_MISMATCH; ACCESS_TOKEN_REQUIRED for a refresh token" })
  @ApiSuccess(CreatedRealmTicketView, { status: 201, description: "The pending ticket, with its token (shown this once)" })
  @Post()
  create(@Caller() caller: RealmCaller, @Body() dto: CreateRealmTicketDto): Promise<CreatedRealmTicketView> {
    return this.tickets.create(caller, dto);
  }

  /**
   * The tickets the caller sees, newest first, a page at a time (pass `nextCursor` back as
   * `cursor`): those created by its issuer chain (itself up to the user) and those created below
   * it; the user's JWT sees every ticket of its realm. Filter with `status`.
   */
  @ApiOperation({ summary: "Tickets of the caller's issuer chain and below, newest first" })
  @ApiPage(RealmTicketListItemView, { field: 'tickets', description: 'A page of tickets; nextCursor is absent on the last page' })
  @Get()
  list(@Caller() caller: RealmCaller, @Query() query: ListRealmTicketsQuery): Promise<CursorPage<RealmTicketListItemView>> {
    return this.tickets.list(caller, query);
  }

  /** One ticket the caller sees: `root` is null and `submittedAt` absent until it is submitted. */
  @ApiOperation({ summary: 'One ticket; root and submittedAt once submitted' })
  @ApiNotFoundResponse({ description: "NOT_FOUND: no such ticket in the caller's view" })
  @ApiSuccess(RealmTicketDetailView, { description: 'The ticket' })
  @ApiExtension('x-example-fields', { status: 'submitted', root: 'nod_2D9YF3Q0RAENSX5P52HK6YEZRC', submittedAt: 1738498200000 })
  @ApiParam({ name: 'ticketId', description: '`ticket:<ULID>`', example: 'ticket:01HQXK5V8N3Y7M2P4R6T9W0ABC' })
  @Get(':ticketId')
  get(@Caller() caller: RealmCaller, @Param('ticketId') ticketId: string): Promise<RealmTicketDetailView> {
    return this.tickets.get(caller, ticketId);
  }

  /**
   * Sets the ticket's output node, once: a node stored (or claimed) with the ticket's token. In the
   * same transaction the ticket's delegate is revoked (its token answers 401 from then on) and a
   * `realm_ticket.submitted` event is written for webhooks. The ticket's token or its issuer chain
   * may submit; of concurrent submits exactly one wins.
   */
  @ApiOperation({ summary: "Submit the ticket's output node; the ticket's token is revoked at once" })
  @ApiBadRequestResponse({ description: "INVALID_ROOT: the node is not stored by the ticket's token; validation_error" })
  @ApiForbiddenResponse({ description: "FORBIDDEN: only the ticket's token or its issuer chain may submit; REALM_MISMATCH" })
  @ApiNotFoundResponse({ description: "NOT_FOUND: no such ticket in the caller's view" })
  @ApiConflictResponse({ description: 'CONFLICT: already submitted' })
  @ApiGoneResponse({ description: 'GONE: the ticket has expired' })
  @ApiSuccess(SubmittedRealmTicketView, { description: 'Submitted; the ticket is closed to its token' })
  @HttpCode(200)
  @ApiParam({ name: 'ticketId', description: '`ticket:<ULID>`', example: 'ticket:01HQXK5V8N3Y7M2P4R6T9W0ABC' })
  @Post(':ticketId/submit')
  submit(@Caller() caller: RealmCaller, @Param('ticketId') ticketId: string, @Body() dto: SubmitRealmTicketDto): Promise<SubmittedRealmTicketView> {
    return this.tickets.submit(caller, ticketId, dto);
  }
}
