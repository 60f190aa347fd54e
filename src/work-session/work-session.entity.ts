import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamps } from '../database/timestamps';
import { UserEntity } from '../identity/user.entity';
import type { SessionStatus } from './pause-budget';

/** A technician's timer on a ticket. Its truth is the event stream; `status` mirrors the last stored event. */
@Entity('work_sessions')
@Index('work_sessions_one_open_per_ticket', ['ticketId'], { unique: true, where: `status IN ('RUNNING', 'PAUSED')` })
@Index('work_sessions_one_open_per_technician', ['technicianId'], { unique: true, where: `status IN ('RUNNING', 'PAUSED')` })
@Index('work_sessions_ticket', ['ticketId', 'id'])
@Index('work_sessions_paused', ['status'], { where: `status = 'PAUSED'` })
export class WorkSessionEntity extends Timestamps {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  ticketId: number;

  @Column({ type: 'int' })
  technicianId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'technician_id' })
  technician?: UserEntity;

  @Column({ type: 'varchar', length: 10 })
  status: SessionStatus;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
