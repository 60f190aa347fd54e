import { Injectable } from '@nestjs/common';
import type { Page } from '../common/pagination';
import type { PageQuery } from '../common/page-query.dto';
import { Db } from '../database/db';
import { findPage } from '../database/paging';
import { InventoryItemEntity, InventoryStatus } from './inventory-item.entity';

@Injectable()
export class InventoryItemsRepository {
  constructor(private readonly db: Db) {}

  /** One page of items, newest first. */
  async page(query: PageQuery): Promise<Page<InventoryItemEntity>> {
    return findPage(this.items(), { order: { id: 'DESC' } }, query);
  }

  async findById(id: number): Promise<InventoryItemEntity | null> {
    return this.items().findOneBy({ id });
  }

  /** The item, its row locked until the transaction in progress ends. */
  async lockById(id: number): Promise<InventoryItemEntity | null> {
    return this.items().findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async findBySerial(serialNumber: string): Promise<InventoryItemEntity | null> {
    return this.items().findOneBy({ serialNumber });
  }

  /** Inserts a READY item (fails on the unique serial number). */
  async insert(serialNumber: string, createReason: string | null, createdBy: number): Promise<InventoryItemEntity> {
    const items = this.items();
    return items.save(items.create({ serialNumber, status: 'READY', createReason, createdBy }));
  }

  /** Stores a new status of the item (and sets it on `item`). */
  async setStatus(item: InventoryItemEntity, status: InventoryStatus): Promise<InventoryItemEntity> {
    item.status = status;
    return this.items().save(item);
  }

  private items() {
    return this.db.repository(InventoryItemEntity);
  }
}
