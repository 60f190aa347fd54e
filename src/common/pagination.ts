import type { PageQuery } from './page-query.dto';

/** One page of an offset list, as services return it; each surface renders it its own way. */
export class Page<T> {
  constructor(
    readonly items: T[],
    readonly total: number,
    readonly page: number,
    readonly pageSize: number,
  ) {}

  static of<T>(items: T[], total: number, query: PageQuery): Page<T> {
    return new Page(items, total, query.page, query.page_size);
  }

  get totalPages(): number {
    return Math.ceil(this.total / this.pageSize);
  }

  map<U>(view: (item: T) => U): Page<U> {
    return new Page(this.items.map(view), this.total, this.page, this.pageSize);
  }
}

/** SQL OFFSET of a page. */
export function offsetOf(query: PageQuery): number {
  return (query.page - 1) * query.page_size;
}

/**
 * One page of a keyset list (the realm surface): the items and an opaque cursor for the next
 * page, null at the end. `field` names the list in the body (`delegates`, `tickets`, …).
 */
export class CursorPage<T> {
  constructor(
    readonly items: T[],
    readonly nextCursor: string | null,
    readonly field: string = 'items',
  ) {}

  map<U>(view: (item: T) => U): CursorPage<U> {
    return new CursorPage(this.items.map(view), this.nextCursor, this.field);
  }
}
