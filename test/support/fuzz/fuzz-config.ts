import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * How much the fuzz suite does, from the environment:
 * - FUZZ_SEED: the fast-check seed (default fixed, so every run sends the same requests);
 * - FUZZ_RUNS: requests per operation (default small enough for CI; a long run is FUZZ_RUNS=1000);
 * - FUZZ_ONLY: a regular expression on "METHOD /path" to fuzz only some operations;
 * - FUZZ_REPORT: where the JSON report (every failure, full requests) is written.
 */
export interface FuzzConfig {
  seed: number;
  runs: number;
  only?: RegExp;
  reportPath: string;
  /** A request slower than this fails (the issue: never longer than 2 s). */
  timeoutMs: number;
}

export const DEFAULT_SEED = 20240817;
export const DEFAULT_RUNS = 25;

export function fuzzConfig(env: NodeJS.ProcessEnv = process.env): FuzzConfig {
  const seed = env.FUZZ_SEED ? Number(env.FUZZ_SEED) : DEFAULT_SEED;
  const runs = env.FUZZ_RUNS ? Number(env.FUZZ_RUNS) : DEFAULT_RUNS;
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, not ${env.FUZZ_SEED}`);
  if (!Number.isSafeInteger(runs) || runs < 1)
    throw new Error(`FUZZ_RUNS must be a positive integer, not ${env.FUZZ_RUNS}`);
  return {
    seed,
    runs,
    only: env.FUZZ_ONLY ? new RegExp(env.FUZZ_ONLY) : undefined,
    reportPath: env.FUZZ_REPORT || join(tmpdir(), `fuzz-report-${seed}-${runs}.json`),
    timeoutMs: 2000,
  };
}

/** A seed of its own for every operation: adding a route does not change the requests sent to the others. */
export function operationSeed(seed: number, key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (seed ^ hash) | 0;
}
