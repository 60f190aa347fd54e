import { Injectable } from '@nestjs/common';
import { BlobStore, collect } from '../../common/blob-store/blob-store';
import { BoundedCache } from '../../common/bounded-cache';
import { decodeNode } from '../codec/node-codec';
import { EMPTY_DICT_KEY, NODE_KEY_BYTES, nodeKeyText } from '../codec/node-key';
import { NodeEntity, NodeKind } from '../node.entity';
import { NodesRepository } from '../nodes.repository';

/** What a listing shows of a node, from its row alone. */
export interface TreeNodeInfo {
  key: Buffer;
  kind: NodeKind;
  /** Files: the whole file's size. */
  fileSize: number;
  contentType: string | null;
  /** Dicts: entries; files: successors. */
  childCount: number;
}

/** A dict's entries in stored order (names ascending by UTF-8 bytes), read from its bytes. */
export interface DirEntries {
  names: string[];
  keys: Buffer[];
}

const EMPTY_DICT_INFO: TreeNodeInfo = { key: Buffer.from(EMPTY_DICT_KEY), kind: NodeKind.Dict, fileSize: 0, contentType: null, childCount: 0 };
const EMPTY_ENTRIES: DirEntries = { names: [], keys: [] };
const hexOf = (key: Buffer) => key.toString('hex');

/**
 * Decoded nodes, shared by every request: a node's bytes never change under its key, so an
 * entry never goes stale. Realm membership is not cached: it is checked once per operation,
 * on the root (every descendant of a stored node is stored, as uploads refuse missing children).
 */
@Injectable()
export class TreeNodeCache {
  readonly infos = new BoundedCache<TreeNodeInfo>(100_000, () => 1);
  readonly dirs = new BoundedCache<DirEntries>(64 * 1024 * 1024, (dir) => dir.keys.length * (NODE_KEY_BYTES + 64) + 64);
}

/** Reads a realm's trees: node infos from rows (batched), dict entries from the blob store. */
export class TreeReader {
  constructor(
    readonly realm: string,
    private readonly nodes: NodesRepository,
    private readonly blobs: BlobStore,
    private readonly cache: TreeNodeCache,
  ) {}

  async info(key: Buffer): Promise<TreeNodeInfo> {
    return (await this.infos([key]))[0];
  }

  /** The infos of `keys`, in order; the uncached ones in one query. Every key must be stored in the realm. */
  async infos(keys: readonly Buffer[]): Promise<TreeNodeInfo[]> {
    const found = new Map<string, TreeNodeInfo>();
    const missing: Buffer[] = [];
    for (const key of keys) {
      const hex = hexOf(key);
      const cached = key.equals(EMPTY_DICT_INFO.key) ? EMPTY_DICT_INFO : this.cache.infos.get(hex);
      if (cached) found.set(hex, cached);
      else if (!found.has(hex)) missing.push(key);
    }
    for (const row of await this.nodes.findMany(this.realm, missing)) {
      const info = infoOf(row);
      found.set(hexOf(info.key), info);
      this.cache.infos.set(hexOf(info.key), info);
    }
    return keys.map((key) => {
      const info = found.get(hexOf(key));
      if (!info) throw new Error(`node ${nodeKeyText(key)} is referenced in realm ${this.realm} but not stored there`);
      return info;
    });
  }

  async entries(key: Buffer): Promise<DirEntries> {
    if (key.equals(EMPTY_DICT_INFO.key)) return EMPTY_ENTRIES;
    const hex = hexOf(key);
    const cached = this.cache.dirs.get(hex);
    if (cached) return cached;
    const stream = await this.blobs.get(nodeKeyText(key));
    if (!stream) throw new Error(`blob of ${nodeKeyText(key)} is missing from the blob store`);
    const node = decodeNode(await collect(stream), { maxNodeSize: Number.MAX_SAFE_INTEGER, maxNameBytes: 65_535, maxCollectionChildren: Number.MAX_SAFE_INTEGER });
    if (node.kind !== 'dict') throw new Error(`node ${nodeKeyText(key)} is not a dict`);
    const dir = { names: node.names, keys: node.children.map((child) => Buffer.from(child)) };
    this.cache.dirs.set(hex, dir);
    return dir;
  }
}

function infoOf(row: NodeEntity): TreeNodeInfo {
  return {
    key: Buffer.from(row.key),
    kind: row.kind,
    fileSize: row.fileSize ?? row.dataSize,
    contentType: row.contentType,
    childCount: row.children.length / NODE_KEY_BYTES,
  };
}
