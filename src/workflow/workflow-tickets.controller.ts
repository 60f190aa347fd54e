import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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

@ApiTags('workflow')
@ApiNotFoundResponse({ description: 'No such ticket' })
@ApiBadRequestResponse({ description: 'The action is not allowed in the ticket’s current status (or input is invalid)' })
@Controller('api/v1/tickets')
export class WorkflowTicketsController {
  constructor(
    private readonly workflow: WorkflowService,
    private readonly qc: WorkflowQcService,
  ) {}

  @ApiOperation({ summary: 'Tickets with inventory item, people and latest work session; filter by status, technician, inventory_item' })
  @ApiPage(WorkflowTicketView)
  @Authenticated({ roles: WORKFLOW_ROLES })
  @Get()
  list(@Query() query: ListWorkflowTicketsQuery) {
    return this.workflow.list(query);
  }

  @ApiOperation({ summary: 'Intake: create a ticket for a serial number; metrics come from the part specs' })
  @ApiSuccess(WorkflowTicketView, { status: 201 })
  @Authenticated({ roles: INTAKE_ROLES })
  @Post('create')
  create(@Auth() auth: AuthContext, @Body() dto: CreateWorkflowTicketDto) {
    return this.workflow.create(auth, dto);
  }

  @ApiOperation({ summary: 'One ticket' })
  @ApiSuccess(WorkflowTicketView)
  @Authenticated({ roles: WORKFLOW_ROLES })
  @Get(':id')
  get(@IdParam() id: number) {
    return this.workflow.get(id);
  }

  @ApiOperation({ summary: 'Append-only transitions of a ticket' })
  @ApiPage(WorkflowTransitionView)
  @Authenticated({ roles: WORKFLOW_ROLES })
  @Get(':id/transitions')
  transitions(@IdParam() id: number, @Query() query: WorkflowPageQuery) {
    return this.workflow.transitions(id, query);
  }

  @ApiOperation({ summary: 'Admin review: approve, optionally overriding flag_color / xp_amount' })
  @ApiSuccess(WorkflowTicketView)
  @Authenticated({ roles: ADMINS })
  @HttpCode(200)
  @Post(':id/manual-metrics')
  manualMetrics(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: ManualMetricsDto) {
    return this.workflow.manualMetrics(auth, id, dto);
  }

  @ApiOperation({ summary: 'Assign an approved ticket to a technician' })
  @ApiSuccess(WorkflowTicketView)
  @Authenticated({ roles: ADMINS })
  @HttpCode(200)
  @Post(':id/assign')
  assign(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: AssignWorkflowTicketDto) {
    return this.workflow.assign(auth, id, dto);
  }

  @ApiOperation({ summary: 'Start work: IN_PROGRESS and a running work session' })
  @ApiSuccess(WorkflowTicketView)
  @Authenticated({ roles: WORKERS })
  @HttpCode(200)
  @Post(':id/start')
  start(@Auth() auth: AuthContext, @IdParam() id: number) {
    return this.workflow.start(auth, id);
  }

  @ApiOperation({ summary: 'Hand over to QC (the work session must be stopped)' })
  @ApiSuccess(WorkflowTicketView)
  @Authenticated({ roles: WORKERS })
  @HttpCode(200)
  @Post(':id/to-waiting-qc')
  toWaitingQc(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: NoteDto) {
    return this.workflow.toWaitingQc(auth, id, dto.note);
  }

  @ApiOperation({ summary: 'QC pass: DONE, inventory READY, XP paid' })
  @ApiSuccess(WorkflowTicketView)
  @Authenticated({ roles: INSPECTORS })
  @HttpCode(200)
  @Post(':id/qc-pass')
  qcPass(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: NoteDto) {
    return this.qc.qcPass(auth, id, dto.note);
  }

  @ApiOperation({ summary: 'QC fail: REWORK' })
  @ApiSuccess(WorkflowTicketView)
  @Authenticated({ roles: INSPECTORS })
  @HttpCode(200)
  @Post(':id/qc-fail')
  qcFail(@Auth() auth: AuthContext, @IdParam() id: number, @Body() dto: NoteDto) {
    return this.qc.qcFail(auth, id, dto.note);
  }

  @ApiOperation({ summary: 'Pause the work session (within the daily pause budget)' })
  @ApiSuccess(WorkSessionView)
  @Authenticated({ roles: WORKERS })
  @HttpCode(200)
  @Post(':id/work-session/pause')
  pause(@Auth() auth: AuthContext, @IdParam() id: number) {
    return this.workflow.sessionAction(auth, id, 'pause');
  }

  @ApiOperation({ summary: 'Resume the paused work session' })
  @ApiSuccess(WorkSessionView)
  @Authenticated({ roles: WORKERS })
  @HttpCode(200)
  @Post(':id/work-session/resume')
  resume(@Auth() auth: AuthContext, @IdParam() id: number) {
    return this.workflow.sessionAction(auth, id, 'resume');
  }

  @ApiOperation({ summary: 'Stop the work session' })
  @ApiSuccess(WorkSessionView)
  @Authenticated({ roles: WORKERS })
  @HttpCode(200)
  @Post(':id/work-session/stop')
  stop(@Auth() auth: AuthContext, @IdParam() id: number) {
    return this.workflow.sessionAction(auth, id, 'stop');
  }

  @ApiOperation({ summary: 'Work-session events of a ticket (started, paused, resumed, auto_resumed, stopped)' })
  @ApiPage(SessionHistoryEntryView)
  @Authenticated({ roles: WORKFLOW_ROLES })
  @Get(':id/work-session/history')
  history(@IdParam() id: number, @Query() query: WorkflowPageQuery) {
    return this.workflow.sessionHistory(id, query);
  }
}
