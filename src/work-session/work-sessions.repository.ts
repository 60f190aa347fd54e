import { Injectable } from '@nestjs/common';
import { In, MoreThanOrEqual } from 'typeorm';
import { Db, namedStatement } from '../database/db';
import type { SessionAction } from './pause-budget';
import { WorkSessionEventEntity } from './work-session-event.entity';
import { WorkSessionEntity } from './work-session.entity';

/** A session's event as the lean reads answer it: epoch milliseconds, as the driver would round a timestamp. */
export interface EventRow {
  session_id: number;
  action: SessionAction;
  at: number;
}

/** The newest session of a ticket with what its status and time need, as one row. */
export interface LatestSessionRow {
  id: number;
  ticket_id: number;
  /** Its own events, oldest first. */
  events: EventRow[];
  /** While it is stored as paused: its technician's events of other sessions since the lookback, oldest first. */
  others: EventRow[] | null;
}

const EVENT_JSON = `json_build_object('session_id', e.session_id, 'action', e.action, 'at', floor(extract(epoch FROM e.created_at) * 1000)::float8)`;

/**
 * The newest session of each ticket of $1 with its events and, when paused, its technician's
 * other events since $2 (for the pause budget): one statement, however many tickets.
 */
export const LATEST_SESSIONS = namedStatement(
  'work_sessions_latest',
  `
SELECT s.id, s.ticket_id,
       (SELECT json_agg(${EVENT_JSON} ORDER BY e.created_at, e.id) FROM work_session_events e WHERE e.session_id = s.id) AS events,
       CASE WHEN s.status = 'PAUSED' THEN
         (SELECT json_agg(${EVENT_JSON} ORDER BY e.created_at, e.id) FROM work_session_events e
           WHERE e.technician_id = s.technician_id AND e.created_at >= $2 AND e.session_id <> s.id)
       END AS others
  FROM (SELECT DISTINCT ON (ticket_id) id, ticket_id, technician_id, status FROM work_sessions
         WHERE ticket_id = ANY($1::int[]) ORDER BY ticket_id, id DESC) s`,
);

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

  /** The newest session of each ticket, with its events as one row each (read paths: no entities). */
  async latestRowsOfTickets(ticketIds: readonly number[], othersSince: Date): Promise<LatestSessionRow[]> {
    if (ticketIds.length === 0) return [];
    const rows = await this.db.query<LatestSessionRow>(LATEST_SESSIONS, [[...ticketIds], othersSince]);
    return rows.map((r) => ({ ...r, events: r.events ?? [] }));
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
