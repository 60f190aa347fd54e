import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { SupportTicketsModule } from '../support-tickets/support-tickets.module';
import { StatsController } from './stats.controller';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';

@Module({
  imports: [IdentityModule, SupportTicketsModule],
  controllers: [StatsController],
  providers: [StatsService, StatsRepository],
})
export class StatsModule {}
