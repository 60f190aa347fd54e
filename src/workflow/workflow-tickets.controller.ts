import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '../common/pagination';
import { Auth, Authenticated } from '../identity/auth.decorators';
import type { AuthContext } from '../identity/auth-context';
import { Role } from '../identity/roles';
import { AssignWorkflowTicketDto, CreateWorkflowTicketDto, ListWorkflowTicketsQuery, ManualMetricsDto, NoteDto } from './dto/workflow.dto';
import { WorkflowService } from './workflow.service';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';

/** Everyone on the shop floor may read tickets. */
export const WORKFLOW_ROLES = [Role.Master, Role.SuperAdmin, Role.OpsManager, Role.Technician, Role.QcInspector];
const WORKERS = [Role.Technician, Role.SuperAdmin];
const INSPECTORS = [Role.QcInspector, Role.SuperAdmin];
const ADMINS = [Role.SuperAdmin, Role.OpsManager];
const Id = () => Param('id', ParseIdPipe);

@ApiTags('workflow')
@ApiNotFoundResponse({ description: 'No such ticket' })
@ApiBadRequestResponse({ description: 'The action is not allowed in the ticket’s current status (or input is invalid)' })
@Controller('api/v1/tickets')
export class WorkflowTicketsController {
  constructor(private readonly workflow: WorkflowService) {}

  @ApiOperation({ summary: 'Tickets with inventory item, people and latest work session; filter by status, technician, inventory_item' })
  @Authenticated({ roles: WORKFLOW_ROLES })
  @Get()
  list(@Query() query: ListWorkflowTicketsQuery) {
    return this.workflow.list(query);
  }

  @ApiOperation({ summary: 'Intake: create a ticket for a serial number; metrics come from the part specs' })
  @Authenticated({ roles: [Role.Master, Role.SuperAdmin] })
  @Post('create')
  create(@Auth() auth: AuthContext, @Body() dto: CreateWorkflowTicketDto) {
    return this.workflow.create(auth, dto);
  }

  @ApiOperation({ summary: 'One ticket' })
  @Authenticated({ roles: WORKFLOW_ROLES })
  @Get(':id')
  get(@Id() id: number) {
    return this.workflow.get(id);
  }

  @ApiOperation({ summary: 'Append-only transitions of a ticket' })
  @Authenticated({ roles: WORKFLOW_ROLES })
  @Get(':id/transitions')
  transitions(@Id() id: number, @Query() query: PageQuery) {
    return this.workflow.transitions(id, query);
  }

  @ApiOperation({ summary: 'Admin review: approve, optionally overriding flag_color / xp_amount' })
  @Authenticated({ roles: ADMINS })
  @HttpCode(200)
  @Post(':id/manual-metrics')
  manualMetrics(@Auth() auth: AuthContext, @Id() id: number, @Body() dto: ManualMetricsDto) {
    return this.workflow.manualMetrics(auth, id, dto);
  }

  @ApiOperation({ summary: 'Assign an approved ticket to a technician' })
  @Authenticated({ roles: ADMINS })
  @HttpCode(200)
  @Post(':id/assign')
  assign(@Auth() auth: AuthContext, @Id() id: number, @Body() dto: AssignWorkflowTicketDto) {
    return this.workflow.assign(auth, id, dto);
  }

  @ApiOperation({ summary: 'Start work: IN_PROGRESS and a running work session' })
  @Authenticated({ roles: WORKERS })
  @HttpCode(200)
  @Post(':id/start')
  start(@Auth() auth: AuthContext, @Id() id: number) {
    return this.workflow.start(auth, id);
  }

  @ApiOperation({ summary: 'Hand over to QC (the work session must be stopped)' })
  @Authenticated({ roles: WORKERS })
  @HttpCode(200)
  @Post(':id/to-waiting-qc')
  toWaitingQc(@Auth() auth: AuthContext, @Id() id: number, @Body() dto: NoteDto) {
    return this.workflow.toWaitingQc(auth, id, dto.note);
  }

  @ApiOperation({ summary: 'QC pass: DONE, inventory READY, XP paid' })
  @Authenticated({ roles: INSPECTORS })
  @HttpCode(200)
  @Post(':id/qc-pass')
  qcPass(@Auth() auth: AuthContext, @Id() id: number, @Body() dto: NoteDto) {
    return this.workflow.qcPass(auth, id, dto.note);
  }

  @ApiOperation({ summary: 'QC fail: REWORK' })
  @Authenticated({ roles: INSPECTORS })
  @HttpCode(200)
  @Post(':id/qc-fail')
  qcFail(@Auth() auth: AuthContext, @Id() id: number, @Body() dto: NoteDto) {
    return this.workflow.qcFail(auth, id, dto.note);
  }

  @ApiOperation({ summary: 'Pause the work session (within the daily pause budget)' })
  @Authenticated({ roles: WORKERS })
  @HttpCode(200)
  @Post(':id/work-session/pause')
  pause(@Auth() auth: AuthContext, @Id() id: number) {
    return this.workflow.sessionAction(auth, id, 'pause');
  }

  @ApiOperation({ summary: 'Resume the paused work session' })
  @Authenticated({ roles: WORKERS })
  @HttpCode(200)
  @Post(':id/work-session/resume')
  resume(@Auth() auth: AuthContext, @Id() id: number) {
    return this.workflow.sessionAction(auth, id, 'resume');
  }

  @ApiOperation({ summary: 'Stop the work session' })
  @Authenticated({ roles: WORKERS })
  @HttpCode(200)
  @Post(':id/work-session/stop')
  stop(@Auth() auth: AuthContext, @Id() id: number) {
    return this.workflow.sessionAction(auth, id, 'stop');
  }

  @ApiOperation({ summary: 'Work-session events of a ticket (started, paused, resumed, auto_resumed, stopped)' })
  @Authenticated({ roles: WORKFLOW_ROLES })
  @Get(':id/work-session/history')
  history(@Id() id: number, @Query() query: PageQuery) {
    return this.workflow.sessionHistory(id, query);
  }
}
