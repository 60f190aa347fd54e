import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiExtension, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
@Controller('api/realm/:realmId/depots')
export class DepotsController {
  constructor(private readonly depots: DepotsService) {}

  /**
   * Every depot of the realm, oldest first, with its current root and history, a page at a time
   * (pass `nextCursor` back as `cursor`). Any delegate of the realm may list them.
   */
  @ApiOperation({ summary: "The realm's depots, oldest first" })
  @ApiPage(DepotView, { field: 'depots', description: 'A page of depots; nextCursor is absent on the last page' })
  @Get()
  list(@Caller() caller: RealmCaller, @Query() query: CursorQuery): Promise<CursorPage<DepotView>> {
    return this.depots.list(caller, query);
  }

  /**
   * A named, versioned pointer to a tree: it starts at the empty dict and moves with commit.
   * Needs `canManageDepot` (403 DEPOT_MANAGE_NOT_ALLOWED); titles are unique in the realm (409).
   */
  @ApiOperation({ summary: 'Create a depot; its root starts at the empty dict' })
  @ApiConflictResponse({ description: 'DEPOT_TITLE_TAKEN' })
  @ApiSuccess(DepotView, { status: 201, description: 'The new depot, at the empty dict' })
  @ApiExtension('x-example-fields', { root: 'nod_240B5PHBGEC2A705WTKKMVRS30', history: [], updatedAt: 1729674060000 })
  @Post()
  create(@Caller() caller: RealmCaller, @Body() dto: CreateDepotDto): Promise<DepotView> {
    return this.depots.create(caller, dto);
  }

  /** One depot of the realm with its current root and previous roots, newest first. */
  @ApiOperation({ summary: 'One depot, with its root history (newest first)' })
  @ApiSuccess(DepotView, { description: 'The depot' })
  @ApiNotFoundResponse({ description: 'DEPOT_NOT_FOUND' })
  @Get(':depotId')
  get(@Caller() caller: RealmCaller, @Param('depotId') depotId: string): Promise<DepotView> {
    return this.depots.get(caller, depotId);
  }

  /**
   * Renames a depot or changes how many previous roots it keeps (shrinking drops the oldest).
   * Needs `canManageDepot`, and the depot among `delegatedDepots` when the caller has such a list.
   */
  @ApiOperation({ summary: "Change a depot's title or maxHistory (not its root: commit does that)" })
  @ApiConflictResponse({ description: 'DEPOT_TITLE_TAKEN' })
  @ApiSuccess(DepotView, { description: 'The depot as changed' })
  @ApiNotFoundResponse({ description: 'DEPOT_NOT_FOUND' })
  @ApiExtension('x-example-fields', { title: 'team docs', updatedAt: 1729674180000 })
  @Patch(':depotId')
  update(@Caller() caller: RealmCaller, @Param('depotId') depotId: string, @Body() dto: UpdateDepotDto): Promise<DepotView> {
    return this.depots.update(caller, depotId, dto);
  }

  /**
   * Deletes the depot; the nodes of its trees stay stored (other trees may use them). Needs
   * `canManageDepot` (and the depot among `delegatedDepots` when the caller has such a list).
   */
  @ApiOperation({ summary: 'Delete a depot (its nodes stay stored)' })
  @ApiSuccess(DeletedView, { description: 'Deleted: {"success": true}' })
  @ApiNotFoundResponse({ description: 'DEPOT_NOT_FOUND' })
  @Delete(':depotId')
  remove(@Caller() caller: RealmCaller, @Param('depotId') depotId: string): Promise<DeletedView> {
    return this.depots.remove(caller, depotId);
  }

  /**
   * Points the depot at a new root; the previous root goes first in the history (capped at
   * maxHistory). Needs `canUpload`; the root must be stored (400 ROOT_NODE_NOT_FOUND) and owned by
   * the caller's chain (403 ROOT_NOT_AUTHORIZED; the root delegate and the empty dict are exempt).
   * Concurrent commits queue on a lock, so none is lost; with `expectedRoot`, a commit based on a
   * root that has moved is refused instead (409 DEPOT_ROOT_CONFLICT).
   */
  @ApiOperation({ summary: 'Move the depot to a new root; the previous root goes first in the history' })
  @ApiBadRequestResponse({ description: 'ROOT_NODE_NOT_FOUND: the root is not stored in the realm' })
  @ApiConflictResponse({ description: 'DEPOT_ROOT_CONFLICT: expectedRoot is not the current root' })
  @ApiSuccess(DepotView, { description: 'The depot at its new root' })
  @ApiNotFoundResponse({ description: 'DEPOT_NOT_FOUND' })
  @HttpCode(200)
  @Post(':depotId/commit')
  commit(@Caller() caller: RealmCaller, @Param('depotId') depotId: string, @Body() dto: CommitDepotDto): Promise<DepotView> {
    return this.depots.commit(caller, depotId, dto);
  }
}
