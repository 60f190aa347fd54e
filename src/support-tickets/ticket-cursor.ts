import { Page } from '../common/pagination';

/**
 * Keyset pagination of the ticket list (`cursor`, beside the seed's `page`): a signed token
 * (CursorCodec) naming the last row of a page, its sort value as PostgreSQL wrote it and its id,
 * bound to the sort it was made for. The next page is the rows after it in (sort value, id)
 * order: an index range, whatever the depth, where OFFSET walks every row before the page.
 */
export interface ListPosition {
  /** The last row's sort value, as text (a timestamp, or a priority rank). */
  value: string;
  id: number;
}

/** What a list cursor is signed for: a cursor made for another sort (or edited, or made up) is refused. */
export const listCursorScope = (sortBy: string, sortOrder: string): string => `support-tickets:${sortBy}:${sortOrder}`;

/**
 * A page of the ticket list with what the headers carry: whether `total` is an estimate
 * (X-Total-Estimated) and the cursor of the next page (X-Next-Cursor, null at the end).
 */
export class TicketPage<T> extends Page<T> {
  constructor(
    items: T[],
    total: number,
    page: number,
    pageSize: number,
    readonly estimated: boolean,
    readonly nextCursor: string | null,
  ) {
    super(items, total, page, pageSize);
  }

  override map<U>(view: (item: T) => U): TicketPage<U> {
    return new TicketPage(this.items.map(view), this.total, this.page, this.pageSize, this.estimated, this.nextCursor);
  }
}
