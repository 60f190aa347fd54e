import { Injectable } from '@nestjs/common';
import type { Page } from '../common/pagination';
import type { PageQuery } from '../common/page-query.dto';
import { Db } from '../database/db';
import { findPage } from '../database/paging';
import { XpEntryEntity } from './xp-entry.entity';

/** The XP ledger (append-only). */
@Injectable()
export class XpEntriesRepository {
  constructor(private readonly db: Db) {}

  /** Appends an entry (fails on its unique reference: a payment happens at most once). */
  async insert(entry: Pick<XpEntryEntity, 'userId' | 'amount' | 'entryType' | 'reference' | 'payload'>): Promise<void> {
    await this.db.manager.insert(XpEntryEntity, entry);
  }

  /** One page of a user's entries, newest first. */
  async pageOfUser(userId: number, query: PageQuery): Promise<Page<XpEntryEntity>> {
    return findPage(this.db.repository(XpEntryEntity), { where: { userId }, order: { id: 'DESC' } }, query);
  }

  /** A user's XP total and number of entries. */
  async totalsOfUser(userId: number): Promise<{ total: number; entries: number }> {
    const [row] = await this.db.manager.query(`SELECT coalesce(sum(amount), 0)::int AS total, count(*)::int AS entries FROM xp_entries WHERE user_id = $1`, [userId]);
    return { total: row.total, entries: row.entries };
  }
}
