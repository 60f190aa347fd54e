export type FsNodeType = 'file' | 'dir';

/** A file or directory (04-filesystem.md `stat`): `size` and `contentType` for files, `childCount` for directories. */
export class FsStatView {
  /** @example file */
  type: FsNodeType;
  /** The last name of the path; empty for the root. @example README.md */
  name: string;
  /** @example nod_2VTAQKBT0QEX31FJJ82XGGWQ4M */
  key: string;
  /** Files: bytes of content. @example 1 */
  size?: number;
  /** Files: the MIME type they were written with. @example text/plain */
  contentType?: string;
  /** Directories: number of children. */
  childCount?: number;
}

/** One child in a listing, with its index in the directory (usable in `indexPath`). */
export class FsLsChildView extends FsStatView {
  /** @example 0 */
  index: number;
}

export class FsLsView {
  /** The directory's name path (empty for the root). @example "" */
  path: string;
  /** @example nod_2D9YF3Q0RAENSX5P52HK6YEZRC */
  key: string;
  /** In stored order: names ascending by UTF-8 bytes. */
  children: FsLsChildView[];
  /** Children of the directory in all. @example 1 */
  total: number;
  /** Null on the last page. */
  nextCursor: string | null;
}

export class FsWrittenFileView {
  /** @example docs/hello.txt */
  path: string;
  /** @example nod_2S0NFG0YS5PXP0F803ZKPJZ4Y8 */
  key: string;
  /** @example 13 */
  size: number;
  /** @example text/plain */
  contentType: string;
}

export class FsWriteView {
  /** The new tree's root; commit it to a depot to keep it. @example nod_2QDJJWR5MSB3GJ0QRD5QN8PG74 */
  newRoot: string;
  file: FsWrittenFileView;
  /** False when an existing file was replaced. @example true */
  created: boolean;
}

export class FsDirView {
  /** @example docs/drafts */
  path: string;
  /** A new directory is the empty dict. @example nod_240B5PHBGEC2A705WTKKMVRS30 */
  key: string;
}

export class FsMkdirView {
  /** The new root (the same root when the directory existed). @example nod_2MXCQD2QKEQSX9Y7G5ZJCDGZ94 */
  newRoot: string;
  dir: FsDirView;
  /** @example true */
  created: boolean;
}

export class FsRemovedView {
  /** @example README.md */
  path: string;
  /** @example file */
  type: FsNodeType;
  /** @example nod_2VTAQKBT0QEX31FJJ82XGGWQ4M */
  key: string;
}

export class FsRmView {
  /** @example nod_240B5PHBGEC2A705WTKKMVRS30 */
  newRoot: string;
  removed: FsRemovedView;
}

export class FsMoveView {
  /** @example nod_2DHSAF5NS8AM874D5TF04292KW */
  newRoot: string;
  /** @example README.md */
  from: string;
  /** Where the node is now (inside `to` when `to` was a directory). @example docs/README.md */
  to: string;
}

export class FsRewriteView {
  /** @example nod_2EADRC3RD93FZN7QSSKB9G5SPC */
  newRoot: string;
  /** Entries that changed the tree (a `dir` entry on an existing directory does not). @example 2 */
  entriesApplied: number;
  /** Deleted paths that existed. @example 1 */
  deleted: number;
}
