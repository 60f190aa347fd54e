import { timingSafeEqual } from 'node:crypto';
import { toCrockford32 } from '../../common/ids';
import { blake3_128Keyed, blake3_256 } from './blake3';

/*
 * Proof of possession: a delegate proves it holds both an access token and a node's bytes.
 *   popKey = BLAKE3-256(token bytes)          32 bytes
 *   pop    = "pop:" + CB32(BLAKE3-128 keyed with popKey over the node bytes)
 */

const POP_PREFIX = 'pop:';

const TOKEN_BYTES = 32;

/** The PoP of `nodeBytes` for an access token (its 32 raw bytes). Needs initBlake3() done. */
export function computePop(tokenBytes: Uint8Array, nodeBytes: Uint8Array): string {
  // Catches a token passed as its text by mistake, which would give a PoP no client computes.
  if (tokenBytes.length !== TOKEN_BYTES) throw new RangeError(`an access token is ${TOKEN_BYTES} bytes, not ${tokenBytes.length}`);
  return POP_PREFIX + toCrockford32(blake3_128Keyed(blake3_256(tokenBytes), nodeBytes));
}

/** Whether `pop` is the PoP of `nodeBytes` for the token; compares in constant time. */
export function verifyPop(pop: string, tokenBytes: Uint8Array, nodeBytes: Uint8Array): boolean {
  const expected = Buffer.from(computePop(tokenBytes, nodeBytes), 'latin1');
  // Text of another length (or not ASCII) cannot match; the comparison then runs against itself so as to cost the same.
  const given = Buffer.from(pop, 'latin1');
  const comparable = given.length === expected.length && Buffer.byteLength(pop, 'utf8') === pop.length;
  return timingSafeEqual(comparable ? given : expected, expected) && comparable;
}
