import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '../identity/identity.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { WorkSessionModule } from '../work-session/work-session.module';
import { InventoryItemEntity } from './inventory-item.entity';
import { InventoryService } from './inventory.service';
import { PauseSweeper } from './pause-sweeper';
import { RulesVersionEntity } from './rules-version.entity';
import { RulesService } from './rules.service';
import { InventoryController, RulesController, XpController } from './workflow-admin.controller';
import { WorkflowTicketEntity } from './workflow-ticket.entity';
import { WorkflowTicketsController } from './workflow-tickets.controller';
import { WorkflowTransitionEntity } from './workflow-transition.entity';
import { WorkflowService } from './workflow.service';
import { XpEntryEntity } from './xp-entry.entity';
import { XpService } from './xp.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([InventoryItemEntity, WorkflowTicketEntity, WorkflowTransitionEntity, XpEntryEntity, RulesVersionEntity]),
    IdentityModule,
    WebhooksModule,
    WorkSessionModule,
  ],
  controllers: [WorkflowTicketsController, InventoryController, XpController, RulesController],
  providers: [WorkflowService, InventoryService, XpService, RulesService, PauseSweeper],
})
export class WorkflowModule {}
