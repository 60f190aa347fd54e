import { Injectable } from '@nestjs/common';
import { In, MoreThanOrEqual } from 'typeorm';
import { Db } from '../database/db';
import type { SessionAction } from './pause-budget';
import { WorkSessionEventEntity } from './work-session-event.entity';
import { WorkSessionEntity } from './work-session.entity';

/** Work sessions and their append-only events. */
@Injectable()
export class WorkSessionsRepository {
  constructor(private readonly db: Db) {}

  /** Inserts a new running session (fails on the one-open-per-ticket/technician unique indexes). */
  async insertRunning(ticketId: number, technicianId: number, startedAt: Date): Promise<WorkSessionEntity> {
    const sessions = this.db.repository(WorkSessionEntity);
    return sessions.save(sessions.create({ ticketId, technicianId, status: 'RUNNING', startedAt, endedAt: null }));
  }

  async save(session: WorkSessionEntity): Promise<WorkSessionEntity> {
    return this.db.repository(WorkSessionEntity).save(session);
  }

  /** The ticket's running or paused session, locked for update. */
  async lockOpen(ticketId: number): Promise<WorkSessionEntity | null> {
    return this.db.repository(WorkSessionEntity).findOne({ where: { ticketId, status: In(['RUNNING', 'PAUSED']) }, lock: { mode: 'pessimistic_write' } });
  }

  /** The session if it is still paused, locked; null if another instance holds it or it moved on. */
  async lockPausedSkippingLocked(id: number): Promise<WorkSessionEntity | null> {
    return this.db
      .repository(WorkSessionEntity)
      .createQueryBuilder('s')
      .where('s.id = :id AND s.status = :status', { id, status: 'PAUSED' })
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getOne();
  }

  /** Ids of the sessions stored as paused. */
  async pausedIds(): Promise<number[]> {
    const rows = await this.db.repository(WorkSessionEntity).find({ where: { status: 'PAUSED' }, select: { id: true } });
    return rows.map((r) => r.id);
  }

  /** The newest session of each ticket. */
  async latestOfTickets(ticketIds: readonly number[]): Promise<WorkSessionEntity[]> {
    if (ticketIds.length === 0) return [];
    return this.db
      .repository(WorkSessionEntity)
      .createQueryBuilder('s')
      .distinctOn(['s.ticket_id'])
      .where('s.ticket_id IN (:...ids)', { ids: [...ticketIds] })
      .orderBy('s.ticket_id')
      .addOrderBy('s.id', 'DESC')
      .getMany();
  }

  /** Every session of a ticket, oldest first. */
  async ofTicket(ticketId: number): Promise<WorkSessionEntity[]> {
    return this.db.repository(WorkSessionEntity).find({ where: { ticketId }, order: { id: 'ASC' } });
  }

  async appendEvent(session: WorkSessionEntity, action: SessionAction, at: Date): Promise<void> {
    await this.db.manager.insert(WorkSessionEventEntity, { sessionId: session.id, technicianId: session.technicianId, action, createdAt: at });
  }

  /** The events of `sessionIds`, in order. */
  async eventsOf(sessionIds: readonly number[]): Promise<WorkSessionEventEntity[]> {
    return this.db.repository(WorkSessionEventEntity).find({ where: { sessionId: In([...sessionIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The events of `technicianIds` since `since` (any session), in order. */
  async eventsOfTechniciansSince(technicianIds: readonly number[], since: Date): Promise<WorkSessionEventEntity[]> {
    return this.db.repository(WorkSessionEventEntity).find({
      where: { technicianId: In([...new Set(technicianIds)]), createdAt: MoreThanOrEqual(since) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }
}
