import type fc from 'fast-check';
import type { FuzzOperation } from './operations';
import type { KnownValues } from './schema-arbitrary';

/** One part of a request (path, query, body, auth, headers): what a well-behaved client sends, and what a hostile one does. */
export interface Axis<T> {
  valid: fc.Arbitrary<T>;
  hostile: fc.Arbitrary<T>;
}

export interface Noted<T> {
  value: T;
  notes: string[];
}

/** What the world knows: ids of seeded rows per path parameter, meaningful values per field name. */
export interface FuzzWorldView {
  idsFor(op: FuzzOperation, param: string): number[];
  known: KnownValues;
}
