import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { Db } from '../database/db';
import { DiscordAccountEntity } from './discord-account.entity';

/** The queries on `file_ticket_discord_accounts`. */
@Injectable()
export class DiscordAccountsRepository {
  constructor(private readonly db: Db) {}

  private get accounts(): Repository<DiscordAccountEntity> {
    return this.db.repository(DiscordAccountEntity);
  }

  /** Keeps the latest grant of a user's Discord account. */
  async save(account: Omit<DiscordAccountEntity, 'user' | 'updatedAt'>): Promise<void> {
    await this.accounts.upsert(account, ['userId']);
  }

  find(userId: number): Promise<DiscordAccountEntity | null> {
    return this.accounts.findOneBy({ userId });
  }
}
