import { foldDeadCounts, outcomeOf, retryDelayMs } from './retry-policy';

describe('retry policy', () => {
  it('doubles the delay per attempt, within ±20 % jitter', () => {
    expect(retryDelayMs(1000, 1, () => 0.5)).toBe(1000);
    expect(retryDelayMs(1000, 2, () => 0.5)).toBe(2000);
    expect(retryDelayMs(1000, 4, () => 0.5)).toBe(8000);
    expect(retryDelayMs(1000, 3, () => 0)).toBe(3200);
    expect(retryDelayMs(1000, 3, () => 1)).toBe(4800);
  });

  it('8 attempts with the default base spread over about a day', () => {
    const total = [1, 2, 3, 4, 5, 6, 7].reduce((sum, n) => sum + retryDelayMs(680_000, n, () => 0.5), 0);
    expect(total / 3_600_000).toBeGreaterThan(20);
    expect(total / 3_600_000).toBeLessThan(28);
  });

  it('succeeds, retries, then gives up at maxAttempts', () => {
    const policy = { maxAttempts: 3, retryBaseDelayMs: 100 };
    expect(outcomeOf(true, 3, policy)).toEqual({ kind: 'succeeded' });
    expect(outcomeOf(false, 1, policy, () => 0.5)).toEqual({ kind: 'retry', delayMs: 100 });
    expect(outcomeOf(false, 3, policy)).toEqual({ kind: 'dead' });
  });
});

describe('foldDeadCounts', () => {
  it('resets on success, counts dead deliveries after it, ignores retries', () => {
    const folded = foldDeadCounts([
      { subscriptionId: 1, kind: 'dead' },
      { subscriptionId: 1, kind: 'succeeded' },
      { subscriptionId: 1, kind: 'dead' },
      { subscriptionId: 2, kind: 'dead' },
      { subscriptionId: 2, kind: 'dead' },
      { subscriptionId: 3, kind: 'retry' },
    ]);
    expect(folded.get(1)).toEqual({ reset: true, dead: 1 });
    expect(folded.get(2)).toEqual({ reset: false, dead: 2 });
    expect(folded.has(3)).toBe(false);
  });
});
