import { Injectable } from '@nestjs/common';
import { Not } from 'typeorm';
import type { Page } from '../common/pagination';
import type { PageQuery } from '../common/page-query.dto';
import { Db } from '../database/db';
import { findPage } from '../database/paging';
import type { InventoryItemEntity } from './inventory-item.entity';
import type { WorkflowStatus } from './workflow-rules';
import { WorkflowTicketEntity } from './workflow-ticket.entity';

/** A ticket with its inventory item loaded, as every ticket read answers it. */
export type TicketWithItem = WorkflowTicketEntity & { inventoryItem: InventoryItemEntity };

/** What intake decides about a new ticket; the rest starts empty. */
export type NewTicket = Pick<WorkflowTicketEntity, 'status' | 'title' | 'masterId' | 'partSpecs' | 'totalDuration' | 'flagColor' | 'xpAmount'> & {
  inventoryItem: InventoryItemEntity;
};

export interface TicketFilter {
  status?: WorkflowStatus;
  technicianId?: number;
  inventoryItemId?: number;
}

@Injectable()
export class WorkflowTicketsRepository {
  constructor(private readonly db: Db) {}

  /** The ticket and its item, the ticket's row locked until the transaction in progress ends. */
  async lockWithItem(id: number): Promise<TicketWithItem | null> {
    const ticket = await this.tickets()
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.inventoryItem', 'i')
      .where('t.id = :id', { id })
      .setLock('pessimistic_write', undefined, ['t'])
      .getOne();
    return ticket as TicketWithItem | null;
  }

  async findWithItem(id: number): Promise<TicketWithItem | null> {
    return (await this.tickets().findOne({ where: { id }, relations: { inventoryItem: true } })) as TicketWithItem | null;
  }

  async exists(id: number): Promise<boolean> {
    return this.tickets().existsBy({ id });
  }

  /** One page of tickets matching `filter`, newest first, with their items. */
  async page(filter: TicketFilter, query: PageQuery): Promise<Page<TicketWithItem>> {
    const where = {
      ...(filter.status && { status: filter.status }),
      ...(filter.technicianId && { technicianId: filter.technicianId }),
      ...(filter.inventoryItemId && { inventoryItemId: filter.inventoryItemId }),
    };
    return (await findPage(this.tickets(), { where, relations: { inventoryItem: true }, order: { id: 'DESC' } }, query)) as Page<TicketWithItem>;
  }

  /** Inserts a ticket (fails on the one-active-ticket-per-item unique index). */
  async insert({ inventoryItem, ...values }: NewTicket): Promise<TicketWithItem> {
    const tickets = this.tickets();
    const ticket = tickets.create({
      ...values,
      inventoryItemId: inventoryItem.id,
      technicianId: null,
      isManual: false,
      approvedBy: null,
      approvedAt: null,
      assignedAt: null,
      startedAt: null,
      doneAt: null,
    });
    return Object.assign(await tickets.save(ticket), { inventoryItem });
  }

  /** Saves the ticket's changes (fails on the one-ticket-in-progress-per-technician unique index). */
  async save(ticket: WorkflowTicketEntity): Promise<void> {
    await this.tickets().save(ticket);
  }

  /** True while the item has a ticket that is not DONE (what the unique index allows once). */
  async hasActiveTicket(inventoryItemId: number): Promise<boolean> {
    return this.tickets().exists({ where: { inventoryItemId, status: Not('DONE') } });
  }

  private tickets() {
    return this.db.repository(WorkflowTicketEntity);
  }
}
