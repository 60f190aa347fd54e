import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { WORKFLOW_STATUSES } from '../../src/workflow/workflow-rules';
import { withPostgres } from '../support/fixtures';
import { TestServer } from '../support/test-server';

/*
 * The workflow list's `count` comes from workflow_ticket_counts (tickets per status and
 * technician), which triggers keep in the writing transaction. Random inserts, status and
 * technician changes, multi-row updates and deletes made with SQL, the way every write reaches
 * the table; then every counter row equals a fresh grouping of the raw rows, and the list's
 * `count` for each filter combination equals a raw count(*).
 */

type Command =
  | { kind: 'insert'; count: number; status: number; technician: number | null }
  | { kind: 'move'; pick: number; status: number; technician: number | null }
  | { kind: 'moveAll'; from: number; to: number }
  | { kind: 'delete'; pick: number };

// IN_PROGRESS is left out of the random statuses: its unique index (one per technician) is not what this tests.
const STATUSES = WORKFLOW_STATUSES.filter((s) => s !== 'IN_PROGRESS');
const status = fc.nat(STATUSES.length - 1);
const technician = fc.option(fc.nat(2), { nil: null });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), count: fc.integer({ min: 1, max: 4 }), status, technician }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), status, technician }),
  fc.record({ kind: fc.constant('moveAll' as const), from: status, to: status }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
);

describe('workflow list counts against the raw rows (property)', () => {
  let t: TestServer;
  let admin: string;
  let technicians: number[];
  let master: number;

  beforeAll(async () => {
    t = await TestServer.start({ WORKFLOW_SWEEP_INTERVAL_MS: '0' });
    admin = await t.adminToken();
    technicians = await Promise.all([0, 1, 2].map(async () => (await t.userWithToken(['technician'])).user.id));
    master = (await t.userWithToken(['master'])).user.id;
  }, 60_000);
  afterAll(() => t?.close());

  let serial = 0;
  async function apply(c: Command): Promise<void> {
    const tech = (i: number | null) => (i === null ? null : technicians[i]);
    switch (c.kind) {
      case 'insert':
        await t.sql(
          `WITH items AS (INSERT INTO inventory_items (serial_number, status, created_by)
                          SELECT 'WC-' || $1::int || '-' || n, 'IN_SERVICE', $2::int FROM generate_series(1, $3::int) n RETURNING id)
           INSERT INTO workflow_tickets (status, title, inventory_item_id, master_id, technician_id, part_specs, total_duration, flag_color, xp_amount)
           SELECT CASE WHEN $4::text = 'DONE' THEN 'DONE' ELSE $4::text END, 't', id, $2::int, $5::int, '[]', 10, 'green', 1 FROM items`,
          [serial++, master, c.count, STATUSES[c.status], tech(c.technician)],
        );
        break;
      case 'move':
        await t.sql(
          `UPDATE workflow_tickets SET status = $2, technician_id = $3
            WHERE id = (SELECT id FROM workflow_tickets ORDER BY id OFFSET $1::int % greatest((SELECT count(*) FROM workflow_tickets), 1) LIMIT 1)`,
          [c.pick, STATUSES[c.status], tech(c.technician)],
        );
        break;
      case 'moveAll':
        await t.sql('UPDATE workflow_tickets SET status = $2 WHERE status = $1', [STATUSES[c.from], STATUSES[c.to]]);
        break;
      case 'delete':
        await t.sql(
          `DELETE FROM workflow_tickets
            WHERE id = (SELECT id FROM workflow_tickets ORDER BY id OFFSET $1::int % greatest((SELECT count(*) FROM workflow_tickets), 1) LIMIT 1)`,
          [c.pick],
        );
        break;
    }
  }

  async function countersDiffer(): Promise<unknown[]> {
    return t.sql(
      `WITH raw AS (SELECT status, coalesce(technician_id, 0) AS technician_id, count(*)::int AS n FROM workflow_tickets GROUP BY 1, 2),
            counted AS (SELECT status, technician_id, tickets AS n FROM workflow_ticket_counts WHERE tickets <> 0)
       SELECT * FROM raw FULL JOIN counted USING (status, technician_id) WHERE raw.n IS DISTINCT FROM counted.n`,
    );
  }

  async function listCountsMatchRaw(): Promise<void> {
    const [someItem] = await t.sql<{ id: number }>('SELECT inventory_item_id AS id FROM workflow_tickets ORDER BY id LIMIT 1');
    const filters: Array<Record<string, string | number>> = [{}, { inventory_item: someItem?.id ?? 1 }];
    for (const s of STATUSES) filters.push({ status: s }, { status: s, technician: technicians[0] });
    for (const id of technicians) filters.push({ technician: id });
    for (const f of filters) {
      const where = Object.entries(f).map(([k, v]) => `${{ status: 'status', technician: 'technician_id', inventory_item: 'inventory_item_id' }[k]} = '${v}'`);
      const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM workflow_tickets ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`);
      const res = await t.get(`/api/v1/tickets/?${new URLSearchParams(Object.entries(f).map(([k, v]): [string, string] => [k, String(v)]))}`, { token: admin });
      expect({ filter: f, count: res.body.count }).toEqual({ filter: f, count: n });
    }
  }

  withPostgres(
    'counters equal the raw grouping after random writes, and so does every list count',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 20 }), async (commands) => {
          await t.sql('DELETE FROM workflow_tickets');
          for (const c of commands) await apply(c);
          expect(await countersDiffer()).toEqual([]);
          await listCountsMatchRaw();
        }),
        { numRuns: 15 },
      );
    },
    300_000,
  );

  withPostgres(
    'rows written with triggers off are caught at boot and rebuilt; npm run db:rebuild-derived rebuilds them too',
    async () => {
      await t.sql('DELETE FROM workflow_tickets');
      await apply({ kind: 'insert', count: 2, status: 0, technician: null });
      const hidden = (tag: string) => `BEGIN; SET LOCAL session_replication_role = replica;
        WITH items AS (INSERT INTO inventory_items (serial_number, status, created_by) SELECT 'HID-${tag}-' || n, 'IN_SERVICE', ${master} FROM generate_series(1, 3) n RETURNING id)
        INSERT INTO workflow_tickets (status, title, inventory_item_id, master_id, part_specs, total_duration, flag_color, xp_amount)
        SELECT 'DONE', 'h', id, ${master}, '[]', 10, 'green', 1 FROM items; COMMIT`;
      await t.sql(hidden('a'));
      expect((await t.get('/api/v1/tickets/', { token: admin })).body.count).toBe(2);
      await t.restart();
      admin = await t.adminToken();
      expect((await t.get('/api/v1/tickets/', { token: admin })).body.count).toBe(5);
      expect((await t.get('/api/v1/tickets/?status=DONE', { token: admin })).body.count).toBe(3);

      await t.sql(hidden('b'));
      const rebuilt = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', join(__dirname, '..', '..', 'scripts', 'rebuild-derived.ts')], {
        env: { ...process.env, DATABASE_URL: t.env.DATABASE_URL },
        encoding: 'utf8',
      });
      expect(rebuilt.stderr).toBe('');
      expect(rebuilt.stdout).toMatch(/Workflow ticket counts rebuilt from 8 tickets/);
      expect((await t.get('/api/v1/tickets/?status=DONE', { token: admin })).body.count).toBe(6);
      expect(await countersDiffer()).toEqual([]);
    },
    120_000,
  );
});
