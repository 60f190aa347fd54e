import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { open } from 'node:fs/promises';
import { BlobStore, collect } from '../common/blob-store/blob-store';
import { casConfig } from '../config/cas.config';
import { encodeFileTree, readFileTree } from '../cas/codec/file-tree';
import { CasNode, decodeNode, DictNode, encodeDictNode, NodeLimits } from '../cas/codec/node-codec';
import { keyOf, nodeKeyText } from '../cas/codec/node-key';
import { DelegatesService } from '../cas/delegates.service';
import { BuiltNode, NodesService } from '../cas/nodes.service';
import type { ReceivedFile } from './ticket-upload';

/** A file found in a ticket's tree: enough to serve it. */
export interface StoredFile {
  key: Buffer;
  size: number;
  contentType: string;
  /** The f-node's bytes, already read: the first node of the stream. */
  bytes: Buffer;
}

/** A directory being built: entries by name, a file's key or a subdirectory. */
type DraftDir = Map<string, Buffer | DraftDir>;

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);

/**
 * A ticket's files as CAS nodes of the owner's realm: each file a tree of f- and s-nodes
 * (src/cas/codec/file-tree.ts), the ticket a tree of d-nodes over them. Nodes are stored
 * through the realm's NodesService as the owner's root delegate (ownership, usage, quota), so
 * identical files are one blob however many tickets or users hold them, and a ticket's rows go
 * with the caller's transaction. Reads go straight to the blob store, node by node.
 */
@Injectable()
export class TicketStorage {
  private readonly limits: NodeLimits;

  constructor(
    private readonly nodes: NodesService,
    private readonly delegates: DelegatesService,
    private readonly blobs: BlobStore,
    @Inject(casConfig.KEY) cas: ConfigType<typeof casConfig>,
  ) {
    this.limits = { maxNodeSize: cas.maxNodeSize, maxNameBytes: cas.maxNameBytes, maxCollectionChildren: cas.maxCollectionChildren };
  }

  /**
   * Stores the files in the owner's realm and answers the key of the ticket's root d-node.
   * Run it inside the transaction that records the ticket: the rows commit with it or not at all
   * (blobs written before a rollback stay unreferenced, as the blob store allows).
   */
  async store(ownerId: number, files: readonly ReceivedFile[]): Promise<Buffer> {
    const caller = await this.delegates.rootCallerOf(ownerId);
    const root: DraftDir = new Map();
    // One buffer for every read: the encoder copies each range into its node before it reads again.
    const scratch = Buffer.allocUnsafe(Math.min(this.limits.maxNodeSize, Math.max(0, ...files.map((file) => file.size))));
    for (const file of files) {
      const key = await this.storeFile(file, scratch, (built) => this.nodes.store(caller, [built]));
      let dir = root;
      for (const name of file.segments.slice(0, -1)) {
        let next = dir.get(name);
        if (!(next instanceof Map)) dir.set(name, (next = new Map()));
        dir = next;
      }
      dir.set(file.segments[file.segments.length - 1], key);
    }
    const dirs: BuiltNode[] = [];
    const rootKey = this.encodeDir(root, dirs);
    await this.nodes.store(caller, dirs);
    return rootKey;
  }

  /** One file, node by node (one node's bytes in memory at a time): answers its f-node's key. */
  private async storeFile(file: ReceivedFile, scratch: Buffer, put: (node: BuiltNode) => Promise<unknown>): Promise<Buffer> {
    const handle = await open(file.tempPath, 'r');
    try {
      const read = async (offset: number, length: number) => {
        const buffer = scratch.subarray(0, length);
        let filled = 0;
        while (filled < length) {
          const { bytesRead } = await handle.read(buffer, filled, length - filled, offset + filled);
          if (bytesRead === 0) break;
          filled += bytesRead;
        }
        return buffer.subarray(0, filled);
      };
      let last: Buffer | null = null;
      for await (const node of encodeFileTree(file.size, file.contentType, read, this.limits)) {
        last = asBuffer(node.key);
        await put({ key: last, bytes: asBuffer(node.bytes), node: node.node });
      }
      return last!;
    } finally {
      await handle.close();
    }
  }

  /** Encodes a directory and everything below it (children first), answering its key. */
  private encodeDir(dir: DraftDir, out: BuiltNode[]): Buffer {
    const names = [...dir.keys()];
    const children = names.map((name) => {
      const entry = dir.get(name)!;
      return entry instanceof Map ? this.encodeDir(entry, out) : entry;
    });
    const bytes = asBuffer(encodeDictNode({ names, children }, this.limits));
    const key = asBuffer(keyOf(bytes));
    out.push({ key, bytes, node: decodeNode(bytes, this.limits) });
    return key;
  }

  /**
   * The file at `segments` in the tree under `rootKey`, or null (no such entry, or a directory
   * there). `dirs` keeps the directories read, for a caller that looks up many files of one tree.
   */
  async find(rootKey: Buffer, segments: readonly string[], dirs = new Map<string, DictNode>()): Promise<StoredFile | null> {
    let key = rootKey;
    for (const name of segments) {
      const dir = await this.dir(key, dirs);
      const at = dir ? dir.names.indexOf(name) : -1;
      if (!dir || at < 0) return null;
      key = Buffer.from(dir.children[at]);
    }
    const bytes = await this.load(key);
    const node = decodeStored(bytes);
    if (node.kind !== 'file') return null;
    return { key, size: node.fileSize, contentType: node.contentType, bytes };
  }

  private async dir(key: Buffer, dirs: Map<string, DictNode>): Promise<DictNode | null> {
    const hex = key.toString('hex');
    let dir = dirs.get(hex);
    if (!dir) {
      const node = decodeStored(await this.load(key));
      if (node.kind !== 'dict') return null;
      dirs.set(hex, (dir = node));
    }
    return dir;
  }

  /** A stored file's bytes, in order, one node at a time. */
  content(file: StoredFile): AsyncGenerator<Uint8Array> {
    let first: Buffer | null = file.bytes;
    return readFileTree(file.key, (key) => {
      if (first && Buffer.compare(Buffer.from(key), file.key) === 0) {
        const bytes = first;
        first = null;
        return bytes;
      }
      return this.load(Buffer.from(key));
    });
  }

  private async load(key: Buffer): Promise<Buffer> {
    const stream = await this.blobs.get(nodeKeyText(key));
    if (!stream) throw new Error(`blob of ${nodeKeyText(key)} is missing from the blob store`);
    return collect(stream);
  }
}

/** A node as stored, whatever node limit was in force then. */
function decodeStored(bytes: Buffer): CasNode {
  return decodeNode(bytes, { maxNodeSize: bytes.length, maxNameBytes: 0xffff, maxCollectionChildren: Number.MAX_SAFE_INTEGER });
}
