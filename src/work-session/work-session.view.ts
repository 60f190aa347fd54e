import type { SessionAction, SessionStatus } from './pause-budget';

/** A person as seed 004 shows one inside another object. */
export class PersonRefView {
  /** @example 7 */
  id: number;
  /** @example "Zhang Min" */
  name: string;
}

/** A work session in brief, as a ticket shows its latest one. */
export class WorkSessionSummaryView {
  /** @example 5 */
  id: number;
  /** As in effect now: a paused session whose pause budget ran out is RUNNING again. @example RUNNING */
  status: SessionStatus;
  /** Seconds spent working, pauses excluded. @example 900 */
  active_seconds: number;
}

/** A work session as it is in effect now (an auto-resume that is due counts, stored or not). */
export class WorkSessionView extends WorkSessionSummaryView {
  /** The technician timing the work (null if the user no longer exists). */
  technician: PersonRefView | null;
  /** @example 2024-10-23T09:30:00.000Z */
  started_at: string;
  ended_at: string | null;
  /** Seconds of pause the technician has left today (the budget resets at local midnight of the rules' time zone). @example 1500 */
  remaining_pause_seconds_today: number;
}

/** One event of a ticket's work sessions, oldest first. */
export class SessionHistoryEntryView {
  /** @example 5 */
  session_id: number;
  /** @example started */
  action: SessionAction;
  /** @example 2024-10-23T09:30:00.000Z */
  created_at: string;
}
