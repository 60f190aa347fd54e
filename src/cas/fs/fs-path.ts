import { CasError, CasErrorCode } from '../cas.errors';

/** A location in a tree: names from the root, then child indices from there (CAS URI `path#index-path`). */
export interface FsLocation {
  names: string[];
  indices: number[];
}

// Control characters never name a file: they would make listings and logs ambiguous.
const CONTROL = /[\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * A name path as 04-filesystem.md writes it: relative, `/`-separated. Refused with
 * INVALID_PATH: a leading `/`, empty segments (a single trailing `/` is allowed), `.` or `..`,
 * control characters, ill-formed Unicode; NAME_TOO_LONG past `maxNameBytes` of UTF-8.
 */
export function parseFsPath(text: string | undefined, maxNameBytes: number): string[] {
  if (text === undefined || text === '') return [];
  const invalid = (reason: string) => new CasError(CasErrorCode.INVALID_PATH, `Invalid path '${text.slice(0, 300)}': ${reason}`, { path: text.slice(0, 1024) });
  if (text.startsWith('/')) throw invalid('absolute paths are not allowed; paths are relative to the root node');
  if (LONE_SURROGATE.test(text)) throw invalid('it is not well-formed Unicode');
  const segments = (text.endsWith('/') ? text.slice(0, -1) : text).split('/');
  for (const segment of segments) {
    if (segment === '') throw invalid('empty segment');
    if (segment === '.' || segment === '..') throw invalid(`'${segment}' segments are not allowed`);
    if (CONTROL.test(segment)) throw invalid('control characters are not allowed in names');
    const bytes = Buffer.byteLength(segment);
    if (bytes > maxNameBytes) {
      throw new CasError(CasErrorCode.NAME_TOO_LONG, `The name '${segment.slice(0, 64)}…' is ${bytes} bytes of UTF-8, at most ${maxNameBytes}`, { name: segment, bytes, maxNameBytes });
    }
  }
  return segments;
}

const INDEX_PATH = /^\d{1,6}(?::\d{1,6}){0,255}$/;

/** An index path `1:0:3` (children's indices, from the node the name path reached). */
export function parseFsIndexPath(text: string | undefined): number[] {
  if (text === undefined || text === '') return [];
  if (!INDEX_PATH.test(text)) throw new CasError(CasErrorCode.INVALID_PATH, `Invalid indexPath '${text.slice(0, 100)}': expected indices separated by ':' such as 1:0`, { indexPath: text.slice(0, 1024) });
  return text.split(':').map(Number);
}

export function parseFsLocation(path: string | undefined, indexPath: string | undefined, maxNameBytes: number): FsLocation {
  return { names: parseFsPath(path, maxNameBytes), indices: parseFsIndexPath(indexPath) };
}

export const joinPath = (names: readonly string[]): string => names.join('/');
