import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '../identity/identity.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { WorkSessionModule } from '../work-session/work-session.module';
import { InventoryItemEntity } from './inventory-item.entity';
import { InventoryItemsRepository } from './inventory-items.repository';
import { InventoryService } from './inventory.service';
import { PauseSweeper } from './pause-sweeper';
import { RulesVersionEntity } from './rules-version.entity';
import { RulesVersionsRepository } from './rules-versions.repository';
import { RulesService } from './rules.service';
import { WorkflowActions } from './workflow-actions';
import { WorkflowDerivedService } from './workflow-derived.service';
import { InventoryController, RulesController, XpController } from './workflow-admin.controller';
import { WorkflowQcService } from './workflow-qc.service';
import { WorkflowTicketEntity } from './workflow-ticket.entity';
import { WorkflowTicketsController } from './workflow-tickets.controller';
import { WorkflowTicketsRepository } from './workflow-tickets.repository';
import { WorkflowTransitionEntity } from './workflow-transition.entity';
import { WorkflowTransitionsRepository } from './workflow-transitions.repository';
import { WorkflowService } from './workflow.service';
import { XpEntriesRepository } from './xp-entries.repository';
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
  providers: [
    WorkflowTicketsRepository,
    WorkflowTransitionsRepository,
    InventoryItemsRepository,
    RulesVersionsRepository,
    XpEntriesRepository,
    WorkflowActions,
    WorkflowService,
    WorkflowQcService,
    InventoryService,
    XpService,
    RulesService,
    PauseSweeper,
    WorkflowDerivedService,
  ],
})
export class WorkflowModule {}
