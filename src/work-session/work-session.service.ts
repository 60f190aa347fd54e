import { Injectable } from '@nestjs/common';
import type { WorkflowRules } from '../config/workflow.config';
import { isUniqueViolation } from '../database/sql';
import { isoMillis } from '../common/time';
import { Transactions } from '../database/transactions';
import { UsersService } from '../identity/users.service';
import { activeSeconds, effectiveEvents, Interval, pauseIntervals, remainingPauseSeconds, SessionEvent, SessionStatus, statusOf } from './pause-budget';
import type { WorkSessionEventEntity } from './work-session-event.entity';
import type { WorkSessionEntity } from './work-session.entity';
import { WorkSessionError } from './work-session.errors';
import { SessionHistoryEntryView, WorkSessionSummaryView, WorkSessionView } from './work-session.view';
import { EventRow, WorkSessionsRepository } from './work-sessions.repository';

/** How far back a technician's pauses can still count against today's budget. */
const BUDGET_LOOKBACK_MS = 2 * 86_400_000;

export type SessionCommand = 'pause' | 'resume' | 'stop';

/** A session with its events as they are in effect now (a due auto-resume included). */
interface EffectiveSession {
  session: WorkSessionEntity;
  events: SessionEvent[];
  technicianPauses: Interval[];
}

/**
 * Work sessions (seed 004): started with the ticket, paused within a daily budget, resumed by
 * hand or by the budget running out, stopped before QC. Times are derived from the events.
 * Writes join the caller's transaction when there is one (Transactions.run).
 */
@Injectable()
export class WorkSessionService {
  constructor(
    private readonly transactions: Transactions,
    private readonly sessions: WorkSessionsRepository,
    private readonly users: UsersService,
  ) {}

  /** Starts a running session of the technician on the ticket; answers its id. */
  async start(ticketId: number, technicianId: number): Promise<number> {
    return this.transactions.run(async () => {
      const now = new Date();
      try {
        const session = await this.sessions.insertRunning(ticketId, technicianId, now);
        await this.sessions.appendEvent(session, 'started', now);
        return session.id;
      } catch (err) {
        if (isUniqueViolation(err)) throw WorkSessionError.refused('This technician or ticket already has an open work session.');
        throw err;
      }
    });
  }

  /** Applies a pause, resume or stop to the ticket's open session. */
  async act(ticketId: number, command: SessionCommand, rules: WorkflowRules): Promise<WorkSessionView> {
    return this.transactions.run(async () => {
      const session = await this.sessions.lockOpen(ticketId);
      if (!session) throw WorkSessionError.refused('This ticket has no open work session.');
      const now = new Date();
      const state = (await this.effective([session], rules, now)).get(session.id)!;
      await this.persistAutoResume(state);
      const status = statusOf(state.events);
      if (command === 'pause') {
        if (status !== 'RUNNING') throw WorkSessionError.refused(`Cannot pause a ${status} work session.`);
        if (remainingPauseSeconds(closedAt(state.technicianPauses, state.events, now), limitOf(rules), rules.work_session.timezone, now) <= 0) {
          throw WorkSessionError.refused("Today's pause budget is used up.");
        }
        await this.sessions.appendEvent(session, 'paused', now);
        session.status = 'PAUSED';
      } else if (command === 'resume') {
        if (status !== 'PAUSED') throw WorkSessionError.refused(`Cannot resume a ${status} work session.`);
        await this.sessions.appendEvent(session, 'resumed', now);
        session.status = 'RUNNING';
      } else {
        await this.sessions.appendEvent(session, 'stopped', now);
        session.status = 'STOPPED';
        session.endedAt = now;
      }
      await this.sessions.save(session);
      return (await this.views([session], rules, now))[0];
    });
  }

  /**
   * The newest session of each ticket in brief (id, status and active seconds as in effect now),
   * in one statement: what a ticket shows of its work.
   */
  async latestSummaries(ticketIds: number[], rules: WorkflowRules): Promise<Map<number, WorkSessionSummaryView>> {
    const now = new Date();
    const rows = await this.sessions.latestRowsOfTickets(ticketIds, new Date(now.getTime() - BUDGET_LOOKBACK_MS));
    const summaries = new Map<number, WorkSessionSummaryView>();
    for (const row of rows) {
      const mine = row.events.map(eventOf);
      // The technician's closed pauses: of their other recent sessions, and of this one.
      const pauses = [...groupBy(row.others ?? [], (e) => e.session_id).values(), row.events]
        .flatMap((list) => pauseIntervals(list.map(eventOf)))
        .filter((i) => i.end !== null);
      const events = effectiveEvents(mine, pauses, limitOf(rules), rules.work_session.timezone, now);
      summaries.set(row.ticket_id, { id: row.id, status: statusOf(events), active_seconds: activeSeconds(events, now) });
    }
    return summaries;
  }

  /** Status of the ticket's newest session as in effect now, or null without one. */
  async latestStatus(ticketId: number, rules: WorkflowRules): Promise<SessionStatus | null> {
    const [session] = await this.sessions.latestOfTickets([ticketId]);
    if (!session) return null;
    return statusOf((await this.effective([session], rules, new Date())).get(session.id)!.events);
  }

  /** Seconds of work on a ticket across all its sessions. */
  async totalActiveSeconds(ticketId: number, rules: WorkflowRules): Promise<number> {
    const now = new Date();
    const states = await this.effective(await this.sessions.ofTicket(ticketId), rules, now);
    return [...states.values()].reduce((sum, s) => sum + activeSeconds(s.events, now), 0);
  }

  /** Every session event of a ticket, oldest first, auto-resumes due but not yet stored included. */
  async history(ticketId: number, rules: WorkflowRules): Promise<SessionHistoryEntryView[]> {
    const sessions = await this.sessions.ofTicket(ticketId);
    const states = await this.effective(sessions, rules, new Date());
    return sessions.flatMap((s) => states.get(s.id)!.events.map((e) => ({ session_id: s.id, action: e.action, created_at: e.at.toISOString() })));
  }

  /**
   * Stores the auto-resumes that are due (the background sweep), so what reads already show
   * becomes the record. Safe with several instances: each session is locked, then re-checked.
   */
  async sweep(rules: WorkflowRules): Promise<number> {
    let resumed = 0;
    for (const id of await this.sessions.pausedIds()) {
      const stored = await this.transactions.run(async () => {
        const session = await this.sessions.lockPausedSkippingLocked(id);
        if (!session) return false;
        return this.persistAutoResume((await this.effective([session], rules, new Date())).get(id)!);
      });
      if (stored) resumed++;
    }
    return resumed;
  }

  private async persistAutoResume(state: EffectiveSession): Promise<boolean> {
    const last = state.events[state.events.length - 1];
    if (state.session.status !== 'PAUSED' || last?.action !== 'auto_resumed') return false;
    await this.sessions.appendEvent(state.session, 'auto_resumed', last.at);
    state.session.status = 'RUNNING';
    await this.sessions.save(state.session);
    return true;
  }

  private async views(sessions: WorkSessionEntity[], rules: WorkflowRules, now: Date): Promise<WorkSessionView[]> {
    const [states, technicians] = await Promise.all([this.effective(sessions, rules, now), this.users.findSummaries(sessions.map((s) => s.technicianId))]);
    return sessions.map((s) => {
      const state = states.get(s.id)!;
      const tech = technicians.get(s.technicianId);
      return {
        id: s.id,
        status: statusOf(state.events),
        technician: tech ? { id: tech.id, name: tech.name } : null,
        started_at: s.startedAt.toISOString(),
        ended_at: isoMillis(s.endedAt),
        active_seconds: activeSeconds(state.events, now),
        remaining_pause_seconds_today: remainingPauseSeconds(closedAt(state.technicianPauses, state.events, now), limitOf(rules), rules.work_session.timezone, now),
      };
    });
  }

  /** Loads the events of `sessions` and of their technicians' recent pauses, in two queries. */
  private async effective(sessions: WorkSessionEntity[], rules: WorkflowRules, now: Date): Promise<Map<number, EffectiveSession>> {
    const result = new Map<number, EffectiveSession>();
    if (sessions.length === 0) return result;
    const [own, recent] = await Promise.all([
      this.sessions.eventsOf(sessions.map((s) => s.id)),
      this.sessions.eventsOfTechniciansSince(
        sessions.map((s) => s.technicianId),
        new Date(now.getTime() - BUDGET_LOOKBACK_MS),
      ),
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
}

/** The technician's pauses with this session's effective events: an auto-resumed pause ends there. */
function closedAt(pauses: Interval[], events: SessionEvent[], now: Date): Interval[] {
  const open = pauseIntervals(events).filter((i) => i.end === null);
  const effectiveClosed = pauseIntervals(events).filter((i) => i.end !== null);
  const others = pauses.filter((p) => !effectiveClosed.some((c) => c.start.getTime() === p.start.getTime()));
  return [...others, ...effectiveClosed, ...open.map((i) => ({ start: i.start, end: now }))];
}

function limitOf(rules: WorkflowRules): number {
  return rules.work_session.daily_pause_limit_minutes * 60;
}

function toEvent(e: WorkSessionEventEntity): SessionEvent {
  return { action: e.action, at: e.createdAt };
}

function eventOf(e: EventRow): SessionEvent {
  return { action: e.action, at: new Date(e.at) };
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    map.set(k, [...(map.get(k) ?? []), item]);
  }
  return map;
}
