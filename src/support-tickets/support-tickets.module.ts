import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '../identity/identity.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { SlaViolationScanner } from './sla-violation.scanner';
import { SupportCommentEntity } from './support-comment.entity';
import { SupportCommentsController } from './support-comments.controller';
import { SupportCommentsService } from './support-comments.service';
import { SupportRateLimitHook } from './support-rate-limit.hook';
import { SupportTicketChangeEntity } from './support-ticket-change.entity';
import { SupportTicketEntity } from './support-ticket.entity';
import { SupportTicketsController } from './support-tickets.controller';
import { SupportTicketsRepository } from './support-tickets.repository';
import { SupportTicketsService } from './support-tickets.service';
import { TicketNumberCounterEntity } from './ticket-number-counter.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([SupportTicketEntity, SupportCommentEntity, SupportTicketChangeEntity, TicketNumberCounterEntity]),
    IdentityModule,
    WebhooksModule,
  ],
  controllers: [SupportTicketsController, SupportCommentsController],
  providers: [SupportTicketsService, SupportCommentsService, SupportTicketsRepository, SlaViolationScanner, SupportRateLimitHook],
  exports: [SupportTicketsRepository],
})
export class SupportTicketsModule {}
