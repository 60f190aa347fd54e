import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { FuzzConfig, operationSeed } from './fuzz-config';
import { FuzzWorld } from './fuzz-world';
import { FuzzOperation, fuzzOperations } from './operations';
import { requestArbitrary } from './request-arbitrary';
import { Failure, formatCauses, formatGroups, groupFailures, judge, send } from './runner';
import { TRANSPORT_CASES, transportRequest } from './transport';

/** What a fuzz run did, for the summary printed at the end. */
export interface CampaignStats {
  operations: number;
  requests: number;
  statuses: Record<string, number>;
  failures: Failure[];
  slowestMs: number;
  /** The slowest answers (operation and input), the ones closest to the 2 s limit. */
  slowest: Array<{ ms: number; operation: string; notes: string[] }>;
  elapsedMs: number;
}

export function emptyStats(): CampaignStats {
  return { operations: 0, requests: 0, statuses: {}, failures: [], slowestMs: 0, slowest: [], elapsedMs: 0 };
}

/** The inputs of one operation: the same for a given seed, whatever other routes exist. */
export function inputsOf(world: FuzzWorld, op: FuzzOperation, config: FuzzConfig) {
  return fc.sample(requestArbitrary(op, world), {
    seed: operationSeed(config.seed, op.key),
    numRuns: config.runs,
  });
}

async function exchange(
  world: FuzzWorld,
  config: FuzzConfig,
  stats: CampaignStats,
  as: { method: string; path: string },
  request: Parameters<typeof send>[1],
  notes: string[],
): Promise<Failure[]> {
  const outcome = await send(world.server.baseUrl, request, config.timeoutMs);
  stats.requests++;
  stats.slowestMs = Math.max(stats.slowestMs, outcome.ms);
  if (outcome.ms > 200) {
    stats.slowest.push({ ms: Math.round(outcome.ms), operation: `${as.method} ${as.path}`, notes });
    stats.slowest.sort((a, b) => b.ms - a.ms).splice(10);
  }
  const bucket = outcome.transportError ? 'none' : `${Math.floor(outcome.status / 100)}xx`;
  stats.statuses[bucket] = (stats.statuses[bucket] ?? 0) + 1;
  const failures = judge(world.contract, as, request, outcome, config.timeoutMs, notes);
  stats.failures.push(...failures);
  // A request the server is still chewing on would make the next ones time out too: let it finish first.
  if (outcome.transportError) await world.waitUntilResponsive();
  return failures;
}

/** Runs `work`, adding its duration to the campaign's time. */
async function timed<T>(stats: CampaignStats, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    stats.elapsedMs += performance.now() - started;
  }
}

/** Every documented operation, `config.runs` generated requests each, one at a time. */
export function fuzzEveryOperation(world: FuzzWorld, config: FuzzConfig, stats: CampaignStats): Promise<Failure[]> {
  return timed(stats, async () => {
    const failures: Failure[] = [];
    const operations = fuzzOperations(world.contract, config.only);
    stats.operations += operations.length;
    for (const op of operations) {
      for (const input of inputsOf(world, op, config)) {
        const notes = [`auth ${input.auth}${input.auth === 'fit' && input.role ? ` (${input.role})` : ''}`, ...input.notes];
        failures.push(...(await exchange(world, config, stats, op, world.requestOf(op, input), notes)));
      }
    }
    return failures;
  });
}

/** The fixed transport cases; after the ones that may cost a connection, the server must still answer. */
export function fuzzTransport(world: FuzzWorld, config: FuzzConfig, stats: CampaignStats): Promise<Failure[]> {
  return timed(stats, async () => {
    const failures: Failure[] = [];
    for (const c of TRANSPORT_CASES) {
      const as = c.as ?? { method: c.method, path: c.url };
      failures.push(...(await exchange(world, config, stats, as, transportRequest(world, c), [`transport ${c.name}`])));
      if (c.thenHealthy) {
        const health = { method: 'GET', url: '/api/health', headers: {} };
        failures.push(...(await exchange(world, config, stats, { method: 'GET', path: '/api/health' }, health, [`plain request after ${c.name}`])));
      }
    }
    return failures;
  });
}

/** The figures and the grouped failures, as printed at the end of the suite. */
export function summary(config: FuzzConfig, stats: CampaignStats): string {
  const groups = groupFailures(stats.failures);
  const statuses = Object.entries(stats.statuses)
    .sort()
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const lines = [
    `fuzz: seed ${config.seed} (FUZZ_SEED), ${config.runs} requests per operation (FUZZ_RUNS)${config.only ? `, only ${config.only}` : ''}`,
    `fuzz: ${stats.operations} operations, ${stats.requests} requests in ${(stats.elapsedMs / 1000).toFixed(1)} s (${statuses}); slowest ${Math.round(stats.slowestMs)} ms`,
    `fuzz: ${stats.failures.length} failures in ${groups.length} groups; full report: ${config.reportPath}`,
  ];
  if (stats.slowest.length) {
    lines.push(
      'slowest answers:',
      ...stats.slowest.slice(0, 5).map((s) => `  ${s.ms} ms ${s.operation}: ${s.notes.join(', ')}`),
    );
  }
  if (groups.length) {
    lines.push('by cause (status, kind) across operations:', formatCauses(stats.failures));
    lines.push(
      `top ${Math.min(40, groups.length)} groups (operation → status, kind), worst first:`,
      formatGroups(groups, 40),
    );
  }
  return lines.join('\n');
}

/** One full request per failure group (bodies as text, truncated at 100 KB), and every 5xx or timeout. */
export function writeReport(config: FuzzConfig, stats: CampaignStats): void {
  const groups = groupFailures(stats.failures).map((g) => ({
    group: g.key,
    count: g.count,
    violation: g.sample.violation,
    input: g.sample.notes,
    request: { ...g.sample.request, body: g.sample.request.body?.toString('utf8').slice(0, 100_000) },
    response: g.sample.responseText,
  }));
  const figures = {
    slowest: stats.slowest,
    seed: config.seed,
    runs: config.runs,
    operations: stats.operations,
    requests: stats.requests,
    statuses: stats.statuses,
    failures: stats.failures.length,
    elapsedMs: Math.round(stats.elapsedMs),
  };
  // Every 5xx, timeout and lost connection on its own (bodies shortened): the worst defects, each input kept.
  const severe = stats.failures
    .filter((f) => f.kind !== 'contract')
    .map((f) => ({
      operation: f.operation,
      kind: f.kind,
      status: f.status,
      input: f.notes,
      request: { ...f.request, headers: undefined, body: f.request.body?.toString('utf8').slice(0, 2_000) },
    }));
  writeFileSync(config.reportPath, JSON.stringify({ figures, groups, severe }, null, 2));
}
