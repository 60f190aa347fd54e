/** What the benchmarks share: pinning processes to cores (when taskset exists), and medians. */
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
