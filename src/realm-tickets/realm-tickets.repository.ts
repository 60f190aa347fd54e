import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import type { KeysetPosition } from '../common/cursor';
import { Db } from '../database/db';
import { keysetPage } from '../database/paging';
import { RealmTicketEntity, TicketStatus } from './realm-ticket.entity';

export type NewTicket = Omit<RealmTicketEntity, 'user' | 'createdAt'>;

/** Who looks: a delegate and its chain (root first, itself last). */
export interface TicketViewer {
  delegateId: string;
  chain: readonly string[];
}

/**
 * The queries on `realm_tickets`, always scoped to a realm and a viewer's view: the tickets
 * created by a delegate of its issuer chain (itself up to the root, as seed 000 says) or below
 * it (what it delegated: the user's root delegate sees every ticket of its realm).
 */
@Injectable()
export class RealmTicketsRepository {
  constructor(private readonly db: Db) {}

  private get tickets(): Repository<RealmTicketEntity> {
    return this.db.repository(RealmTicketEntity);
  }

  async insert(ticket: NewTicket): Promise<void> {
    await this.tickets.insert(ticket);
  }

  findVisible(realm: string, id: string, viewer: TicketViewer): Promise<RealmTicketEntity | null> {
    return this.visible(realm, viewer).andWhere('t.id = :id', { id }).getOne();
  }

  /** The ticket row, locked until the transaction ends: submits of one ticket queue up. */
  lock(realm: string, id: string): Promise<RealmTicketEntity | null> {
    return this.tickets.createQueryBuilder('t').where('t.realm = :realm AND t.id = :id', { realm, id }).setLock('pessimistic_write').getOne();
  }

  /** A keyset page of the tickets the viewer sees, newest first. */
  page(realm: string, viewer: TicketViewer, status: TicketStatus | undefined, after: KeysetPosition | null, limit: number) {
    const qb = this.visible(realm, viewer);
    if (status) qb.andWhere('t.status = :status', { status });
    return keysetPage(qb, ['t.id'], 'DESC', after, limit);
  }

  async markSubmitted(id: string, root: string, submittedAt: Date): Promise<void> {
    await this.tickets.update({ id }, { status: 'submitted', root, submittedAt });
  }

  private visible(realm: string, viewer: TicketViewer) {
    return this.tickets
      .createQueryBuilder('t')
      .where('t.realm = :realm', { realm })
      .andWhere(
        `(t.creatorDelegateId IN (:...issuers) OR EXISTS (SELECT 1 FROM cas_delegates c WHERE c.id = t.creator_delegate_id AND c.chain @> ARRAY[CAST(:viewer AS uuid)]))`,
        { issuers: viewer.chain, viewer: viewer.delegateId },
      );
  }
}
