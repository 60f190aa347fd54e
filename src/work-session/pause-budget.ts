/**
 * Work-session time, derived from the append-only session events. Pure: every function takes
 * `now` and the time zone explicitly, so the rules can be tested at any instant.
 */
export type SessionAction = 'started' | 'paused' | 'resumed' | 'auto_resumed' | 'stopped';

export interface SessionEvent {
  action: SessionAction;
  at: Date;
}

export interface Interval {
  start: Date;
  /** null: still going on. */
  end: Date | null;
}

const MS = 1000;

/** The offset of `timeZone` from UTC at `instant`, in ms (local = utc + offset). */
function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant / MS) * MS;
}

/** [start, end) of the local calendar day that contains `at` in `timeZone`, as instants. */
export function localDay(at: Date, timeZone: string): { start: Date; end: Date } {
  const local = new Date(at.getTime() + offsetMs(at.getTime(), timeZone));
  const midnightUtc = (y: number, m: number, d: number) => {
    const guess = Date.UTC(y, m, d);
    // Correct twice for the offset at local midnight (handles DST changes around it).
    let instant = guess - offsetMs(guess, timeZone);
    instant = guess - offsetMs(instant, timeZone);
    return new Date(instant);
  };
  const [y, m, d] = [local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()];
  return { start: midnightUtc(y, m, d), end: midnightUtc(y, m, d + 1) };
}

/** Seconds of `intervals` that fall inside [from, to), an open interval running until `now`. */
export function overlapSeconds(intervals: Interval[], from: Date, to: Date, now: Date): number {
  let total = 0;
  for (const i of intervals) {
    const start = Math.max(i.start.getTime(), from.getTime());
    const end = Math.min((i.end ?? now).getTime(), to.getTime(), now.getTime());
    if (end > start) total += end - start;
  }
  return total / MS;
}

/** Pause intervals of one session, from its events (auto_resumed ends a pause like resumed). */
export function pauseIntervals(events: SessionEvent[]): Interval[] {
  const out: Interval[] = [];
  let open: Date | null = null;
  for (const e of events) {
    if (e.action === 'paused') open = e.at;
    else if (open && (e.action === 'resumed' || e.action === 'auto_resumed' || e.action === 'stopped')) {
      out.push({ start: open, end: e.at });
      open = null;
    }
  }
  if (open) out.push({ start: open, end: null });
  return out;
}

/**
 * When a pause that began at `pausedAt` ends by itself: the moment the technician's pause
 * budget for that local day is used up, counting their other pauses (`others`). A pause that
 * runs past local midnight spends the new day's budget from there.
 */
export function autoResumeAt(pausedAt: Date, others: Interval[], limitSeconds: number, timeZone: string): Date {
  let from = pausedAt;
  for (let day = 0; day < 400; day++) {
    const { start, end } = localDay(from, timeZone);
    const used = overlapSeconds(others, start, end, new Date(8.64e15));
    const remaining = Math.max(0, limitSeconds - used);
    const resumeAt = from.getTime() + remaining * MS;
    if (resumeAt < end.getTime()) return new Date(resumeAt);
    from = end;
  }
  return from;
}

/** A session's events as they are in effect at `now`: a due auto-resume is added if not yet stored. */
export function effectiveEvents(events: SessionEvent[], others: Interval[], limitSeconds: number, timeZone: string, now: Date): SessionEvent[] {
  const last = events[events.length - 1];
  if (!last || last.action !== 'paused') return events;
  const at = autoResumeAt(last.at, others, limitSeconds, timeZone);
  return at.getTime() <= now.getTime() ? [...events, { action: 'auto_resumed', at }] : events;
}

export type SessionStatus = 'RUNNING' | 'PAUSED' | 'STOPPED';

export function statusOf(events: SessionEvent[]): SessionStatus {
  const last = events[events.length - 1];
  if (!last || last.action === 'stopped') return last ? 'STOPPED' : 'RUNNING';
  return last.action === 'paused' ? 'PAUSED' : 'RUNNING';
}

/** Seconds spent working: running spans between started/resumed and paused/stopped. */
export function activeSeconds(events: SessionEvent[], now: Date): number {
  let total = 0;
  let runningSince: Date | null = null;
  for (const e of events) {
    if (e.action === 'started' || e.action === 'resumed' || e.action === 'auto_resumed') runningSince ??= e.at;
    else if (runningSince) {
      total += e.at.getTime() - runningSince.getTime();
      runningSince = null;
    }
  }
  if (runningSince) total += Math.max(0, now.getTime() - runningSince.getTime());
  return Math.floor(total / MS);
}

/** Pause seconds left today for a technician whose pauses are `intervals`. */
export function remainingPauseSeconds(intervals: Interval[], limitSeconds: number, timeZone: string, now: Date): number {
  const { start, end } = localDay(now, timeZone);
  return Math.max(0, Math.floor(limitSeconds - overlapSeconds(intervals, start, end, now)));
}
