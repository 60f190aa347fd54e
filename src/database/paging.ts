import type { FindManyOptions, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import type { KeysetPosition } from '../common/cursor';
import { offsetOf, Page } from '../common/pagination';
import type { PageQuery } from '../common/page-query.dto';

/** One offset page of entities and the total, in the query's order. */
export async function findPage<T extends ObjectLiteral>(repository: Repository<T>, options: FindManyOptions<T>, query: PageQuery): Promise<Page<T>> {
  const [rows, total] = await repository.findAndCount({ ...options, skip: offsetOf(query), take: query.page_size });
  return Page.of(rows, total, query);
}

/**
 * A keyset page: rows after `after` in the order of `keys` (all ascending or all descending;
 * the last key must be unique), `limit` of them, plus whether more follow. Costs one index
 * range scan however deep the page is.
 */
export async function keysetPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  keys: readonly string[],
  direction: 'ASC' | 'DESC',
  after: KeysetPosition | null,
  limit: number,
): Promise<{ rows: T[]; hasMore: boolean }> {
  if (after) {
    if (after.length !== keys.length) throw new Error('cursor position does not match the keys');
    const names = keys.map((_, i) => `:keyset_${i}`);
    qb.andWhere(`(${keys.join(', ')}) ${direction === 'ASC' ? '>' : '<'} (${names.join(', ')})`, Object.fromEntries(after.map((v, i) => [`keyset_${i}`, v])));
  }
  keys.forEach((key, i) => (i === 0 ? qb.orderBy(key, direction) : qb.addOrderBy(key, direction)));
  const rows = await qb.take(limit + 1).getMany();
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}
