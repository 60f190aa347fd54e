import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CursorPage } from '../common/pagination';
import { ApiPage, ApiSuccess } from '../common/surfaces/surface-response.interceptor';
import { DepotsService } from './depots.service';
import { CommitDepotDto, CreateDepotDto, UpdateDepotDto } from './dto/depot.dto';
import { CursorQuery } from '../common/page-query.dto';
import { DeletedView, DepotView } from './dto/depot.view';
import { Caller, RealmAuth } from './realm-auth.guard';
import type { RealmCaller } from './realm-caller';

@ApiTags('realm')
@RealmAuth()
@ApiNotFoundResponse({ description: 'DEPOT_NOT_FOUND' })
@Controller('api/realm/:realmId/depots')
export class DepotsController {
  constructor(private readonly depots: DepotsService) {}

  @ApiOperation({ summary: "The realm's depots, oldest first" })
  @ApiPage(DepotView, { field: 'depots' })
  @Get()
  list(@Caller() caller: RealmCaller, @Query() query: CursorQuery): Promise<CursorPage<DepotView>> {
    return this.depots.list(caller, query);
  }

  @ApiOperation({ summary: 'Create a depot; its root starts at the empty dict' })
  @ApiConflictResponse({ description: 'DEPOT_TITLE_TAKEN' })
  @ApiSuccess(DepotView, { status: 201 })
  @Post()
  create(@Caller() caller: RealmCaller, @Body() dto: CreateDepotDto): Promise<DepotView> {
    return this.depots.create(caller, dto);
  }

  @ApiOperation({ summary: 'One depot, with its root history (newest first)' })
  @ApiSuccess(DepotView)
  @Get(':depotId')
  get(@Caller() caller: RealmCaller, @Param('depotId') depotId: string): Promise<DepotView> {
    return this.depots.get(caller, depotId);
  }

  @ApiOperation({ summary: "Change a depot's title or maxHistory (not its root: commit does that)" })
  @ApiConflictResponse({ description: 'DEPOT_TITLE_TAKEN' })
  @ApiSuccess(DepotView)
  @Patch(':depotId')
  update(@Caller() caller: RealmCaller, @Param('depotId') depotId: string, @Body() dto: UpdateDepotDto): Promise<DepotView> {
    return this.depots.update(caller, depotId, dto);
  }

  @ApiOperation({ summary: 'Delete a depot (its nodes stay stored)' })
  @ApiSuccess(DeletedView)
  @Delete(':depotId')
  remove(@Caller() caller: RealmCaller, @Param('depotId') depotId: string): Promise<DeletedView> {
    return this.depots.remove(caller, depotId);
  }

  @ApiOperation({ summary: 'Move the depot to a new root; the previous root goes first in the history' })
  @ApiBadRequestResponse({ description: 'ROOT_NODE_NOT_FOUND: the root is not stored in the realm' })
  @ApiConflictResponse({ description: 'DEPOT_ROOT_CONFLICT: expectedRoot is not the current root' })
  @ApiSuccess(DepotView)
  @HttpCode(200)
  @Post(':depotId/commit')
  commit(@Caller() caller: RealmCaller, @Param('depotId') depotId: string, @Body() dto: CommitDepotDto): Promise<DepotView> {
    return this.depots.commit(caller, depotId, dto);
  }
}
