import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '../identity/identity.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { SlaViolationScanner } from './sla-violation.scanner';
import { SupportCommentEntity } from './support-comment.entity';
import { SupportCommentsController } from './support-comments.controller';
import { SupportCommentsRepository } from './support-comments.repository';
import { SupportCommentsService } from './support-comments.service';
import { SupportDerivedService } from './support-derived.service';
import { SupportRateLimitHook } from './support-rate-limit.hook';
import { SupportRollupsRepository } from './support-rollups.repository';
import { SupportStatsController } from './support-stats.controller';
import { SupportStatsRepository } from './support-stats.repository';
import { SupportStatsService } from './support-stats.service';
import { SupportTicketChangeEntity } from './support-ticket-change.entity';
import { SupportTicketChangesRepository } from './support-ticket-changes.repository';
import { SupportTicketEntity } from './support-ticket.entity';
import { SupportTicketsController } from './support-tickets.controller';
import { SupportTicketsRepository } from './support-tickets.repository';
import { SupportTicketsService } from './support-tickets.service';
import { TicketNumberCounterEntity } from './ticket-number-counter.entity';

/** Seed 001's help desk: tickets, comments, history, SLA (scan and report), statistics, rate limits. */
@Module({
  imports: [
    TypeOrmModule.forFeature([SupportTicketEntity, SupportCommentEntity, SupportTicketChangeEntity, TicketNumberCounterEntity]),
    IdentityModule,
    WebhooksModule,
  ],
  controllers: [SupportTicketsController, SupportCommentsController, SupportStatsController],
  providers: [
    SupportTicketsService,
    SupportCommentsService,
    SupportStatsService,
    SupportTicketsRepository,
    SupportTicketChangesRepository,
    SupportCommentsRepository,
    SupportStatsRepository,
    SupportRollupsRepository,
    SupportDerivedService,
    SlaViolationScanner,
    SupportRateLimitHook,
  ],
})
export class SupportTicketsModule {}
