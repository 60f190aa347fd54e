export type FsNodeType = 'file' | 'dir';

/** A file or directory (04-filesystem.md `stat`): `size` and `contentType` for files, `childCount` for directories. */
export class FsStatView {
  type: FsNodeType;
  /** The last name of the path; empty for the root. */
  name: string;
  /** @example nod_2D9YF3Q0RAENSX5P52HK6YEZRC */
  key: string;
  size?: number;
  contentType?: string;
  childCount?: number;
}

/** One child in a listing, with its index in the directory (usable in `indexPath`). */
export class FsLsChildView extends FsStatView {
  index: number;
}

export class FsLsView {
  /** The directory's name path (empty for the root). */
  path: string;
  key: string;
  /** In stored order: names ascending by UTF-8 bytes. */
  children: FsLsChildView[];
  /** Children of the directory in all. */
  total: number;
  /** Null on the last page. */
  nextCursor: string | null;
}

export class FsWrittenFileView {
  path: string;
  key: string;
  size: number;
  contentType: string;
}

export class FsWriteView {
  /** The new tree's root; commit it to a depot to keep it. */
  newRoot: string;
  file: FsWrittenFileView;
  /** False when an existing file was replaced. */
  created: boolean;
}

export class FsDirView {
  path: string;
  key: string;
}

export class FsMkdirView {
  /** The new root (the same root when the directory existed). */
  newRoot: string;
  dir: FsDirView;
  created: boolean;
}

export class FsRemovedView {
  path: string;
  type: FsNodeType;
  key: string;
}

export class FsRmView {
  newRoot: string;
  removed: FsRemovedView;
}

export class FsMoveView {
  newRoot: string;
  from: string;
  /** Where the node is now (inside `to` when `to` was a directory). */
  to: string;
}

export class FsRewriteView {
  newRoot: string;
  /** Entries that changed the tree (a `dir` entry on an existing directory does not). */
  entriesApplied: number;
  /** Deleted paths that existed. */
  deleted: number;
}
