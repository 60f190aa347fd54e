import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';
import { namedStatement } from './db';
import { TransactionContext } from './transaction-context';

/**
 * On the embedded database (one PGlite connection, leased per query runner) a query that
 * escaped the open transaction would wait forever for the connection that transaction holds.
 * These run on a real in-memory PGlite through TypeORM, as the app does.
 */
describe('TransactionContext on embedded PGlite', () => {
  let dataSource: DataSource;
  let tx: TransactionContext;

  beforeAll(async () => {
    dataSource = new DataSource(buildDataSourceOptions({ url: undefined, dataDir: 'memory://', migrationsRun: false, poolSize: 1, logging: false }));
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)');
    tx = new TransactionContext(dataSource);
  });

  afterAll(() => dataSource.destroy());
  beforeEach(() => dataSource.query('TRUNCATE notes'));

  /** Fails instead of hanging when a query waits for a connection it can never get. */
  const within = <T>(promise: Promise<T>, ms = 5000): Promise<T> =>
    Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`deadlock: no answer in ${ms} ms`)), ms))]);

  // Three layers, as service → service → repository call each other.
  const insertNote = (body: string) => tx.manager.query('INSERT INTO notes (body) VALUES ($1) RETURNING id', [body]);
  const countNotes = async () => Number((await tx.manager.query('SELECT count(*) AS n FROM notes'))[0].n);
  const innerService = () => tx.run(async () => {
    await insertNote('inner');
    return countNotes();
  });
  const outerService = () => tx.run(async () => {
    await insertNote('outer');
    return innerService();
  });

  it('runs nested service calls in the one transaction without deadlocking', async () => {
    await expect(within(outerService())).resolves.toBe(2);
    expect(await countNotes()).toBe(2);
  });

  it('shares one manager between nested calls and leaves none behind', async () => {
    await tx.run(async () => {
      const outer = tx.manager;
      expect(tx.inTransaction).toBe(true);
      await tx.run(async () => expect(tx.manager).toBe(outer));
    });
    expect(tx.inTransaction).toBe(false);
    expect(tx.manager).toBe(dataSource.manager);
  });

  it('rolls back everything, nested work included, when the outer work fails', async () => {
    const failing = tx.run(async () => {
      await outerService();
      throw new Error('boom');
    });
    await expect(within(failing)).rejects.toThrow('boom');
    expect(await countNotes()).toBe(0);
  });

  it('calls afterCommit callbacks after the commit, never after a rollback', async () => {
    const seen: string[] = [];
    await tx.run(async () => {
      tx.afterCommit(() => seen.push('committed'));
      await insertNote('a');
      expect(seen).toEqual([]);
    });
    expect(seen).toHaveLength(1);
    await expect(
      tx.run(async () => {
        tx.afterCommit(() => seen.push('rolled back'));
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(seen).toHaveLength(1);
    tx.afterCommit(() => seen.push('no transaction'));
    expect(seen).toEqual(['committed', 'no transaction']);
  });

  it('serialises concurrent transactions on the single embedded connection', async () => {
    const results = await within(Promise.all(Array.from({ length: 10 }, () => outerService())));
    expect(results.sort((a, b) => a - b)).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    expect(await countNotes()).toBe(20);
  });

  describe('named statements (PREPAREd once, then EXECUTEd with the values as literals)', () => {
    const echo = namedStatement(
      'echo_every_type',
      'SELECT $1::text AS text, $2::int AS int, $3::boolean AS bool, $4::timestamptz AS at, $5::text[] AS tags, $6::int[] AS ids, $7::jsonb AS doc, $8::text AS nothing',
    );

    it('answers every kind of value as bound parameters would, quotes and backslashes included', async () => {
      const at = new Date('2024-05-06T07:08:09.123Z');
      const hostile = `it's \\ a "test"; DROP TABLE notes; --`;
      const values = [hostile, 42, true, at, ['a', 'b"c', 'd\\e', "f'g", null], [1, 2], { k: "v'\\" }, null];
      for (let run = 0; run < 2; run++) {
        const [row] = await tx.query(echo, values);
        expect(row).toEqual({ text: hostile, int: 42, bool: true, at, tags: ['a', 'b"c', 'd\\e', "f'g", null], ids: [1, 2], doc: { k: "v'\\" }, nothing: null });
      }
      expect(await countNotes()).toBe(0);
    });

    it('infers parameter types from the statement, as PostgreSQL does', async () => {
      await insertNote('typed');
      const byId = namedStatement('note_by_id', 'SELECT body FROM notes WHERE id = $1 AND body <> $2');
      const [{ id }] = await tx.manager.query('SELECT id FROM notes');
      expect(await tx.query(byId, [id, 'other'])).toEqual([{ body: 'typed' }]);
      expect(await tx.query(byId, [String(id), 'typed'])).toEqual([]);
    });

    it('runs inside the open transaction, on its connection, and sees its writes', async () => {
      const count = namedStatement('note_count', 'SELECT count(*)::int AS n FROM notes WHERE body = $1');
      const seen = await within(
        tx.run(async () => {
          await insertNote('in tx');
          return tx.query(count, ['in tx']);
        }),
      );
      expect(seen).toEqual([{ n: 1 }]);
      await expect(
        tx.run(async () => {
          await insertNote('rolled back');
          expect(await tx.query(count, ['rolled back'])).toEqual([{ n: 1 }]);
          throw new Error('undo');
        }),
      ).rejects.toThrow('undo');
      expect(await tx.query(count, ['rolled back'])).toEqual([{ n: 0 }]);
    });
  });
});
