import { listCursorScope, TicketPage } from './ticket-cursor';

describe('ticket list paging', () => {
  it('keeps the estimate flag and next cursor through map', () => {
    const page = new TicketPage([1, 2], 1001, 1, 2, true, 'abc').map((n) => n * 2);
    expect(page).toBeInstanceOf(TicketPage);
    expect([page.items, page.total, page.estimated, page.nextCursor, page.totalPages]).toEqual([[2, 4], 1001, true, 'abc', 501]);
  });

  it('signs cursors for one sort: each sort and order is a scope of its own', () => {
    expect(new Set([listCursorScope('created_at', 'desc'), listCursorScope('created_at', 'asc'), listCursorScope('priority', 'desc')]).size).toBe(3);
  });
});
