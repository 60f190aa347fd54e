/** What the benchmarks share: quiet server settings, pinning processes to cores (when taskset exists), medians. */
import { execFileSync } from 'node:child_process';

/** True when `taskset` can pin processes (server on core 0, load on core 1). */
export const TASKSET = (() => {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Pins every thread of `pid` to `cores` (a core, or a list such as '0-1'); nothing without taskset. */
export function pin(pid: number, cores: number | string): void {
  if (TASKSET) execFileSync('taskset', ['-apc', String(cores), String(pid)], { stdio: 'ignore' });
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Settings every benchmarked server gets: no background sweeps, no rate limits, tokens that outlive the run. */
export const QUIET_SERVER: Record<string, string> = {
  LOG_LEVEL: 'error',
  SLA_SCAN_INTERVAL_MS: '0',
  WORKFLOW_SWEEP_INTERVAL_MS: '0',
  WEBHOOK_DISPATCHER_ENABLED: 'false',
  RATE_LIMIT_USER_PER_MINUTE: '100000000',
  RATE_LIMIT_AGENT_PER_MINUTE: '100000000',
  JWT_EXPIRES_IN: '1h',
};
