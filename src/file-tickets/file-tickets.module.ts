import { Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasModule } from '../cas/cas.module';
import { authConfig } from '../config/auth.config';
import { IdentityModule } from '../identity/identity.module';
import { DiscordAccountEntity } from './discord-account.entity';
import { DiscordAccountsRepository } from './discord-accounts.repository';
import { DiscordClient } from './discord.client';
import { DiscordLoginService } from './discord-login.service';
import { DiscordOAuthController } from './discord-oauth.controller';
import { FileTicketEntity } from './file-ticket.entity';
import { FileTicketUsersController } from './file-ticket-users.controller';
import { FileTicketUsers } from './file-ticket-users.service';
import { FileTicketsInfoController } from './file-tickets-info.controller';
import { FileTicketsController } from './file-tickets.controller';
import { FileTicketsRepository } from './file-tickets.repository';
import { FileTicketsService } from './file-tickets.service';
import { TicketStorage } from './ticket-storage.service';
import { TokenSeal } from './token-seal';

/** Seed 003: PD2 file tickets (files as CAS nodes of the owner's realm), Discord login, users' display data. */
@Module({
  imports: [TypeOrmModule.forFeature([FileTicketEntity, DiscordAccountEntity]), IdentityModule, CasModule],
  controllers: [FileTicketsInfoController, DiscordOAuthController, FileTicketUsersController, FileTicketsController],
  providers: [
    FileTicketsRepository,
    DiscordAccountsRepository,
    DiscordClient,
    FileTicketUsers,
    DiscordLoginService,
    TicketStorage,
    FileTicketsService,
    { provide: TokenSeal, inject: [authConfig.KEY], useFactory: (auth: ConfigType<typeof authConfig>) => new TokenSeal(auth.jwtSecret) },
  ],
})
export class FileTicketsModule {}
