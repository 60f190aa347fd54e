/**
 * Names of files inside a ticket. An upload names a file by its relative path (a folder
 * upload: `src/Main.java`; Windows clients may send `src\Main.java`), and GET …/files/{path}
 * asks for one. Both go through `ticketPathOf`: a path is kept inside the ticket, or refused.
 */
export const MAX_PATH_LENGTH = 1024;
export const MAX_PATH_DEPTH = 32;
/** A CAS d-node name is at most 255 UTF-8 bytes. */
export const MAX_SEGMENT_BYTES = 255;

/** Characters the seed's backend refused in names (Windows-reserved, and `~`), and control characters. */
const FORBIDDEN = /[:*?"<>|~\u0000-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The segments of a legal path inside a ticket, or null: backslashes become `/`, empty and `.`
 * segments are dropped; an absolute path, a `..` segment, a forbidden character, a segment past
 * 255 bytes or a path past 1,024 characters or 32 levels is refused.
 */
export function ticketPathOf(name: string): string[] | null {
  if (name.length === 0 || name.length > MAX_PATH_LENGTH || FORBIDDEN.test(name) || LONE_SURROGATE.test(name)) return null;
  const slashed = name.replace(/\\/g, '/');
  if (slashed.startsWith('/')) return null;
  const segments = slashed.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.length === 0 || segments.length > MAX_PATH_DEPTH) return null;
  if (segments.some((segment) => segment === '..' || Buffer.byteLength(segment) > MAX_SEGMENT_BYTES)) return null;
  return segments;
}

/**
 * The files of one upload as a tree: a path is accepted unless it is already taken, is a
 * directory of an earlier file, or has an earlier file where it needs a directory.
 */
export class TicketTreeNames {
  private readonly files = new Set<string>();
  private readonly dirs = new Set<string>();

  /** Adds a path; false (and nothing added) when it clashes with an earlier one. */
  add(segments: readonly string[]): boolean {
    const path = segments.join('/');
    if (this.files.has(path) || this.dirs.has(path)) return false;
    const parents: string[] = [];
    for (let i = 1; i < segments.length; i++) {
      const parent = segments.slice(0, i).join('/');
      if (this.files.has(parent)) return false;
      parents.push(parent);
    }
    this.files.add(path);
    for (const parent of parents) this.dirs.add(parent);
    return true;
  }
}
