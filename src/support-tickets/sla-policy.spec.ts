import { formatDuration, percent, slaDueTime, SlaTargets } from './sla-policy';
import { canTransition, STATUSES, supportTier, TRANSITIONS } from './ticket-rules';
import { Role } from '../identity/roles';

const targets: SlaTargets = {
  urgent: { responseMinutes: 60, resolutionMinutes: 240 },
  high: { responseMinutes: 240, resolutionMinutes: 1440 },
  medium: { responseMinutes: 480, resolutionMinutes: 4320 },
  low: { responseMinutes: 1440, resolutionMinutes: 7200 },
};

describe('SLA policy', () => {
  it('puts the due time at created_at + the resolution target', () => {
    const created = new Date('2024-10-23T10:30:00Z');
    expect(slaDueTime(created, 'high', targets).toISOString()).toBe('2024-10-24T10:30:00.000Z');
    expect(slaDueTime(created, 'urgent', targets).toISOString()).toBe('2024-10-23T14:30:00.000Z');
  });

  it('formats durations like the seed', () => {
    expect(formatDuration(2 * 3600 + 15 * 60)).toBe('2h 15m');
    expect(formatDuration(18.5 * 3600)).toBe('18h 30m');
    expect(formatDuration(45 * 60 + 29)).toBe('0h 45m');
    expect(formatDuration(null)).toBeNull();
  });

  it('computes rates with one decimal', () => {
    expect(percent(148, 156)).toBe(94.9);
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(0, 0)).toBeNull();
  });
});

describe('ticket rules', () => {
  it('follows new → open → in_progress ⇄ pending → resolved → closed → reopened', () => {
    expect(canTransition('new', 'open')).toBe(true);
    expect(canTransition('open', 'in_progress')).toBe(true);
    expect(canTransition('in_progress', 'pending')).toBe(true);
    expect(canTransition('pending', 'in_progress')).toBe(true);
    expect(canTransition('in_progress', 'resolved')).toBe(true);
    expect(canTransition('resolved', 'closed')).toBe(true);
    expect(canTransition('closed', 'reopened')).toBe(true);
    expect(canTransition('reopened', 'in_progress')).toBe(true);
  });

  it('refuses everything else', () => {
    expect(canTransition('new', 'in_progress')).toBe(false);
    expect(canTransition('new', 'resolved')).toBe(false);
    expect(canTransition('closed', 'in_progress')).toBe(false);
    expect(canTransition('resolved', 'in_progress')).toBe(false);
    expect(canTransition('open', 'reopened')).toBe(false);
    for (const status of STATUSES) expect(canTransition(status, status)).toBe(false);
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...STATUSES].sort());
  });

  it('takes the strongest support role', () => {
    expect(supportTier([Role.User, Role.Admin])).toBe('admin');
    expect(supportTier([Role.Agent, Role.User])).toBe('agent');
    expect(supportTier([Role.Technician])).toBe('user');
  });
});
