import { allows, metricsOf, xpFor } from './workflow-rules';

describe('workflow rules', () => {
  it('computes metrics from part specs', () => {
    expect(metricsOf([{ name: 'pads', color: 'yellow', minutes: 25 }, { name: 'disc', color: 'green', minutes: 30 }], 20)).toEqual({
      totalDuration: 55,
      flagColor: 'yellow',
      xpAmount: 3,
    });
    expect(metricsOf([{ name: 'a', color: 'red', minutes: 1 }, { name: 'b', color: 'yellow', minutes: 1 }], 20).flagColor).toBe('red');
    expect(xpFor(40, 20)).toBe(2);
    expect(xpFor(41, 20)).toBe(3);
  });

  it('allows each action only from its statuses', () => {
    expect(allows('assign', 'NEW')).toBe(true);
    expect(allows('assign', 'IN_PROGRESS')).toBe(false);
    expect(allows('start', 'REWORK')).toBe(true);
    expect(allows('start', 'IN_PROGRESS')).toBe(false);
    expect(allows('qc_pass', 'IN_PROGRESS')).toBe(false);
    expect(allows('to_waiting_qc', 'IN_PROGRESS')).toBe(true);
    expect(allows('approve', 'DONE')).toBe(false);
  });
});
