import { CasError, CasErrorCode } from '../cas.errors';
import { DictNode, encodeDictNode, NodeFormatError, NodeLimits } from '../codec/node-codec';
import { EMPTY_DICT_KEY, keyOf } from '../codec/node-key';
import { NodeKind } from '../node.entity';
import type { BuiltNode } from '../nodes.service';
import { FsLocation, joinPath } from './fs-path';
import { TreeNodeInfo, TreeReader } from './tree-reader';

/** A node found in a tree: where (its names from the root), and what it is. */
export interface Located {
  names: string[];
  info: TreeNodeInfo;
}

/**
 * Follows a location from `root`: names first, then indices (CAS URI `path#index-path`).
 * PATH_NOT_FOUND, NOT_A_DIRECTORY (a file on the way) and INDEX_OUT_OF_BOUNDS name the step.
 */
export async function locate(reader: TreeReader, root: Buffer, { names, indices }: FsLocation): Promise<Located> {
  let info = await reader.info(root);
  const reached: string[] = [];
  const enter = async () => {
    if (info.kind !== NodeKind.Dict) {
      throw new CasError(CasErrorCode.NOT_A_DIRECTORY, `'${joinPath(reached) || '/'}' is not a directory`, { path: joinPath(reached) });
    }
    return reader.entries(info.key);
  };
  for (const name of names) {
    const dir = await enter();
    const at = dir.names.indexOf(name);
    if (at < 0) {
      const path = joinPath(names);
      throw new CasError(CasErrorCode.PATH_NOT_FOUND, `The path '${path}' does not exist`, { path, resolvedTo: joinPath(reached), missingSegment: name });
    }
    info = await reader.info(dir.keys[at]);
    reached.push(name);
  }
  for (const index of indices) {
    const dir = await enter();
    if (index >= dir.keys.length) {
      throw new CasError(CasErrorCode.INDEX_OUT_OF_BOUNDS, `Index ${index} is out of bounds: '${joinPath(reached) || '/'}' has ${dir.keys.length} children`, {
        index,
        childCount: dir.keys.length,
        resolvedTo: joinPath(reached),
      });
    }
    info = await reader.info(dir.keys[index]);
    reached.push(dir.names[index]);
  }
  return { names: reached, info };
}

/** A directory being edited: its entries by name, each a directory being edited or an untouched node's key. */
class DraftDir {
  constructor(
    readonly entries: Map<string, DraftDir | Buffer>,
    /** The node it was read from; null for a new directory. */
    readonly base: Buffer | null,
    public dirty: boolean,
  ) {}
}

export type DraftEntryKind = 'dir' | 'file';

/**
 * An edit of an immutable tree. Directories on the edited paths are read into memory as they
 * are reached; `build` encodes only the changed ones (and their ancestors) as new d-nodes, so an
 * edit costs the depth of the paths it touches, never the size of the tree.
 */
export class TreeDraft {
  private root: DraftDir | null = null;

  constructor(
    private readonly reader: TreeReader,
    private readonly rootKey: Buffer,
    private readonly limits: NodeLimits,
  ) {}

  /**
   * The directory at `names`, read into the draft. Missing directories are created when
   * `create`; a file on the way is refused with `fileInTheWay`. With `edit`, every directory on
   * the way is marked changed.
   */
  private async dir(names: readonly string[], opts: { create: boolean; edit: boolean; fileInTheWay: CasErrorCode }): Promise<DraftDir> {
    this.root ??= await this.expand(this.rootKey, []);
    let dir = this.root;
    if (opts.edit) dir.dirty = true;
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      let next = dir.entries.get(name);
      if (next === undefined) {
        if (!opts.create) {
          const path = joinPath(names);
          throw new CasError(CasErrorCode.PATH_NOT_FOUND, `The path '${path}' does not exist`, { path, resolvedTo: joinPath(names.slice(0, i)), missingSegment: name });
        }
        next = new DraftDir(new Map(), null, true);
      } else if (Buffer.isBuffer(next)) {
        next = await this.expand(next, names.slice(0, i + 1), opts.fileInTheWay);
      }
      dir.entries.set(name, next);
      if (opts.edit) next.dirty = true;
      dir = next;
    }
    return dir;
  }

  private async expand(key: Buffer, names: readonly string[], fileInTheWay = CasErrorCode.NOT_A_DIRECTORY): Promise<DraftDir> {
    const info = await this.reader.info(key);
    if (info.kind !== NodeKind.Dict) {
      const path = joinPath(names);
      throw new CasError(fileInTheWay, `'${path}' is a file, not a directory`, { path });
    }
    const { names: childNames, keys } = await this.reader.entries(key);
    return new DraftDir(new Map(childNames.map((name, i) => [name, keys[i]])), key, false);
  }

  /** What is at `names` now (after the draft's edits): a directory, a file, or nothing (also when a file is on the way). */
  async kindAt(names: readonly string[]): Promise<DraftEntryKind | null> {
    if (!names.length) return 'dir';
    let parent: DraftDir;
    try {
      parent = await this.dir(names.slice(0, -1), { create: false, edit: false, fileInTheWay: CasErrorCode.NOT_A_DIRECTORY });
    } catch (err) {
      if (err instanceof CasError && (err.code === CasErrorCode.PATH_NOT_FOUND || err.code === CasErrorCode.NOT_A_DIRECTORY)) return null;
      throw err;
    }
    const entry = parent.entries.get(names[names.length - 1]);
    if (entry === undefined) return null;
    if (entry instanceof DraftDir) return 'dir';
    return (await this.reader.info(entry)).kind === NodeKind.Dict ? 'dir' : 'file';
  }

  /** Puts `key` at `names` (replacing what was there), creating missing parents; true when something was replaced. */
  async set(names: readonly string[], key: Buffer, fileInTheWay = CasErrorCode.NOT_A_DIRECTORY): Promise<boolean> {
    const parent = await this.dir(names.slice(0, -1), { create: true, edit: true, fileInTheWay });
    const name = names[names.length - 1];
    const replaced = parent.entries.has(name);
    parent.entries.set(name, key);
    return replaced;
  }

  /** Removes the entry at `names`; false when there was none (or a file was on the way). */
  async remove(names: readonly string[]): Promise<boolean> {
    if (!(await this.kindAt(names))) return false;
    const parent = await this.dir(names.slice(0, -1), { create: false, edit: true, fileInTheWay: CasErrorCode.NOT_A_DIRECTORY });
    return parent.entries.delete(names[names.length - 1]);
  }

  /** The new root and the d-nodes to store for it (the changed directories, deepest first). */
  async build(): Promise<{ root: Buffer; nodes: BuiltNode[] }> {
    if (!this.root) return { root: this.rootKey, nodes: [] };
    const nodes: BuiltNode[] = [];
    const root = this.encode(this.root, [], nodes);
    return { root, nodes };
  }

  private encode(dir: DraftDir, names: string[], out: BuiltNode[]): Buffer {
    if (!dir.dirty && dir.base) return dir.base;
    const path = joinPath(names);
    if (dir.entries.size > this.limits.maxCollectionChildren) {
      throw new CasError(CasErrorCode.COLLECTION_FULL, `'${path || '/'}' would have ${dir.entries.size} children, at most ${this.limits.maxCollectionChildren}`, {
        path,
        maxCollectionChildren: this.limits.maxCollectionChildren,
      });
    }
    const sorted = [...dir.entries].map(([name, entry]) => ({ name, raw: Buffer.from(name), entry })).sort((a, b) => Buffer.compare(a.raw, b.raw));
    const node: DictNode = {
      kind: 'dict',
      names: sorted.map((item) => item.name),
      children: sorted.map((item) => (item.entry instanceof DraftDir ? this.encode(item.entry, [...names, item.name], out) : item.entry)),
    };
    if (!node.names.length) return Buffer.from(EMPTY_DICT_KEY);
    let bytes: Buffer;
    try {
      bytes = Buffer.from(encodeDictNode(node, this.limits));
    } catch (err) {
      if (!(err instanceof NodeFormatError)) throw err;
      throw new CasError(CasErrorCode.COLLECTION_FULL, `'${path || '/'}' no longer fits in one node: ${err.message}`, { path });
    }
    const key = Buffer.from(keyOf(bytes));
    out.push({ key, bytes, node });
    return key;
  }
}
