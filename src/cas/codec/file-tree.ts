import { decodeNode, DEFAULT_NODE_LIMITS, encodeFileNode, encodeSuccessorNode, FILE_INFO_BYTES, FileNode, HEADER_BYTES, NodeFormatError, NodeLimits, SuccessorNode } from './node-codec';
import { keyOf, NODE_KEY_BYTES } from './node-key';

/*
 * A file of any size as a B-tree of nodes (CAS_BINARY_FORMAT §3.3, §5): an f-node at the top,
 * s-nodes below it. Every node holds data first; only a node filled to exactly the node limit
 * may have children (§7.2.4), so a node with children holds `limit - header - keys (- file
 * info)` data bytes, and the file's bytes are, in order: the node's data, then each child's
 * bytes (depth first, pre-order).
 *
 * The layout is greedy: the top holds as much as it can, children are filled left to right
 * (all full but the last), and the tree is as shallow as the size allows. It depends only on
 * the file's size and the node limit, so equal files always give equal keys. (CASFA's own
 * topology forgets the 64 bytes of FileInfo in the f-node, which would make a full f-node 64
 * bytes too long; this one counts them.)
 */

/** One node of a file's tree: how many data bytes it holds, its children, and the bytes of its whole subtree. */
export interface FileTreePlan {
  data: number;
  size: number;
  children: FileTreePlan[];
}

/** A node of a file's tree, encoded: its key, its bytes, what they decode to. */
export interface FileTreeNode {
  key: Uint8Array;
  bytes: Uint8Array;
  node: FileNode | SuccessorNode;
}

/**
 * Reads `length` bytes of the file at `offset` (exactly that many). The encoder copies them
 * into their node before it reads again, so a reader may answer the same buffer every time.
 */
export type ReadRange = (offset: number, length: number) => Promise<Uint8Array> | Uint8Array;

/** The bytes of a stored node, by key. */
export type LoadNode = (key: Uint8Array) => Promise<Uint8Array> | Uint8Array;

const MAX_DEPTH = 10;

/** What a subtree of s-nodes `depth` levels deep holds at most (depth 1: one leaf). */
function successorCapacity(depth: number, maxNodeSize: number): number {
  const room = maxNodeSize - HEADER_BYTES;
  const fanout = Math.floor(room / NODE_KEY_BYTES);
  let capacity = room;
  for (let d = 2; d <= depth; d++) capacity = Math.min(Number.MAX_SAFE_INTEGER, room - fanout * NODE_KEY_BYTES + fanout * capacity);
  return capacity;
}

/** What a file tree `depth` levels deep holds at most. */
function fileCapacity(depth: number, maxNodeSize: number): number {
  const room = maxNodeSize - HEADER_BYTES - FILE_INFO_BYTES;
  if (depth === 1) return room;
  const fanout = Math.floor(room / NODE_KEY_BYTES);
  return Math.min(Number.MAX_SAFE_INTEGER, room - fanout * NODE_KEY_BYTES + fanout * successorCapacity(depth - 1, maxNodeSize));
}

/** The tree of a file of `size` bytes under a node limit: the shallowest one, filled greedily from the left. */
export function planFileTree(size: number, limits: Pick<NodeLimits, 'maxNodeSize'> = DEFAULT_NODE_LIMITS): FileTreePlan {
  const { maxNodeSize } = limits;
  if (!Number.isSafeInteger(size) || size < 0) throw new NodeFormatError('bad_input', `a file size must be a safe non-negative integer, not ${size}`);
  if (maxNodeSize < HEADER_BYTES + FILE_INFO_BYTES + 2 * NODE_KEY_BYTES) throw new NodeFormatError('bad_input', `a node limit of ${maxNodeSize} bytes leaves no room for a file tree`);
  let depth = 1;
  while (fileCapacity(depth, maxNodeSize) < size) {
    if (++depth > MAX_DEPTH) throw new NodeFormatError('too_large', `a file of ${size} bytes needs a tree deeper than ${MAX_DEPTH} levels`);
  }
  return plan(size, depth, maxNodeSize - HEADER_BYTES - FILE_INFO_BYTES, maxNodeSize);
}

/** `room`: the bytes a full node has for keys and data. */
function plan(size: number, depth: number, room: number, maxNodeSize: number): FileTreePlan {
  if (size <= room) return { data: size, size, children: [] };
  const childCapacity = successorCapacity(depth - 1, maxNodeSize);
  // Each child costs a key here and holds up to childCapacity: the fewest children that make it fit.
  const count = Math.ceil((size - room) / (childCapacity - NODE_KEY_BYTES));
  const data = room - count * NODE_KEY_BYTES;
  const children: FileTreePlan[] = [];
  let left = size - data;
  for (let i = 0; i < count; i++) {
    const part = Math.min(left, childCapacity);
    children.push(plan(part, depth - 1, maxNodeSize - HEADER_BYTES, maxNodeSize));
    left -= part;
  }
  return { data, size, children };
}

/**
 * Encodes a file as its tree of nodes, reading its bytes range by range: one node's data is
 * in memory at a time (plus the keys of the children above it). Nodes come children first,
 * so each one's children were emitted before it; the f-node comes last and its key is the file's.
 */
export async function* encodeFileTree(size: number, contentType: string, read: ReadRange, limits: NodeLimits = DEFAULT_NODE_LIMITS): AsyncGenerator<FileTreeNode> {
  yield* encodeSubtree(planFileTree(size, limits), 0, { size, contentType, read, limits });
}

interface EncodeContext {
  size: number;
  contentType: string;
  read: ReadRange;
  limits: NodeLimits;
}

async function* encodeSubtree(node: FileTreePlan, offset: number, ctx: EncodeContext, top = true): AsyncGenerator<FileTreeNode, Uint8Array> {
  const children: Uint8Array[] = [];
  let at = offset + node.data;
  for (const child of node.children) {
    children.push(yield* encodeSubtree(child, at, ctx, false));
    at += child.size;
  }
  const data = await ctx.read(offset, node.data);
  if (data.length !== node.data) throw new NodeFormatError('bad_input', `read ${data.length} bytes at ${offset}, expected ${node.data}`);
  const bytes = top ? encodeFileNode({ contentType: ctx.contentType, fileSize: ctx.size, data, children }, ctx.limits) : encodeSuccessorNode({ data, children }, ctx.limits);
  const key = keyOf(bytes);
  yield { key, bytes, node: decodeNode(bytes, ctx.limits) as FileNode | SuccessorNode };
  return key;
}

/**
 * A stored file's bytes in order, as a stream of chunks (each node's data, depth first): the
 * nodes are loaded one at a time, so a file of any size reads in the memory of a few nodes.
 * Checks the structure as it goes (an f-node on top, s-nodes below, as many bytes as the f-node
 * says); it does not re-hash the nodes, whose store is keyed by their hash.
 */
export async function* readFileTree(rootKey: Uint8Array, load: LoadNode): AsyncGenerator<Uint8Array> {
  const root = await loadDecoded(rootKey, load);
  if (root.kind !== 'file') throw new NodeFormatError('bad_input', 'the root of a file tree must be an f-node');
  const fileSize = root.fileSize;
  let emitted = 0;
  for await (const chunk of walk(root, load)) {
    emitted += chunk.length;
    if (emitted > fileSize) throw new NodeFormatError('bad_file_size', `the tree holds more than the ${fileSize} bytes its f-node says`);
    yield chunk;
  }
  if (emitted !== fileSize) throw new NodeFormatError('bad_file_size', `the tree holds ${emitted} bytes, its f-node says ${fileSize}`);
}

/** A node's data, then its children's, depth first: one path of nodes is held at a time. */
async function* walk(node: FileNode | SuccessorNode, load: LoadNode): AsyncGenerator<Uint8Array> {
  if (node.data.length) yield node.data;
  for (const key of node.children) {
    const child = await loadDecoded(key, load);
    if (child.kind !== 'successor') throw new NodeFormatError('bad_input', 'a file tree holds s-nodes below its f-node');
    yield* walk(child, load);
  }
}

async function loadDecoded(key: Uint8Array, load: LoadNode) {
  const bytes = await load(key);
  // Whatever limit the node was stored under: a node with children is full at its own length.
  return decodeNode(bytes, { maxNodeSize: bytes.length, maxNameBytes: 0xffff, maxCollectionChildren: Number.MAX_SAFE_INTEGER });
}
