import { decodeCursor, encodeCursor, TicketPage } from './ticket-cursor';

describe('ticket list cursor', () => {
  it('round-trips and is bound to its sort', () => {
    const token = encodeCursor({ sort: 'created_at:desc', value: '2024-10-01 08:00:00.123456+00', id: 42 });
    expect(decodeCursor(token, 'created_at:desc')).toEqual({ sort: 'created_at:desc', value: '2024-10-01 08:00:00.123456+00', id: 42 });
    expect(decodeCursor(token, 'created_at:asc')).toBeNull();
  });

  it('refuses tokens that are not cursors', () => {
    expect(decodeCursor('not base64 json', 'priority:desc')).toBeNull();
    expect(decodeCursor(Buffer.from('["priority:desc","4",0]').toString('base64url'), 'priority:desc')).toBeNull();
    expect(decodeCursor(Buffer.from('["priority:desc",4,1]').toString('base64url'), 'priority:desc')).toBeNull();
    expect(decodeCursor(Buffer.from('{"a":1}').toString('base64url'), 'priority:desc')).toBeNull();
  });

  it('keeps the estimate flag and next cursor through map', () => {
    const page = new TicketPage([1, 2], 10001, 1, 2, true, 'abc').map((n) => n * 2);
    expect(page).toBeInstanceOf(TicketPage);
    expect([page.items, page.total, page.estimated, page.nextCursor, page.totalPages]).toEqual([[2, 4], 10001, true, 'abc', 5001]);
  });
});
