import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { SessionAction } from './pause-budget';
import { WorkSessionEntity } from './work-session.entity';

/** Append-only: started, paused, resumed, auto_resumed, stopped. */
@Entity('work_session_events')
@Index('work_session_events_session', ['sessionId', 'createdAt'])
@Index('work_session_events_technician_time', ['technicianId', 'createdAt'])
export class WorkSessionEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column({ type: 'int' })
  sessionId: number;

  @ManyToOne(() => WorkSessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: WorkSessionEntity;

  /** Copied from the session, to read a technician's pauses of the day in one indexed query. */
  @Column({ type: 'int' })
  technicianId: number;

  @Column({ type: 'varchar', length: 20 })
  action: SessionAction;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
