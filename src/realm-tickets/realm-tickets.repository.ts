import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import type { KeysetPosition } from '../common/cursor';
import { Db } from '../database/db';
import { keysetPage } from '../database/paging';
import { RealmTicketEntity, TicketStatus } from './realm-ticket.entity';

export type NewTicket = Omit<RealmTicketEntity, 'user' | 'createdAt'>;

/**
 * The queries on `realm_tickets`, always scoped to a realm and a view: the tickets created by a
 * delegate of `issuers` (a caller's chain, root first).
 */
@Injectable()
export class RealmTicketsRepository {
  constructor(private readonly db: Db) {}

  private get tickets(): Repository<RealmTicketEntity> {
    return this.db.repository(RealmTicketEntity);
  }

  async insert(ticket: NewTicket): Promise<RealmTicketEntity> {
    await this.tickets.insert(ticket);
    return (await this.tickets.findOneBy({ id: ticket.id }))!;
  }

  /** The ticket, if one of `issuers` created it. */
  findVisible(realm: string, id: string, issuers: readonly string[]): Promise<RealmTicketEntity | null> {
    return this.visible(realm, issuers).andWhere('t.id = :id', { id }).getOne();
  }

  /** The ticket row, locked until the transaction ends: submits of one ticket queue up. */
  lock(realm: string, id: string): Promise<RealmTicketEntity | null> {
    return this.tickets.createQueryBuilder('t').where('t.realm = :realm AND t.id = :id', { realm, id }).setLock('pessimistic_write').getOne();
  }

  /** A keyset page of the tickets created by `issuers`, newest first. */
  page(realm: string, issuers: readonly string[], status: TicketStatus | undefined, after: KeysetPosition | null, limit: number) {
    const qb = this.visible(realm, issuers);
    if (status) qb.andWhere('t.status = :status', { status });
    return keysetPage(qb, ['t.id'], 'DESC', after, limit);
  }

  async markSubmitted(id: string, root: string, submittedAt: Date): Promise<void> {
    await this.tickets.update({ id }, { status: 'submitted', root, submittedAt });
  }

  private visible(realm: string, issuers: readonly string[]) {
    return this.tickets.createQueryBuilder('t').where('t.realm = :realm AND t.creatorDelegateId IN (:...issuers)', { realm, issuers });
  }
}
