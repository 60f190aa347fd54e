import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';
import { keysetPage } from './paging';

@Entity('keyset_items')
class KeysetItem {
  @PrimaryColumn({ type: 'varchar' })
  id: string;

  @Column({ type: 'varchar' })
  realm: string;

  @Column({ type: 'bigint' })
  createdAt: number;
}

describe('keysetPage on embedded PGlite', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource({
      ...buildDataSourceOptions({ url: undefined, dataDir: 'memory://', migrationsRun: false, poolSize: 1, logging: false }),
      entities: [KeysetItem],
    } as never);
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE keyset_items (id varchar PRIMARY KEY, realm varchar NOT NULL, created_at bigint NOT NULL)');
    // Two realms; equal timestamps force the tie-break on id.
    const rows = Array.from({ length: 25 }, (_, i) => ({ id: `it_${String(i).padStart(2, '0')}`, realm: i % 5 === 0 ? 'other' : 'mine', createdAt: 1000 + Math.floor(i / 3) }));
    await dataSource.getRepository(KeysetItem).insert(rows);
  });
  afterAll(() => dataSource.destroy());

  const page = (after: ReadonlyArray<string | number> | null, direction: 'ASC' | 'DESC' = 'DESC') =>
    keysetPage(
      dataSource.getRepository(KeysetItem).createQueryBuilder('k').where('k.realm = :realm', { realm: 'mine' }),
      ['k.created_at', 'k.id'],
      direction,
      after,
      7,
    );

  it.each(['ASC', 'DESC'] as const)('walks every row of the scope once, in order, %s', async (direction) => {
    const seen: KeysetItem[] = [];
    let after: ReadonlyArray<string | number> | null = null;
    for (let i = 0; i < 10; i++) {
      const { rows, hasMore } = await page(after, direction);
      seen.push(...rows);
      if (!hasMore) break;
      const last = rows[rows.length - 1];
      after = [last.createdAt, last.id];
    }
    expect(seen).toHaveLength(20);
    expect(seen.every((r) => r.realm === 'mine')).toBe(true);
    const keys = seen.map((r) => `${r.createdAt}:${r.id}`);
    const sorted = [...keys].sort();
    expect(keys).toEqual(direction === 'ASC' ? sorted : sorted.reverse());
    expect(new Set(keys).size).toBe(20);
  });

  it('answers hasMore false on the last page and nothing after it', async () => {
    const last = await page([0, ''], 'DESC');
    expect(last).toEqual({ rows: [], hasMore: false });
  });
});
