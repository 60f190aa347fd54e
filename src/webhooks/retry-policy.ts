/**
 * When to try a failed delivery again: the base delay doubled per attempt already made,
 * with ±20 % jitter so that a burst of failures does not retry in lockstep.
 */
export function retryDelayMs(baseDelayMs: number, attemptsMade: number, random: () => number = Math.random): number {
  const exponential = baseDelayMs * 2 ** Math.max(0, attemptsMade - 1);
  const jitter = 0.8 + 0.4 * random();
  return Math.round(exponential * jitter);
}

export type DeliveryOutcome = { kind: 'succeeded' } | { kind: 'retry'; delayMs: number } | { kind: 'dead' };

/** What happens to a delivery after an attempt: done, retried later, or dead. */
export function outcomeOf(
  ok: boolean,
  attemptsMade: number,
  policy: { maxAttempts: number; retryBaseDelayMs: number },
  random?: () => number,
): DeliveryOutcome {
  if (ok) return { kind: 'succeeded' };
  if (attemptsMade >= policy.maxAttempts) return { kind: 'dead' };
  return { kind: 'retry', delayMs: retryDelayMs(policy.retryBaseDelayMs, attemptsMade, random) };
}

/**
 * How a batch of outcomes moves each subscription's count of dead deliveries in a row:
 * a success resets it, a dead delivery adds one. `reset` says whether the stored count is
 * replaced (by `dead`) or added to.
 */
export function foldDeadCounts(outcomes: Array<{ subscriptionId: number; kind: DeliveryOutcome['kind'] }>): Map<number, { reset: boolean; dead: number }> {
  const counts = new Map<number, { reset: boolean; dead: number }>();
  for (const { subscriptionId, kind } of outcomes) {
    if (kind === 'retry') continue;
    const count = counts.get(subscriptionId) ?? { reset: false, dead: 0 };
    if (kind === 'succeeded') counts.set(subscriptionId, { reset: true, dead: 0 });
    else counts.set(subscriptionId, { reset: count.reset, dead: count.dead + 1 });
  }
  return counts;
}
