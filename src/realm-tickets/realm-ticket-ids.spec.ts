import { nodeKeyText } from '../cas/codec/node-key';
import { newUuid } from '../cas/delegate-ids';
import { parseRootKey, parseTicketId, ROOT_KEY, ticketWireId } from './realm-ticket-ids';

const EMPTY_DICT = 'nod_240B5PHBGEC2A705WTKKMVRS30';

describe('realm ticket ids and root keys', () => {
  it('writes a ticket id as ticket:<ULID> and reads it back, leniently as Crockford allows', () => {
    const uuid = newUuid();
    const id = ticketWireId(uuid);
    expect(id).toMatch(/^ticket:[0-9A-HJKMNP-TV-Z]{25}[048CGMRW]$/);
    expect(parseTicketId(id)).toBe(uuid);
    expect(parseTicketId(id.toLowerCase())).toBe(uuid);
    expect(ticketWireId('00000000-0000-0000-0000-000000000000')).toBe(`ticket:${'0'.repeat(26)}`);
  });

  it('sorts ticket ids as their uuids (creation time first)', () => {
    const a = '01890000-0000-0000-0000-000000000000';
    const b = '018a0000-0000-0000-0000-000000000000';
    expect(ticketWireId(a) < ticketWireId(b)).toBe(true);
  });

  it('refuses what is not a ticket id', () => {
    const id = ticketWireId(newUuid());
    for (const text of [id.slice('ticket:'.length), id.replace('ticket:', 'ticket_'), id.replace('ticket:', 'TICKET:'), `${id}0`, id.slice(0, -1), `ticket:${'Z'.repeat(26)}`, `ticket:${'U'.repeat(26)}`, '']) {
      expect(parseTicketId(text)).toBeNull();
    }
  });

  it('reads a root as nod_… or as seed 000 writes it, node:…, the same key either way', () => {
    const canonical = parseRootKey(EMPTY_DICT)!;
    expect(nodeKeyText(canonical)).toBe(EMPTY_DICT);
    expect(parseRootKey(`node:${EMPTY_DICT.slice(4)}`)).toEqual(canonical);
    expect(parseRootKey(`node:${EMPTY_DICT.slice(4).toLowerCase()}`)).toEqual(canonical);
    for (const text of ['node:', 'nod:240B5PHBGEC2A705WTKKMVRS30', 'key:240B5PHBGEC2A705WTKKMVRS30', `node:${'Z'.repeat(26)}`]) {
      expect(parseRootKey(text)).toBeNull();
    }
  });

  it('validates exactly the spellings the service reads (ROOT_KEY)', () => {
    expect(ROOT_KEY.test(EMPTY_DICT)).toBe(true);
    expect(ROOT_KEY.test(`node:${EMPTY_DICT.slice(4)}`)).toBe(true);
    expect(ROOT_KEY.test(`node:${EMPTY_DICT.slice(4).toLowerCase()}`)).toBe(true);
    for (const text of [`nod:${EMPTY_DICT.slice(4)}`, `node_${EMPTY_DICT.slice(4)}`, `${EMPTY_DICT}0`, `node:${'Z'.repeat(26)}`, ` ${EMPTY_DICT}`]) {
      expect(ROOT_KEY.test(text)).toBe(false);
    }
  });
});
