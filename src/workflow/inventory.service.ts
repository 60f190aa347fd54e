import { Injectable } from '@nestjs/common';
import { Page } from '../common/pagination';
import { PageQuery } from '../common/page-query.dto';
import { isUniqueViolation } from '../database/sql';
import { Transactions } from '../database/transactions';
import type { AuthContext } from '../identity/auth-context';
import { CreateInventoryItemDto } from './dto/workflow.dto';
import { inventoryView, InventoryItemView } from './inventory-item.view';
import { InventoryItemsRepository } from './inventory-items.repository';
import { WorkflowTicketsRepository } from './workflow-tickets.repository';
import { WorkflowError } from './workflow.errors';

/** Inventory items by serial number: created, archived (never with an active ticket) and restored. */
@Injectable()
export class InventoryService {
  constructor(
    private readonly transactions: Transactions,
    private readonly items: InventoryItemsRepository,
    private readonly tickets: WorkflowTicketsRepository,
  ) {}

  async list(query: PageQuery): Promise<Page<InventoryItemView>> {
    return (await this.items.page(query)).map(inventoryView);
  }

  async get(id: number): Promise<InventoryItemView> {
    const item = await this.items.findById(id);
    if (!item) throw WorkflowError.notFound('Inventory item');
    return inventoryView(item);
  }

  async create(auth: AuthContext, dto: CreateInventoryItemDto): Promise<InventoryItemView> {
    try {
      return inventoryView(await this.items.insert(dto.serial_number, dto.reason ?? null, auth.userId));
    } catch (err) {
      if (isUniqueViolation(err)) throw WorkflowError.refused(`An inventory item with serial number ${dto.serial_number} already exists.`);
      throw err;
    }
  }

  async archive(id: number): Promise<InventoryItemView> {
    return this.transactions.run(async () => {
      const item = await this.lock(id);
      if (item.status === 'ARCHIVED') throw WorkflowError.refused('The inventory item is already archived.');
      if (await this.tickets.hasActiveTicket(id)) throw WorkflowError.refused('The inventory item has an active ticket and cannot be archived.');
      return inventoryView(await this.items.setStatus(item, 'ARCHIVED'));
    });
  }

  async restore(id: number): Promise<InventoryItemView> {
    return this.transactions.run(async () => {
      const item = await this.lock(id);
      if (item.status !== 'ARCHIVED') throw WorkflowError.refused('Only an archived inventory item can be restored.');
      return inventoryView(await this.items.setStatus(item, 'READY'));
    });
  }

  private async lock(id: number) {
    const item = await this.items.lockById(id);
    if (!item) throw WorkflowError.notFound('Inventory item');
    return item;
  }
}
