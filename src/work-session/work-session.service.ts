import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, MoreThanOrEqual } from 'typeorm';
import { isUniqueViolation } from '../database/sql';
import type { WorkflowRules } from '../config/workflow.config';
import { UsersService } from '../identity/users.service';
import { WorkflowError } from '../workflow/workflow.errors';
import {
  activeSeconds,
  effectiveEvents,
  Interval,
  pauseIntervals,
  remainingPauseSeconds,
  SessionAction,
  SessionEvent,
  statusOf,
} from './pause-budget';
import { WorkSessionEventEntity } from './work-session-event.entity';
import { WorkSessionEntity } from './work-session.entity';

/** How far back a technician's pauses can still count against today's budget. */
const BUDGET_LOOKBACK_MS = 2 * 86_400_000;

export interface SessionView {
  id: number;
  status: string;
  technician: { id: number; name: string } | null;
  started_at: string;
  ended_at: string | null;
  active_seconds: number;
  remaining_pause_seconds_today: number;
}

/** A session with its events as they are in effect now (a due auto-resume included). */
interface EffectiveSession {
  session: WorkSessionEntity;
  events: SessionEvent[];
  technicianPauses: Interval[];
}

/**
 * Work sessions (seed 004): started with the ticket, paused within a daily budget, resumed by
 * hand or by the budget running out, stopped before QC. Times are derived from the events.
 */
@Injectable()
export class WorkSessionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
  ) {}

  async start(manager: EntityManager, ticketId: number, technicianId: number): Promise<WorkSessionEntity> {
    const now = new Date();
    try {
      const session = await manager.save(manager.create(WorkSessionEntity, { ticketId, technicianId, status: 'RUNNING', startedAt: now, endedAt: null }));
      await this.append(manager, session, 'started', now);
      return session;
    } catch (err) {
      if (isUniqueViolation(err)) throw WorkflowError.refused('This technician or ticket already has an open work session.');
      throw err;
    }
  }

  /** Applies a pause, resume or stop to the ticket's open session, in the caller's transaction. */
  async act(manager: EntityManager, ticketId: number, action: 'pause' | 'resume' | 'stop', rules: WorkflowRules): Promise<SessionView> {
    const session = await manager.getRepository(WorkSessionEntity).findOne({
      where: { ticketId, status: In(['RUNNING', 'PAUSED']) },
      lock: { mode: 'pessimistic_write' },
    });
    if (!session) throw WorkflowError.refused('This ticket has no open work session.');
    const now = new Date();
    const state = await this.effective(manager, [session], rules, now).then((m) => m.get(session.id)!);
    await this.persistAutoResume(manager, state);
    const status = statusOf(state.events);
    if (action === 'pause') {
      if (status !== 'RUNNING') throw WorkflowError.refused(`Cannot pause a ${status} work session.`);
      if (remainingPauseSeconds(this.closedAt(state.technicianPauses, state.events, now), limitOf(rules), rules.work_session.timezone, now) <= 0) {
        throw WorkflowError.refused("Today's pause budget is used up.");
      }
      await this.append(manager, session, 'paused', now);
      session.status = 'PAUSED';
    } else if (action === 'resume') {
      if (status !== 'PAUSED') throw WorkflowError.refused(`Cannot resume a ${status} work session.`);
      await this.append(manager, session, 'resumed', now);
      session.status = 'RUNNING';
    } else {
      await this.append(manager, session, 'stopped', now);
      session.status = 'STOPPED';
      session.endedAt = now;
    }
    await manager.save(session);
    return (await this.views(manager, [session], rules, now))[0];
  }

  /** The newest session of each ticket, as in effect now. */
  async latestByTicket(ticketIds: number[], rules: WorkflowRules, manager: EntityManager = this.dataSource.manager): Promise<Map<number, SessionView>> {
    if (ticketIds.length === 0) return new Map();
    const sessions: WorkSessionEntity[] = await manager
      .getRepository(WorkSessionEntity)
      .createQueryBuilder('s')
      .distinctOn(['s.ticket_id'])
      .where('s.ticket_id IN (:...ids)', { ids: ticketIds })
      .orderBy('s.ticket_id')
      .addOrderBy('s.id', 'DESC')
      .getMany();
    const views = await this.views(manager, sessions, rules, new Date());
    return new Map(sessions.map((s, i) => [s.ticketId, views[i]]));
  }

  /** Status of the ticket's newest session as in effect now, or null without one. */
  async latestStatus(manager: EntityManager, ticketId: number, rules: WorkflowRules): Promise<string | null> {
    return (await this.latestByTicket([ticketId], rules, manager)).get(ticketId)?.status ?? null;
  }

  /** Seconds of work on a ticket across all its sessions. */
  async totalActiveSeconds(manager: EntityManager, ticketId: number, rules: WorkflowRules): Promise<number> {
    const sessions = await manager.getRepository(WorkSessionEntity).findBy({ ticketId });
    const now = new Date();
    const states = await this.effective(manager, sessions, rules, now);
    return [...states.values()].reduce((sum, s) => sum + activeSeconds(s.events, now), 0);
  }

  /** Every session event of a ticket, oldest first, auto-resumes due but not yet stored included. */
  async history(ticketId: number, rules: WorkflowRules): Promise<Array<{ session_id: number; action: SessionAction; created_at: string }>> {
    const manager = this.dataSource.manager;
    const sessions = await manager.getRepository(WorkSessionEntity).find({ where: { ticketId }, order: { id: 'ASC' } });
    const states = await this.effective(manager, sessions, rules, new Date());
    return sessions.flatMap((s) => states.get(s.id)!.events.map((e) => ({ session_id: s.id, action: e.action, created_at: e.at.toISOString() })));
  }

  /**
   * Stores the auto-resumes that are due (the background sweep), so what reads already show
   * becomes the record. Safe with several instances: each session is locked, then re-checked.
   */
  async sweep(rules: WorkflowRules): Promise<number> {
    const paused = await this.dataSource.getRepository(WorkSessionEntity).find({ where: { status: 'PAUSED' }, select: { id: true } });
    let resumed = 0;
    for (const { id } of paused) {
      resumed += await this.dataSource.transaction(async (manager) => {
        const session = await manager
          .getRepository(WorkSessionEntity)
          .createQueryBuilder('s')
          .where('s.id = :id AND s.status = :status', { id, status: 'PAUSED' })
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .getOne();
        if (!session) return 0;
        const state = (await this.effective(manager, [session], rules, new Date())).get(id)!;
        return (await this.persistAutoResume(manager, state)) ? 1 : 0;
      });
    }
    return resumed;
  }

  private async persistAutoResume(manager: EntityManager, state: EffectiveSession): Promise<boolean> {
    const last = state.events[state.events.length - 1];
    if (state.session.status !== 'PAUSED' || last?.action !== 'auto_resumed') return false;
    await this.append(manager, state.session, 'auto_resumed', last.at);
    state.session.status = 'RUNNING';
    await manager.save(state.session);
    return true;
  }

  private async views(manager: EntityManager, sessions: WorkSessionEntity[], rules: WorkflowRules, now: Date): Promise<SessionView[]> {
    const [states, technicians] = await Promise.all([
      this.effective(manager, sessions, rules, now),
      this.users.findSummaries(sessions.map((s) => s.technicianId)),
    ]);
    return sessions.map((s) => {
      const state = states.get(s.id)!;
      const tech = technicians.get(s.technicianId);
      return {
        id: s.id,
        status: statusOf(state.events),
        technician: tech ? { id: tech.id, name: tech.name } : null,
        started_at: s.startedAt.toISOString(),
        ended_at: s.endedAt?.toISOString() ?? null,
        active_seconds: activeSeconds(state.events, now),
        remaining_pause_seconds_today: remainingPauseSeconds(this.closedAt(state.technicianPauses, state.events, now), limitOf(rules), rules.work_session.timezone, now),
      };
    });
  }

  /** Loads the events of `sessions` and of their technicians' recent pauses, in two queries. */
  private async effective(manager: EntityManager, sessions: WorkSessionEntity[], rules: WorkflowRules, now: Date): Promise<Map<number, EffectiveSession>> {
    const result = new Map<number, EffectiveSession>();
    if (sessions.length === 0) return result;
    const events = manager.getRepository(WorkSessionEventEntity);
    const [own, recent] = await Promise.all([
      events.find({ where: { sessionId: In(sessions.map((s) => s.id)) }, order: { createdAt: 'ASC', id: 'ASC' } }),
      events.find({
        where: { technicianId: In([...new Set(sessions.map((s) => s.technicianId))]), createdAt: MoreThanOrEqual(new Date(now.getTime() - BUDGET_LOOKBACK_MS)) },
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
    ]);
    const bySession = groupBy([...own, ...recent.filter((e) => !sessions.some((s) => s.id === e.sessionId))], (e) => e.sessionId);
    for (const session of sessions) {
      const mine = (bySession.get(session.id) ?? []).map(toEvent);
      // The technician's other pauses: closed ones from every session, this session's included.
      const pauses = [...bySession.entries()]
        .filter(([sessionId, list]) => list[0]?.technicianId === session.technicianId || sessionId === session.id)
        .flatMap(([, list]) => pauseIntervals(list.map(toEvent)))
        .filter((i) => i.end !== null);
      result.set(session.id, { session, events: effectiveEvents(mine, pauses, limitOf(rules), rules.work_session.timezone, now), technicianPauses: pauses });
    }
    return result;
  }

  /** The technician's pauses with this session's effective events: an auto-resumed pause ends there. */
  private closedAt(pauses: Interval[], events: SessionEvent[], now: Date): Interval[] {
    const open = pauseIntervals(events).filter((i) => i.end === null);
    const effectiveClosed = pauseIntervals(events).filter((i) => i.end !== null);
    const others = pauses.filter((p) => !effectiveClosed.some((c) => c.start.getTime() === p.start.getTime()));
    return [...others, ...effectiveClosed, ...open.map((i) => ({ start: i.start, end: now }))];
  }

  private async append(manager: EntityManager, session: WorkSessionEntity, action: SessionAction, at: Date): Promise<void> {
    await manager.insert(WorkSessionEventEntity, { sessionId: session.id, technicianId: session.technicianId, action, createdAt: at });
  }
}

function limitOf(rules: WorkflowRules): number {
  return rules.work_session.daily_pause_limit_minutes * 60;
}

function toEvent(e: WorkSessionEventEntity): SessionEvent {
  return { action: e.action, at: e.createdAt };
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    map.set(k, [...(map.get(k) ?? []), item]);
  }
  return map;
}
