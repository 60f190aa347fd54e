import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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

@ApiTags('workflow')
@Controller('api/v1/inventory/items')
export class InventoryController {
  constructor(private readonly inventory: InventoryService) {}

  @ApiOperation({ summary: 'Inventory items' })
  @ApiPage(InventoryItemView)
  @Authenticated({ roles: WORKFLOW_ROLES })
  @Get()
  list(@Query() query: WorkflowPageQuery) {
    return this.inventory.list(query);
  }

  @ApiOperation({ summary: 'Register an inventory item by serial number' })
  @ApiSuccess(InventoryItemView, { status: 201 })
  @Authenticated({ roles: STOCK_KEEPERS })
  @Post()
  create(@Auth() auth: AuthContext, @Body() dto: CreateInventoryItemDto) {
    return this.inventory.create(auth, dto);
  }

  @ApiOperation({ summary: 'One inventory item' })
  @ApiSuccess(InventoryItemView)
  @Authenticated({ roles: WORKFLOW_ROLES })
  @Get(':id')
  get(@IdParam() id: number) {
    return this.inventory.get(id);
  }

  @ApiOperation({ summary: 'Archive (refused while a ticket is active)' })
  @ApiSuccess(InventoryItemView)
  @Authenticated({ roles: STOCK_KEEPERS })
  @HttpCode(200)
  @Post(':id/archive')
  archive(@IdParam() id: number) {
    return this.inventory.archive(id);
  }

  @ApiOperation({ summary: 'Restore an archived item' })
  @ApiSuccess(InventoryItemView)
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

  @ApiOperation({ summary: 'XP ledger entries: yours, or a user’s (super_admin, ops_manager)' })
  @ApiPage(XpEntryView)
  @Get('transactions')
  transactions(@Auth() auth: AuthContext, @Query() query: XpQuery) {
    return this.xp.transactions(auth, query);
  }

  @ApiOperation({ summary: 'XP total: yours, or a user’s (super_admin, ops_manager)' })
  @ApiSuccess(XpSummaryView)
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

  @ApiOperation({ summary: 'The XP and work-session rules in force' })
  @ApiSuccess(RulesConfigView)
  @Get()
  get() {
    return this.rules.view();
  }

  @ApiOperation({ summary: 'Store a new version of the rules (with a reason)' })
  @ApiSuccess(RulesConfigView)
  @Put()
  update(@Auth() auth: AuthContext, @Body() dto: RulesConfigDto) {
    return this.rules.update(auth, dto);
  }
}
