import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiExtension, ApiForbiddenResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPage, ApiSuccess } from '../common/surfaces/surface-response.interceptor';
import { IdParam } from '../common/validation/parse-id.pipe';
import { Auth, Authenticated } from '../identity/auth.decorators';
import type { AuthContext } from '../identity/auth-context';
import { CreateInventoryItemDto, RulesConfigDto, XpQuery, WorkflowPageQuery } from './dto/workflow.dto';
import { InventoryItemView } from './inventory-item.view';
import { InventoryService } from './inventory.service';
import { RulesService } from './rules.service';
import { RulesConfigView } from './rules.view';
import { RULES_ADMINS, STOCK_KEEPERS, WORKFLOW_ROLES } from './workflow-roles';
import { XpEntryView, XpSummaryView } from './xp-entry.view';
import { XpService } from './xp.service';

const NO_ITEM = 'No such inventory item: {"detail": "Inventory item not found."}';
const PAST_THE_END = 'A page past the last: {"detail": "Invalid page."}';

@ApiTags('workflow')
@Controller('api/v1/inventory/items')
export class InventoryController {
  constructor(private readonly inventory: InventoryService) {}

  /** Every role of the shop floor lists the inventory items, newest first, archived ones included. */
  @ApiOperation({ summary: 'Inventory items' })
  @ApiPage(InventoryItemView, { description: 'One DRF page of inventory items, newest first' })
  @ApiNotFoundResponse({ description: PAST_THE_END })
  @Authenticated({ roles: WORKFLOW_ROLES })
  @Get()
  list(@Query() query: WorkflowPageQuery) {
    return this.inventory.list(query);
  }

  /**
   * Masters, super_admins and ops_managers register an item by its serial number (unique, case
   * sensitive; a taken one is 400). It starts READY. Intake can also create it, with
   * confirm_create.
   */
  @ApiOperation({ summary: 'Register an inventory item by serial number' })
  @ApiSuccess(InventoryItemView, { status: 201, description: 'The new item, READY' })
  @ApiBadRequestResponse({ description: 'Invalid fields, or the serial number is taken' })
  @Authenticated({ roles: STOCK_KEEPERS })
  @Post()
  create(@Auth() auth: AuthContext, @Body() dto: CreateInventoryItemDto) {
    return this.inventory.create(auth, dto);
  }

  /** One inventory item with its status: READY, IN_SERVICE while a ticket is worked on, or ARCHIVED. */
  @ApiOperation({ summary: 'One inventory item' })
  @ApiSuccess(InventoryItemView, { description: 'The item' })
  @ApiNotFoundResponse({ description: NO_ITEM })
  @Authenticated({ roles: WORKFLOW_ROLES })
  @Get(':id')
  get(@IdParam() id: number) {
    return this.inventory.get(id);
  }

  /**
   * Masters, super_admins and ops_managers archive an item: no new ticket can be taken in for it
   * until it is restored. Refused (400) while one of its tickets is not DONE, or when it is
   * already archived.
   */
  @ApiOperation({ summary: 'Archive (refused while a ticket is active)' })
  @ApiSuccess(InventoryItemView, { description: 'The item, ARCHIVED' })
  @ApiBadRequestResponse({ description: 'Already archived, or the item has an active ticket' })
  @ApiNotFoundResponse({ description: NO_ITEM })
  @ApiExtension('x-example-fields', { status: 'ARCHIVED', updated_at: '2024-10-25T08:00:00.000Z' })
  @Authenticated({ roles: STOCK_KEEPERS })
  @HttpCode(200)
  @Post(':id/archive')
  archive(@IdParam() id: number) {
    return this.inventory.archive(id);
  }

  /** Masters, super_admins and ops_managers bring an archived item back to READY; any other status is 400. */
  @ApiOperation({ summary: 'Restore an archived item' })
  @ApiSuccess(InventoryItemView, { description: 'The item, READY again' })
  @ApiBadRequestResponse({ description: 'The item is not archived' })
  @ApiNotFoundResponse({ description: NO_ITEM })
  @ApiExtension('x-example-fields', { updated_at: '2024-10-26T08:00:00.000Z' })
  @Authenticated({ roles: STOCK_KEEPERS })
  @HttpCode(200)
  @Post(':id/restore')
  restore(@IdParam() id: number) {
    return this.inventory.restore(id);
  }
}

@ApiTags('workflow')
@Authenticated({ roles: WORKFLOW_ROLES })
@Controller('api/v1/xp')
export class XpController {
  constructor(private readonly xp: XpService) {}

  /**
   * The caller's XP ledger, newest first: the technician's base XP and first-pass bonus, and the
   * QC inspector's status-update XP, each paid once. super_admin and ops_manager may pass
   * `user_id` to read anyone's; for other roles another user's id is 403.
   */
  @ApiOperation({ summary: 'XP ledger entries: yours, or a user’s (super_admin, ops_manager)' })
  @ApiPage(XpEntryView, { description: 'One DRF page of ledger entries, newest first' })
  @ApiForbiddenResponse({ description: 'Requires one of the roles of the shop floor; another user’s user_id requires super_admin or ops_manager' })
  @ApiNotFoundResponse({ description: PAST_THE_END })
  @Get('transactions')
  transactions(@Auth() auth: AuthContext, @Query() query: XpQuery) {
    return this.xp.transactions(auth, query);
  }

  /** The caller's XP total and number of ledger entries; `user_id` as for the ledger. */
  @ApiOperation({ summary: 'XP total: yours, or a user’s (super_admin, ops_manager)' })
  @ApiSuccess(XpSummaryView, { description: 'The user’s XP total and entry count' })
  @ApiForbiddenResponse({ description: 'Requires one of the roles of the shop floor; another user’s user_id requires super_admin or ops_manager' })
  @Get('summary')
  summary(@Auth() auth: AuthContext, @Query() query: XpQuery) {
    return this.xp.summary(auth, query);
  }
}

@ApiTags('workflow')
@Authenticated({ roles: RULES_ADMINS })
@Controller('api/v1/rules/config')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  /**
   * super_admin reads the rules in force: the newest stored version, or the configured defaults
   * as version 0 (WORKFLOW_* variables). They set XP amounts and the daily pause budget.
   */
  @ApiOperation({ summary: 'The XP and work-session rules in force' })
  @ApiSuccess(RulesConfigView, { description: 'The rules in force and their version' })
  @Get()
  get() {
    return this.rules.view();
  }

  /**
   * super_admin stores a new, complete version of the rules with a reason; it applies from the
   * next action on. As DRF does, read-only fields echoed back from a GET (`version`,
   * `changed_by`, `created_at`) and unknown fields are ignored. The time zone must be an IANA
   * name (400 otherwise).
   */
  @ApiOperation({ summary: 'Store a new version of the rules (with a reason)' })
  @ApiSuccess(RulesConfigView, { description: 'The new version, now in force' })
  @Put()
  update(@Auth() auth: AuthContext, @Body() dto: RulesConfigDto) {
    return this.rules.update(auth, dto);
  }
}
