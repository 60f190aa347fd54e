import { Page } from '../common/pagination';

/**
 * Keyset pagination of the ticket list (`cursor`, beside the seed's `page`): an opaque token
 * naming the last row of a page, its sort value as PostgreSQL wrote it and its id, bound to the
 * sort it was made for. The next page is the rows after it in (sort value, id) order: an index
 * range, whatever the depth, where OFFSET walks every row before the page.
 */
export interface TicketCursor {
  /** sort_by and sort_order it was made for. */
  sort: string;
  /** The last row's sort value, as text (a timestamp, or a priority rank). */
  value: string;
  id: number;
}

export function encodeCursor(c: TicketCursor): string {
  return Buffer.from(JSON.stringify([c.sort, c.value, c.id])).toString('base64url');
}

/** The cursor, or null when the token is not one (malformed, or made for another sort). */
export function decodeCursor(token: string, sort: string): TicketCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3) return null;
    const [s, value, id] = parsed as unknown[];
    if (s !== sort || typeof value !== 'string' || value.length > 64 || !Number.isSafeInteger(id) || (id as number) < 1) return null;
    return { sort, value, id: id as number };
  } catch {
    return null;
  }
}

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
