import { Injectable } from '@nestjs/common';
import type { Page } from '../common/pagination';
import type { PageQuery } from '../common/page-query.dto';
import { Db } from '../database/db';
import { findPage } from '../database/paging';
import { SupportTicketChangeEntity } from './support-ticket-change.entity';

export type NewTicketChange = Pick<SupportTicketChangeEntity, 'ticketId' | 'field' | 'oldValue' | 'newValue' | 'actorId' | 'reason'>;

/** The append-only history of tickets. */
@Injectable()
export class SupportTicketChangesRepository {
  constructor(private readonly db: Db) {}

  async append(changes: readonly NewTicketChange[]): Promise<void> {
    if (changes.length) await this.db.repository(SupportTicketChangeEntity).insert([...changes]);
  }

  /** A ticket's changes, oldest first. */
  page(ticketId: number, query: PageQuery): Promise<Page<SupportTicketChangeEntity>> {
    return findPage(this.db.repository(SupportTicketChangeEntity), { where: { ticketId }, order: { id: 'ASC' } }, query);
  }
}
