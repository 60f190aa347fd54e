import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtension, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPage, ApiSuccess } from '../common/surfaces/surface-response.interceptor';
import { IdParam } from '../common/validation/parse-id.pipe';
import { Auth, Authenticated } from '../identity/auth.decorators';
import type { AuthContext } from '../identity/auth-context';
import { SessionHistoryEntryView, WorkSessionView } from '../work-session/work-session.view';
import { AssignWorkflowTicketDto, CreateWorkflowTicketDto, ListWorkflowTicketsQuery, ManualMetricsDto, NoteDto, WorkflowPageQuery } from './dto/workflow.dto';
import { WorkflowTicketView, WorkflowTransitionView } from './workflow-ticket.view';
import { ADMINS, INSPECTORS, INTAKE_ROLES, WORKERS, WORKFLOW_ROLES } from './workflow-roles';
import { WorkflowQcService } from './workflow-qc.service';
import { WorkflowService } from './workflow.service';

const NO_TICKET = 'No such ticket: {"detail": "Ticket not found."}';
const NOT_ASSIGNED = 'Not the technician assigned to this ticket (a super_admin may act for them)';
/** The ticket as each action leaves it; the view's example shows an IN_PROGRESS ticket. */
const BEFORE_WORK = { technician: null, assigned_at: null, started_at: null, latest_work_session: null, inventory_item: { id: 3, serial_number: 'SN-1', status: 'READY' } };
const SESSION_STOPPED = { id: 5, status: 'STOPPED', active_seconds: 2280 };

@ApiTags('workflow')
@Controller('api/v1/tickets')
export class WorkflowTicketsController {
  constructor(
    private readonly workflow: WorkflowService,
    private readonly qc: WorkflowQcService,
  ) {}

  /**
   * Every role of the shop floor lists tickets, newest first, each with its inventory item, master,
   * technician, approver and latest work session, in a fixed number of queries. Filter by
   * `status`, `technician` (user id) and `inventory_item` (id); unknown query parameters are
   * ignored, as DRF does. A page past the last is 404 "Invalid page.".
   */
  @ApiOperation({ summary: 'Tickets with inventory item, people and latest work session; filter by status, technician, inventory_item' })
  @ApiPage(WorkflowTicketView, { description: 'One DRF page of tickets (count, next, previous, results)' })
  @ApiNotFoundResponse({ description: 'A page past the last: {"detail": "Invalid page."}' })
  @Authenticated({ roles: WORKFLOW_ROLES })
  @Get()
  list(@Query() query: ListWorkflowTicketsQuery) {
    return this.workflow.list(query);
  }

  /**
   * Masters and super_admins take an item in for repair by serial number. The ticket starts
   * UNDER_REVIEW, with `total_duration` the sum of the part minutes, `flag_color` the most severe
   * part colour and `xp_amount = ceil(total_duration / base_divisor)`. An unknown serial number
   * needs `confirm_create: true` and a `create_reason` (the inventory item is created with it); an
   * archived item must be restored first; an item holds one active ticket at a time (400 each).
   */
  @ApiOperation({ summary: 'Intake: create a ticket for a serial number; metrics come from the part specs' })
  @ApiSuccess(WorkflowTicketView, { status: 201, description: 'The new ticket, UNDER_REVIEW, with its computed metrics' })
  @ApiBadRequestResponse({ description: 'Invalid fields, an unknown serial number without confirm_create and create_reason, an archived item, or an item that already has an active ticket' })
  @ApiExtension('x-example-fields', { ...BEFORE_WORK, status: 'UNDER_REVIEW', approved_by: null, approved_at: null, updated_at: '2024-10-23T09:00:00.000Z' })
  @Authenticated({ roles: INTAKE_ROLES })
  @Post('create')
  create(@Auth() auth: AuthContext, @Body() dto: CreateWorkflowTicketDto) {
    return this.workflow.create(auth, dto);
  }

  /** One ticket with its inventory item, people, part specs, metrics and latest work session. */
  @ApiOperation({ summary: 'One ticket' })
  @ApiSuccess(WorkflowTicketView, { description: 'The ticket' })
  @ApiNotFoundResponse({ description: NO_TICKET })
  @Authenticated({ roles: WORKFLOW_ROLES })
  @Get(':id')
  get(@IdParam() id: number) {
    return this.workflow.get(id);
  }

  /**
   * The ticket's audit stream, oldest first: every action (create, manual_metrics, assign, start,
   * to_waiting_qc, qc_pass, qc_fail) with the statuses before and after, the actor, the note and
   * what the action decided. It is append-only.
   */
  @ApiOperation({ summary: 'Append-only transitions of a ticket' })
  @ApiPage(WorkflowTransitionView, { description: 'One DRF page of transitions, oldest first' })
  @ApiNotFoundResponse({ description: `${NO_TICKET}; or a page past the last: {"detail": "Invalid page."}` })
  @Authenticated({ roles: WORKFLOW_ROLES })
  @Get(':id/transitions')
  transitions(@IdParam() id: number, @Query() query: WorkflowPageQuery) {
    return this.workflow.transitions(id, query);
  }

  /**
   * super_admin and ops_manager review a ticket: it is approved (`approved_by`, `approved_at`) and
   * moves from UNDER_REVIEW to NEW. `flag_color` and `xp_amount` may be overridden, which marks
   * the metrics manual. Allowed while UNDER_REVIEW, NEW or ASSIGNED; later it is 400.
   */
  @ApiOperation({ summary: 'Admin review: approve, optionally overriding flag_color / xp_amount' })
  @ApiSuccess(WorkflowTicketView, { description: 'The approved ticket (NEW when it was under review), with its metrics' })
  @ApiBadRequestResponse({ description: 'Invalid fields, or the ticket is past ASSIGNED' })
  @ApiNotFoundResponse({ description: NO_TICKET })
  @ApiExtension('x-example-fields', { ...BEFORE_WORK, status: 'NEW', flag_color: 'red', xp_amount: 3, is_manual: true, updated_at: '2024-10-23T09:10:00.000Z' })
  @Authenticated({ roles: ADMINS })
  @HttpCode(200)
  @Post(':id/manual-metrics')
  manualMetrics(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: ManualMetricsDto) {
    return this.workflow.manualMetrics(auth, id, dto);
  }

  /**
   * super_admin and ops_manager give an approved ticket (NEW or already ASSIGNED) to an active
   * technician. A ticket not yet approved through manual-metrics, a user who is not an active
   * technician, or a ticket past ASSIGNED is 400.
   */
  @ApiOperation({ summary: 'Assign an approved ticket to a technician' })
  @ApiSuccess(WorkflowTicketView, { description: 'The ticket, ASSIGNED to the technician' })
  @ApiBadRequestResponse({ description: 'Invalid technician_id, not an active technician, not approved yet, or the ticket is past ASSIGNED' })
  @ApiNotFoundResponse({ description: NO_TICKET })
  @ApiExtension('x-example-fields', { ...BEFORE_WORK, status: 'ASSIGNED', technician: { id: 7, name: 'Zhang Min' }, assigned_at: '2024-10-23T09:20:00.000Z', updated_at: '2024-10-23T09:20:00.000Z' })
  @Authenticated({ roles: ADMINS })
  @HttpCode(200)
  @Post(':id/assign')
  assign(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: AssignWorkflowTicketDto) {
    return this.workflow.assign(auth, id, dto);
  }

  /**
   * The assigned technician (or a super_admin) starts an ASSIGNED ticket, or resumes work on one
   * in REWORK: it becomes IN_PROGRESS, its inventory item IN_SERVICE, and a work session starts
   * running. A technician holds one IN_PROGRESS ticket at a time (400 otherwise).
   */
  @ApiOperation({ summary: 'Start work: IN_PROGRESS and a running work session' })
  @ApiSuccess(WorkflowTicketView, { description: 'The ticket, IN_PROGRESS, with its running work session' })
  @ApiBadRequestResponse({ description: 'The ticket is neither ASSIGNED nor REWORK, or the technician already has a ticket in progress' })
  @ApiForbiddenResponse({ description: NOT_ASSIGNED })
  @ApiNotFoundResponse({ description: NO_TICKET })
  @ApiExtension('x-example-fields', { latest_work_session: { id: 5, status: 'RUNNING', active_seconds: 0 } })
  @Authenticated({ roles: WORKERS })
  @HttpCode(200)
  @Post(':id/start')
  start(@Auth() auth: AuthContext, @IdParam() id: number) {
    return this.workflow.start(auth, id);
  }

  /**
   * The assigned technician (or a super_admin) hands an IN_PROGRESS ticket to QC: WAITING_QC.
   * The work session must have been stopped first (400 otherwise). The optional note is kept with
   * the transition.
   */
  @ApiOperation({ summary: 'Hand over to QC (the work session must be stopped)' })
  @ApiSuccess(WorkflowTicketView, { description: 'The ticket, WAITING_QC' })
  @ApiBadRequestResponse({ description: 'The ticket is not IN_PROGRESS, or its work session is not stopped' })
  @ApiForbiddenResponse({ description: NOT_ASSIGNED })
  @ApiNotFoundResponse({ description: NO_TICKET })
  @ApiExtension('x-example-fields', { status: 'WAITING_QC', latest_work_session: SESSION_STOPPED, updated_at: '2024-10-23T10:15:00.000Z' })
  @Authenticated({ roles: WORKERS })
  @HttpCode(200)
  @Post(':id/to-waiting-qc')
  toWaitingQc(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: NoteDto) {
    return this.workflow.toWaitingQc(auth, id, dto.note);
  }

  /**
   * A QC inspector (or a super_admin) passes a ticket WAITING_QC: it is DONE and its inventory
   * item READY. In the same transaction the technician gets the ticket's XP, the inspector the
   * status-update XP, and the technician the first-pass bonus when the ticket was never sent
   * back and the active work time stayed within `total_duration`.
   */
  @ApiOperation({ summary: 'QC pass: DONE, inventory READY, XP paid' })
  @ApiSuccess(WorkflowTicketView, { description: 'The ticket, DONE' })
  @ApiBadRequestResponse({ description: 'The ticket is not WAITING_QC' })
  @ApiNotFoundResponse({ description: NO_TICKET })
  @ApiExtension('x-example-fields', {
    status: 'DONE',
    inventory_item: { id: 3, serial_number: 'SN-1', status: 'READY' },
    done_at: '2024-10-23T10:20:00.000Z',
    updated_at: '2024-10-23T10:20:00.000Z',
    latest_work_session: SESSION_STOPPED,
  })
  @Authenticated({ roles: INSPECTORS })
  @HttpCode(200)
  @Post(':id/qc-pass')
  qcPass(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: NoteDto) {
    return this.qc.qcPass(auth, id, dto.note);
  }

  /**
   * A QC inspector (or a super_admin) sends a ticket WAITING_QC back: REWORK, to be started again
   * by its technician. The inspector gets the status-update XP; the technician will get no
   * first-pass bonus for this ticket.
   */
  @ApiOperation({ summary: 'QC fail: REWORK' })
  @ApiSuccess(WorkflowTicketView, { description: 'The ticket, REWORK' })
  @ApiBadRequestResponse({ description: 'The ticket is not WAITING_QC' })
  @ApiNotFoundResponse({ description: NO_TICKET })
  @ApiExtension('x-example-fields', { status: 'REWORK', latest_work_session: SESSION_STOPPED, updated_at: '2024-10-23T10:20:00.000Z' })
  @Authenticated({ roles: INSPECTORS })
  @HttpCode(200)
  @Post(':id/qc-fail')
  qcFail(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: NoteDto) {
    return this.qc.qcFail(auth, id, dto.note);
  }

  /**
   * The assigned technician (or a super_admin) pauses the running session of an IN_PROGRESS
   * ticket. Pauses spend the technician's daily budget (`daily_pause_limit_minutes`, reset at
   * local midnight): with none left the pause is refused, and a paused session resumes by itself
   * when the budget runs out.
   */
  @ApiOperation({ summary: 'Pause the work session (within the daily pause budget)' })
  @ApiSuccess(WorkSessionView, { description: 'The session, PAUSED, with the pause budget left today' })
  @ApiBadRequestResponse({ description: 'The ticket is not IN_PROGRESS, the session is not running, or today’s pause budget is used up' })
  @ApiForbiddenResponse({ description: NOT_ASSIGNED })
  @ApiNotFoundResponse({ description: NO_TICKET })
  @ApiExtension('x-example-fields', { status: 'PAUSED' })
  @Authenticated({ roles: WORKERS })
  @HttpCode(200)
  @Post(':id/work-session/pause')
  pause(@Auth() auth: AuthContext, @IdParam() id: number) {
    return this.workflow.sessionAction(auth, id, 'pause');
  }

  /** The assigned technician (or a super_admin) resumes the paused session of an IN_PROGRESS ticket. */
  @ApiOperation({ summary: 'Resume the paused work session' })
  @ApiSuccess(WorkSessionView, { description: 'The session, RUNNING again' })
  @ApiBadRequestResponse({ description: 'The ticket is not IN_PROGRESS, or the session is not paused' })
  @ApiForbiddenResponse({ description: NOT_ASSIGNED })
  @ApiNotFoundResponse({ description: NO_TICKET })
  @Authenticated({ roles: WORKERS })
  @HttpCode(200)
  @Post(':id/work-session/resume')
  resume(@Auth() auth: AuthContext, @IdParam() id: number) {
    return this.workflow.sessionAction(auth, id, 'resume');
  }

  /**
   * The assigned technician (or a super_admin) stops the session of an IN_PROGRESS ticket, running
   * or paused; its active seconds are final. Stopping is required before to-waiting-qc.
   */
  @ApiOperation({ summary: 'Stop the work session' })
  @ApiSuccess(WorkSessionView, { description: 'The session, STOPPED, with its final active seconds' })
  @ApiBadRequestResponse({ description: 'The ticket is not IN_PROGRESS, or it has no open work session' })
  @ApiForbiddenResponse({ description: NOT_ASSIGNED })
  @ApiNotFoundResponse({ description: NO_TICKET })
  @ApiExtension('x-example-fields', { status: 'STOPPED', active_seconds: 2280, ended_at: '2024-10-23T10:13:00.000Z' })
  @Authenticated({ roles: WORKERS })
  @HttpCode(200)
  @Post(':id/work-session/stop')
  stop(@Auth() auth: AuthContext, @IdParam() id: number) {
    return this.workflow.sessionAction(auth, id, 'stop');
  }

  /**
   * The events of all the ticket's work sessions, oldest first: started, paused, resumed,
   * auto_resumed (the pause budget ran out) and stopped. Active time is derived from them.
   */
  @ApiOperation({ summary: 'Work-session events of a ticket (started, paused, resumed, auto_resumed, stopped)' })
  @ApiPage(SessionHistoryEntryView, { description: 'One DRF page of session events, oldest first' })
  @ApiNotFoundResponse({ description: `${NO_TICKET}; or a page past the last: {"detail": "Invalid page."}` })
  @Authenticated({ roles: WORKFLOW_ROLES })
  @Get(':id/work-session/history')
  history(@IdParam() id: number, @Query() query: WorkflowPageQuery) {
    return this.workflow.sessionHistory(id, query);
  }
}
