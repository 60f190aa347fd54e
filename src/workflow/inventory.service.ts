import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { offsetOf, Page, PageQuery } from '../common/pagination';
import { isUniqueViolation } from '../database/sql';
import type { AuthContext } from '../identity/auth-context';
import { CreateInventoryItemDto } from './dto/workflow.dto';
import { InventoryItemEntity } from './inventory-item.entity';
import { WorkflowTicketEntity } from './workflow-ticket.entity';
import { WorkflowError } from './workflow.errors';
import { inventoryView } from './workflow.views';

/** Inventory items by serial number: created, archived (never with an active ticket) and restored. */
@Injectable()
export class InventoryService {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: PageQuery) {
    const [rows, total] = await this.items().findAndCount({ order: { id: 'DESC' }, skip: offsetOf(query), take: query.page_size });
    return Page.of(rows.map(inventoryView), total, query);
  }

  async get(id: number) {
    return inventoryView(await this.require(id));
  }

  async create(auth: AuthContext, dto: CreateInventoryItemDto) {
    try {
      return inventoryView(await this.items().save(this.items().create({ serialNumber: dto.serial_number, status: 'READY', createReason: dto.reason ?? null, createdBy: auth.userId })));
    } catch (err) {
      if (isUniqueViolation(err)) throw WorkflowError.refused(`An inventory item with serial number ${dto.serial_number} already exists.`);
      throw err;
    }
  }

  async archive(id: number) {
    return this.dataSource.transaction(async (manager) => {
      const item = await manager.getRepository(InventoryItemEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!item) throw WorkflowError.notFound('Inventory item');
      if (item.status === 'ARCHIVED') throw WorkflowError.refused('The inventory item is already archived.');
      const active = await manager.getRepository(WorkflowTicketEntity).exists({ where: { inventoryItemId: id, status: In(['UNDER_REVIEW', 'NEW', 'ASSIGNED', 'IN_PROGRESS', 'WAITING_QC', 'REWORK']) } });
      if (active) throw WorkflowError.refused('The inventory item has an active ticket and cannot be archived.');
      item.status = 'ARCHIVED';
      return inventoryView(await manager.save(item));
    });
  }

  async restore(id: number) {
    const item = await this.require(id);
    if (item.status !== 'ARCHIVED') throw WorkflowError.refused('Only an archived inventory item can be restored.');
    item.status = 'READY';
    return inventoryView(await this.items().save(item));
  }

  private items() {
    return this.dataSource.getRepository(InventoryItemEntity);
  }

  private async require(id: number): Promise<InventoryItemEntity> {
    const item = await this.items().findOneBy({ id });
    if (!item) throw WorkflowError.notFound('Inventory item');
    return item;
  }
}
