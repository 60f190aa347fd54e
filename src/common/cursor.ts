import { createHmac, timingSafeEqual } from 'node:crypto';
import { RequestValidationError } from './errors/domain-error';

/** A keyset position: the sort key values of the last row of a page. */
export type KeysetPosition = ReadonlyArray<string | number>;

const MAC_BYTES = 16;

/**
 * Opaque, signed cursors for keyset pages. A cursor is bound to the scope it was issued for
 * (a realm id and list name, say): one issued for another scope, edited, or made up is refused,
 * so a client cannot steer a list into rows of another realm by forging a position.
 */
export class CursorCodec {
  constructor(private readonly key: Buffer) {}

  encode(scope: string, position: KeysetPosition): string {
    const payload = Buffer.from(JSON.stringify(position), 'utf8');
    return Buffer.concat([this.mac(scope, payload), payload]).toString('base64url');
  }

  /** The position inside `cursor`, or a validation error naming `field`. */
  decode(scope: string, cursor: string, field = 'cursor'): KeysetPosition {
    const invalid = () => new RequestValidationError({ [field]: [`${field} is not a cursor issued for this list`] });
    const raw = /^[A-Za-z0-9_-]{1,2048}$/.test(cursor) ? Buffer.from(cursor, 'base64url') : Buffer.alloc(0);
    if (raw.length <= MAC_BYTES) throw invalid();
    const payload = raw.subarray(MAC_BYTES);
    if (!timingSafeEqual(raw.subarray(0, MAC_BYTES), this.mac(scope, payload))) throw invalid();
    const position: unknown = JSON.parse(payload.toString('utf8'));
    if (!Array.isArray(position) || !position.every((v) => typeof v === 'string' || typeof v === 'number')) throw invalid();
    return position;
  }

  private mac(scope: string, payload: Buffer): Buffer {
    return createHmac('sha256', this.key).update(scope).update('\0').update(payload).digest().subarray(0, MAC_BYTES);
  }
}
