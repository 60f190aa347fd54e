import { activeSeconds, autoResumeAt, effectiveEvents, localDay, pauseIntervals, remainingPauseSeconds, SessionEvent, statusOf } from './pause-budget';

const at = (iso: string) => new Date(iso);
const ev = (action: SessionEvent['action'], iso: string): SessionEvent => ({ action, at: at(iso) });
const LIMIT = 30 * 60;

describe('localDay', () => {
  it('is the UTC day in UTC', () => {
    expect(localDay(at('2026-03-10T15:00:00Z'), 'UTC')).toEqual({ start: at('2026-03-10T00:00:00Z'), end: at('2026-03-11T00:00:00Z') });
  });

  it('follows the local midnight of the zone', () => {
    // Shanghai is UTC+8: 2026-03-10T20:00Z is already 11 March there.
    expect(localDay(at('2026-03-10T20:00:00Z'), 'Asia/Shanghai')).toEqual({ start: at('2026-03-10T16:00:00Z'), end: at('2026-03-11T16:00:00Z') });
    // New York switches to daylight time on 8 March 2026: that day lasts 23 hours.
    const ny = localDay(at('2026-03-08T12:00:00Z'), 'America/New_York');
    expect(ny).toEqual({ start: at('2026-03-08T05:00:00Z'), end: at('2026-03-09T04:00:00Z') });
  });
});

describe('active seconds and status', () => {
  it('counts running spans only', () => {
    const events = [ev('started', '2026-01-01T10:00:00Z'), ev('paused', '2026-01-01T10:10:00Z'), ev('resumed', '2026-01-01T10:15:00Z'), ev('stopped', '2026-01-01T10:20:00Z')];
    expect(activeSeconds(events, at('2026-01-01T12:00:00Z'))).toBe(15 * 60);
    expect(statusOf(events)).toBe('STOPPED');
    expect(activeSeconds(events.slice(0, 3), at('2026-01-01T10:16:00Z'))).toBe(11 * 60);
    expect(statusOf(events.slice(0, 2))).toBe('PAUSED');
  });
});

describe('pause budget', () => {
  it('resumes a pause by itself when the day budget is used up', () => {
    const events = [ev('started', '2026-01-01T09:00:00Z'), ev('paused', '2026-01-01T09:10:00Z')];
    expect(autoResumeAt(at('2026-01-01T09:10:00Z'), [], LIMIT, 'UTC')).toEqual(at('2026-01-01T09:40:00Z'));
    // Before the moment: still paused. At and after it: running again, and the work time counts from there.
    expect(statusOf(effectiveEvents(events, [], LIMIT, 'UTC', at('2026-01-01T09:39:59Z')))).toBe('PAUSED');
    const later = effectiveEvents(events, [], LIMIT, 'UTC', at('2026-01-01T10:00:00Z'));
    expect(later[later.length - 1]).toEqual(ev('auto_resumed', '2026-01-01T09:40:00Z'));
    expect(statusOf(later)).toBe('RUNNING');
    expect(activeSeconds(later, at('2026-01-01T10:00:00Z'))).toBe(10 * 60 + 20 * 60);
  });

  it('counts the other pauses of the day', () => {
    const others = [{ start: at('2026-01-01T08:00:00Z'), end: at('2026-01-01T08:25:00Z') }];
    expect(autoResumeAt(at('2026-01-01T09:00:00Z'), others, LIMIT, 'UTC')).toEqual(at('2026-01-01T09:05:00Z'));
    expect(remainingPauseSeconds(others, LIMIT, 'UTC', at('2026-01-01T12:00:00Z'))).toBe(5 * 60);
    // Yesterday's pauses do not count.
    expect(remainingPauseSeconds(others, LIMIT, 'UTC', at('2026-01-02T00:00:01Z'))).toBe(LIMIT);
  });

  it('resets at local midnight in a non-UTC zone', () => {
    // A 30-minute pause from 15:00 to 15:30 UTC is 23:00–23:30 in Shanghai on 1 January.
    const spent = [{ start: at('2026-01-01T15:00:00Z'), end: at('2026-01-01T15:30:00Z') }];
    expect(remainingPauseSeconds(spent, LIMIT, 'Asia/Shanghai', at('2026-01-01T15:59:00Z'))).toBe(0);
    // At 16:00 UTC it is midnight in Shanghai: a fresh budget, while UTC still counts it as spent.
    expect(remainingPauseSeconds(spent, LIMIT, 'Asia/Shanghai', at('2026-01-01T16:00:00Z'))).toBe(LIMIT);
    expect(remainingPauseSeconds(spent, LIMIT, 'UTC', at('2026-01-01T16:00:00Z'))).toBe(0);
  });

  it('lets a pause that crosses local midnight spend the new day budget', () => {
    // 20 minutes used before 23:50; a pause at 23:50 ends at midnight with the day's 10 minutes... then continues on the new budget.
    const others = [{ start: at('2026-01-01T20:00:00Z'), end: at('2026-01-01T20:20:00Z') }];
    expect(autoResumeAt(at('2026-01-01T23:55:00Z'), others, LIMIT, 'UTC')).toEqual(at('2026-01-02T00:30:00Z'));
    expect(autoResumeAt(at('2026-01-01T23:40:00Z'), others, LIMIT, 'UTC')).toEqual(at('2026-01-01T23:50:00Z'));
  });

  it('derives pause intervals from events', () => {
    const events = [ev('started', '2026-01-01T09:00:00Z'), ev('paused', '2026-01-01T09:10:00Z'), ev('auto_resumed', '2026-01-01T09:40:00Z'), ev('paused', '2026-01-01T10:00:00Z')];
    expect(pauseIntervals(events)).toEqual([
      { start: at('2026-01-01T09:10:00Z'), end: at('2026-01-01T09:40:00Z') },
      { start: at('2026-01-01T10:00:00Z'), end: null },
    ]);
  });
});
