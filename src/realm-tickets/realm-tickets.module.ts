import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasModule } from '../cas/cas.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { RealmTicketEntity } from './realm-ticket.entity';
import { RealmTicketsController } from './realm-tickets.controller';
import { RealmTicketsRepository } from './realm-tickets.repository';
import { RealmTicketsService } from './realm-tickets.service';

/** Seed 000: realm tickets, built on the realm CAS's delegates. */
@Module({
  imports: [TypeOrmModule.forFeature([RealmTicketEntity]), CasModule, WebhooksModule],
  controllers: [RealmTicketsController],
  providers: [RealmTicketsRepository, RealmTicketsService],
})
export class RealmTicketsModule {}
