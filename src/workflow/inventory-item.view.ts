import type { InventoryItemEntity, InventoryStatus } from './inventory-item.entity';

export class InventoryItemView {
  id: number;
  /** Case-sensitive, unique. @example SN-1 */
  serial_number: string;
  status: InventoryStatus;
  created_at: string;
  updated_at: string;
}

export function inventoryView(i: InventoryItemEntity): InventoryItemView {
  return { id: i.id, serial_number: i.serialNumber, status: i.status, created_at: i.createdAt.toISOString(), updated_at: i.updatedAt.toISOString() };
}
