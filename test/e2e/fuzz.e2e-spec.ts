import {
  CampaignStats,
  emptyStats,
  fuzzEveryOperation,
  fuzzTransport,
  summary,
  writeReport,
} from '../support/fuzz/campaign';
import { fuzzConfig } from '../support/fuzz/fuzz-config';
import { FuzzWorld } from '../support/fuzz/fuzz-world';
import { fuzzOperations } from '../support/fuzz/operations';
import { formatGroups, groupFailures } from '../support/fuzz/runner';

/**
 * The fuzz suite of the hardening issue: for every operation of the live /docs-json, generated
 * valid-looking and hostile requests (seeded), with a fitting token and without. No answer may be
 * a 5xx or take longer than 2 s, and every body must keep the operation's documented schema
 * (errors: the surface's error schema). Figures and grouped failures are printed at the end, and
 * every failure is written to a JSON report (FUZZ_REPORT, default in the temp directory).
 *
 *   short (the test run):  npx jest test/e2e/fuzz.e2e-spec.ts --selectProjects e2e
 *   long:                  FUZZ_RUNS=1000 npx jest test/e2e/fuzz.e2e-spec.ts --selectProjects e2e
 *   replay / narrow down:  FUZZ_SEED=<seed> FUZZ_ONLY='^POST /v1/tickets' …
 */
const config = fuzzConfig();
/** Generous: a request may take up to 2 s, but they take milliseconds; the long run scales with FUZZ_RUNS. */
const budgetMs = 120_000 + config.runs * 100 * 150;

describe('fuzz: every documented operation', () => {
  let world: FuzzWorld;
  const stats: CampaignStats = emptyStats();

  beforeAll(async () => {
    world = await FuzzWorld.start();
  }, 120_000);

  afterAll(async () => {
    writeReport(config, stats);
    process.stdout.write(`\n${summary(config, stats)}\n`);
    await world?.close();
  });

  it('reads the operations from /docs-json', () => {
    const operations = fuzzOperations(world.contract, config.only);
    expect(operations.length).toBeGreaterThan(config.only ? 0 : 40);
  });

  it(
    'answers every generated request within 2 s, without a 5xx, in the documented schema',
    async () => {
      const failures = await fuzzEveryOperation(world, config, stats);
      if (failures.length)
        throw new Error(
          `${failures.length} failures (seed ${config.seed}):\n${formatGroups(groupFailures(failures), 40)}`,
        );
    },
    budgetMs,
  );

  it('survives the transport cases (encoded literals, oversized lines and headers, body limits)', async () => {
    const failures = await fuzzTransport(world, config, stats);
    if (failures.length)
      throw new Error(`${failures.length} failures:\n${formatGroups(groupFailures(failures), 40)}`);
  }, 60_000);
});
