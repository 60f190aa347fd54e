import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamps } from '../database/timestamps';

export type InventoryStatus = 'READY' | 'IN_SERVICE' | 'ARCHIVED';

@Entity('inventory_items')
export class InventoryItemEntity extends Timestamps {
  @PrimaryGeneratedColumn()
  id: number;

  /** Case-sensitive, unique. */
  @Column({ type: 'varchar', length: 100, unique: true })
  serialNumber: string;

  @Column({ type: 'varchar', length: 20, default: 'READY' })
  status: InventoryStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  createReason: string | null;

  @Column({ type: 'int', nullable: true })
  createdBy: number | null;
}
