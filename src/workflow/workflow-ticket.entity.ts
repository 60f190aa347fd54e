import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamps } from '../database/timestamps';
import { UserEntity } from '../identity/user.entity';
import { InventoryItemEntity } from './inventory-item.entity';
import type { FlagColor, PartSpec, WorkflowStatus } from './workflow-rules';

@Entity('workflow_tickets')
@Index('workflow_tickets_one_active_per_item', ['inventoryItemId'], { unique: true, where: `status <> 'DONE'` })
@Index('workflow_tickets_one_in_progress_per_technician', ['technicianId'], { unique: true, where: `status = 'IN_PROGRESS'` })
@Index('workflow_tickets_status', ['status', 'id'])
@Index('workflow_tickets_technician', ['technicianId', 'id'])
export class WorkflowTicketEntity extends Timestamps {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 20 })
  status: WorkflowStatus;

  @Column({ type: 'varchar', length: 200, nullable: true })
  title: string | null;

  @Column({ type: 'int' })
  inventoryItemId: number;

  @ManyToOne(() => InventoryItemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'inventory_item_id' })
  inventoryItem?: InventoryItemEntity;

  /** Who took the ticket in (role master or super_admin). */
  @Column({ type: 'int' })
  masterId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'master_id' })
  master?: UserEntity;

  @Column({ type: 'int', nullable: true })
  technicianId: number | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'technician_id' })
  technician?: UserEntity;

  @Column({ type: 'jsonb' })
  partSpecs: PartSpec[];

  /** Planned minutes: the sum of the part specs. */
  @Column({ type: 'int' })
  totalDuration: number;

  @Column({ type: 'varchar', length: 10 })
  flagColor: FlagColor;

  @Column({ type: 'int' })
  xpAmount: number;

  /** Metrics overridden by an admin. */
  @Column({ type: 'boolean', default: false })
  isManual: boolean;

  @Column({ type: 'int', nullable: true })
  approvedBy: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  assignedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  doneAt: Date | null;
}
