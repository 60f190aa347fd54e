import type { InventoryItemEntity, InventoryStatus } from './inventory-item.entity';

export class InventoryItemView {
  /** @example 3 */
  id: number;
  /** Case-sensitive, unique. @example SN-1 */
  serial_number: string;
  /** READY, IN_SERVICE while a ticket is worked on, or ARCHIVED. @example READY */
  status: InventoryStatus;
  /** @example 2024-10-22T08:00:00.000Z */
  created_at: string;
  /** @example 2024-10-22T08:00:00.000Z */
  updated_at: string;
}

export function inventoryView(i: InventoryItemEntity): InventoryItemView {
  return { id: i.id, serial_number: i.serialNumber, status: i.status, created_at: i.createdAt.toISOString(), updated_at: i.updatedAt.toISOString() };
}
