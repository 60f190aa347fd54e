import fc from 'fast-check';
import { ticketPathOf, TicketTreeNames } from './ticket-paths';

describe('ticketPathOf', () => {
  it.each([
    ['Main.java', ['Main.java']],
    ['src/Main.java', ['src', 'Main.java']],
    ['src\\pkg\\Main.java', ['src', 'pkg', 'Main.java']],
    ['./src//Main.java', ['src', 'Main.java']],
    ['資料/報告.txt', ['資料', '報告.txt']],
    ['a b/c.d.e', ['a b', 'c.d.e']],
  ])('keeps %j as %j', (name, segments) => {
    expect(ticketPathOf(name)).toEqual(segments);
  });

  it.each([
    '',
    '/etc/passwd',
    '\\\\server\\share\\x',
    'C:\\Windows\\win.ini',
    'C:x',
    '../secret',
    'src/../../secret',
    'a/..',
    '..\\..\\boot.ini',
    '.',
    './/',
    'bad\u0000name',
    'line\nbreak',
    'what?',
    'star*',
    'pipe|',
    '<tag>',
    '"quoted"',
    '~/.ssh/id_rsa',
    'lone\ud800surrogate',
    `${'x'.repeat(256)}`,
    'a/'.repeat(33) + 'b',
    'x'.repeat(1025),
  ])('refuses %j', (name) => {
    expect(ticketPathOf(name)).toBeNull();
  });

  it('never answers a path that climbs out, is absolute, or carries a separator in a segment', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '.', '/', '\\', '..', 'é', ':', ' ') }), (name) => {
        const segments = ticketPathOf(name);
        if (segments === null) return;
        expect(segments.length).toBeGreaterThan(0);
        for (const segment of segments) {
          expect(segment).not.toBe('..');
          expect(segment).not.toBe('.');
          expect(segment).not.toBe('');
          expect(segment).not.toMatch(/[/\\:]/);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('TicketTreeNames', () => {
  it('refuses duplicates and files where directories are, either way round', () => {
    const names = new TicketTreeNames();
    expect(names.add(['src', 'Main.java'])).toBe(true);
    expect(names.add(['src', 'Main.java'])).toBe(false);
    expect(names.add(['src'])).toBe(false);
    expect(names.add(['src', 'Main.java', 'inner'])).toBe(false);
    expect(names.add(['src', 'Util.java'])).toBe(true);
    expect(names.add(['README'])).toBe(true);
    expect(names.add(['README', 'x'])).toBe(false);
  });
});
