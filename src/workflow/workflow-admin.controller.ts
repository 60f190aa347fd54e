import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQuery } from '../common/pagination';
import { Auth, Authenticated } from '../identity/auth.decorators';
import type { AuthContext } from '../identity/auth-context';
import { Role } from '../identity/roles';
import { CreateInventoryItemDto, RulesConfigDto, XpQuery } from './dto/workflow.dto';
import { InventoryService } from './inventory.service';
import { RulesService } from './rules.service';
import { WORKFLOW_ROLES } from './workflow-tickets.controller';
import { XpService } from './xp.service';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';

const STOCK_KEEPERS = [Role.Master, Role.SuperAdmin, Role.OpsManager];

@ApiTags('workflow')
@Controller('api/v1/inventory/items')
export class InventoryController {
  constructor(private readonly inventory: InventoryService) {}

  @ApiOperation({ summary: 'Inventory items' })
  @Authenticated({ roles: WORKFLOW_ROLES })
  @Get()
  list(@Query() query: PageQuery) {
    return this.inventory.list(query);
  }

  @ApiOperation({ summary: 'Register an inventory item by serial number' })
  @Authenticated({ roles: STOCK_KEEPERS })
  @Post()
  create(@Auth() auth: AuthContext, @Body() dto: CreateInventoryItemDto) {
    return this.inventory.create(auth, dto);
  }

  @ApiOperation({ summary: 'One inventory item' })
  @Authenticated({ roles: WORKFLOW_ROLES })
  @Get(':id')
  get(@Param('id', ParseIdPipe) id: number) {
    return this.inventory.get(id);
  }

  @ApiOperation({ summary: 'Archive (refused while a ticket is active)' })
  @Authenticated({ roles: STOCK_KEEPERS })
  @HttpCode(200)
  @Post(':id/archive')
  archive(@Param('id', ParseIdPipe) id: number) {
    return this.inventory.archive(id);
  }

  @ApiOperation({ summary: 'Restore an archived item' })
  @Authenticated({ roles: STOCK_KEEPERS })
  @HttpCode(200)
  @Post(':id/restore')
  restore(@Param('id', ParseIdPipe) id: number) {
    return this.inventory.restore(id);
  }
}

@ApiTags('workflow')
@Authenticated({ roles: WORKFLOW_ROLES })
@Controller('api/v1/xp')
export class XpController {
  constructor(private readonly xp: XpService) {}

  @ApiOperation({ summary: 'XP ledger entries: yours, or a user’s (super_admin, ops_manager)' })
  @Get('transactions')
  transactions(@Auth() auth: AuthContext, @Query() query: XpQuery) {
    return this.xp.transactions(auth, query);
  }

  @ApiOperation({ summary: 'XP total: yours, or a user’s (super_admin, ops_manager)' })
  @Get('summary')
  summary(@Auth() auth: AuthContext, @Query() query: XpQuery) {
    return this.xp.summary(auth, query.user_id);
  }
}

@ApiTags('workflow')
@Authenticated({ roles: [Role.SuperAdmin] })
@Controller('api/v1/rules/config')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @ApiOperation({ summary: 'The XP and work-session rules in force' })
  @Get()
  get() {
    return this.rules.view();
  }

  @ApiOperation({ summary: 'Store a new version of the rules (with a reason)' })
  @Put()
  update(@Auth() auth: AuthContext, @Body() dto: RulesConfigDto) {
    return this.rules.update(auth, dto);
  }
}
