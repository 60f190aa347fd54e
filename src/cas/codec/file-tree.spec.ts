import fc from 'fast-check';
import { initBlake3 } from './blake3';
import { encodeFileTree, FileTreeNode, FileTreePlan, planFileTree, readFileTree } from './file-tree';

/** Encodes a file held in memory: every node, children first, the f-node last. */
async function splitFile(data: Uint8Array, contentType: string, limits: NodeLimits = DEFAULT_NODE_LIMITS): Promise<FileTreeNode[]> {
  const nodes: FileTreeNode[] = [];
  for await (const node of encodeFileTree(data.length, contentType, (offset, length) => data.subarray(offset, offset + length), limits)) nodes.push(node);
  return nodes;
}
import { decodeNode, DEFAULT_NODE_LIMITS, encodeFileNode, encodeSuccessorNode, NodeFormatError, NodeLimits } from './node-codec';
import { keyOf, nodeKeyText } from './node-key';

const limitsOf = (maxNodeSize: number): NodeLimits => ({ ...DEFAULT_NODE_LIMITS, maxNodeSize });
const hex = (key: Uint8Array) => Buffer.from(key).toString('hex');

/** A loader over encoded nodes, counting loads. */
function store(nodes: readonly FileTreeNode[]) {
  const byKey = new Map(nodes.map((n) => [hex(n.key), n.bytes]));
  const load = (key: Uint8Array) => {
    const bytes = byKey.get(hex(key));
    if (!bytes) throw new Error(`missing node ${hex(key)}`);
    return bytes;
  };
  return { byKey, load };
}

async function reassemble(rootKey: Uint8Array, load: (key: Uint8Array) => Uint8Array): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of readFileTree(rootKey, load)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function depthOf(plan: FileTreePlan): number {
  return 1 + Math.max(0, ...plan.children.map(depthOf));
}

/** Bytes 0, 1, 2…: cheap, and a shifted range never equals another. */
const counting = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i * 7 + (i >> 8)) & 0xff);

beforeAll(() => initBlake3());

describe('planFileTree', () => {
  it('keeps a file that fits in one f-node in one node', () => {
    const M = 4096;
    expect(planFileTree(0, limitsOf(M))).toEqual({ data: 0, size: 0, children: [] });
    expect(planFileTree(M - 80, limitsOf(M))).toEqual({ data: M - 80, size: M - 80, children: [] });
  });

  it('fills the f-node to exactly the limit once the file needs a successor', () => {
    const M = 4096;
    const plan = planFileTree(M - 79, limitsOf(M));
    expect(plan.children).toHaveLength(1);
    // 16 header + 16 key + 64 file info + data = M
    expect(16 + 16 + 64 + plan.data).toBe(M);
    expect(plan.children[0]).toEqual({ data: M - 79 - plan.data, size: M - 79 - plan.data, children: [] });
  });

  it('lays out 5 MB with 4 MiB nodes as a full f-node and one s-node', () => {
    const plan = planFileTree(5_000_000);
    expect(plan.children).toHaveLength(1);
    expect(plan.data).toBe(4 * 1024 * 1024 - 96);
    expect(plan.children[0].size).toBe(5_000_000 - plan.data);
  });

  it('grows a level when the top node cannot point at enough full children', () => {
    const M = 256; // f-node room 176 (11 keys), s-node room 240 (15 keys)
    const twoLevels = 176 - 11 * 16 + 11 * 240; // 2640
    expect(depthOf(planFileTree(twoLevels, limitsOf(M)))).toBe(2);
    expect(depthOf(planFileTree(twoLevels + 1, limitsOf(M)))).toBe(3);
  });

  it('refuses sizes that are not safe integers, and limits with no room for keys', () => {
    expect(() => planFileTree(-1)).toThrow(NodeFormatError);
    expect(() => planFileTree(1.5)).toThrow(NodeFormatError);
    expect(() => planFileTree(10, { maxNodeSize: 100 })).toThrow(NodeFormatError);
  });
});

describe('encodeFileTree and readFileTree', () => {
  it('round-trips any file: every node valid, within the limit, full when it has children, children first', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(160, 256, 1024, 4096), fc.uint8Array({ maxLength: 40_000 }), async (M, data) => {
        const limits = limitsOf(M);
        const nodes = await splitFile(data, 'application/octet-stream', limits);
        const seen = new Set<string>();
        for (const { key, bytes, node } of nodes) {
          const decoded = decodeNode(bytes, limits);
          expect(decoded.kind).toBe(node.kind);
          expect(hex(keyOf(bytes))).toBe(hex(key));
          expect(bytes.length).toBeLessThanOrEqual(M);
          if (decoded.children.length) expect(bytes.length).toBe(M);
          for (const child of decoded.children) expect(seen.has(hex(child))).toBe(true);
          seen.add(hex(key));
        }
        const root = nodes[nodes.length - 1];
        expect(root.node.kind).toBe('file');
        expect(nodes.slice(0, -1).every((n) => n.node.kind === 'successor')).toBe(true);
        const { load } = store(nodes);
        expect((await reassemble(root.key, load)).equals(Buffer.from(data))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('reaches three levels with small nodes and still reads back in order', async () => {
    const data = counting(9000);
    const nodes = await splitFile(data, 'text/plain', limitsOf(256));
    expect(depthOf(planFileTree(data.length, limitsOf(256)))).toBe(3);
    const { load } = store(nodes);
    expect((await reassemble(nodes[nodes.length - 1].key, load)).equals(Buffer.from(data))).toBe(true);
  });

  it('is deterministic: equal files give equal keys, and the f-node carries type and size', async () => {
    const data = counting(5000);
    const [a, b] = await Promise.all([splitFile(data, 'text/x-java', limitsOf(1024)), splitFile(Uint8Array.from(data), 'text/x-java', limitsOf(1024))]);
    expect(a.map((n) => nodeKeyText(n.key))).toEqual(b.map((n) => nodeKeyText(n.key)));
    const root = a[a.length - 1].node;
    expect(root).toMatchObject({ kind: 'file', contentType: 'text/x-java', fileSize: 5000 });
  });

  it('matches a hand-built two-node file (full f-node, one s-node)', async () => {
    const M = 1024;
    const data = counting(M - 96 + 100);
    const successor = encodeSuccessorNode({ data: data.subarray(M - 96) }, limitsOf(M));
    const file = encodeFileNode({ contentType: 'text/plain', fileSize: data.length, data: data.subarray(0, M - 96), children: [keyOf(successor)] }, limitsOf(M));
    const nodes = await splitFile(data, 'text/plain', limitsOf(M));
    expect(nodes.map((n) => hex(n.key))).toEqual([hex(keyOf(successor)), hex(keyOf(file))]);
  });

  it('reads ranges only as the plan asks, each at most one node of data', async () => {
    const data = counting(20_000);
    const reads: Array<[number, number]> = [];
    const nodes: FileTreeNode[] = [];
    for await (const node of encodeFileTree(data.length, 'text/plain', (offset, length) => (reads.push([offset, length]), data.subarray(offset, offset + length)), limitsOf(512))) nodes.push(node);
    expect(reads.every(([, length]) => length <= 512)).toBe(true);
    const covered = reads.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    let at = 0;
    for (const [offset, length] of covered) {
      expect(offset).toBe(at);
      at += length;
    }
    expect(at).toBe(data.length);
  });

  it('refuses a short read', async () => {
    const run = async () => {
      for await (const _ of encodeFileTree(3000, 'text/plain', () => new Uint8Array(10), limitsOf(1024))) void _;
    };
    await expect(run()).rejects.toThrow(NodeFormatError);
  });

  it('refuses trees that lie about their size or hold the wrong kind of node', async () => {
    const M = 1024;
    const limits = limitsOf(M);
    const tail = encodeSuccessorNode({ data: counting(50) }, limits);
    const lying = encodeFileNode({ contentType: 'text/plain', fileSize: M - 96 + 49, data: counting(M - 96), children: [keyOf(tail)] }, limits);
    const { load } = store([
      { key: keyOf(tail), bytes: tail, node: decodeNode(tail, limits) as never },
      { key: keyOf(lying), bytes: lying, node: decodeNode(lying, limits) as never },
    ]);
    await expect(reassemble(keyOf(lying), load)).rejects.toThrow(NodeFormatError);
    const short = encodeFileNode({ contentType: 'text/plain', fileSize: M - 96 + 51, data: counting(M - 96), children: [keyOf(tail)] }, limits);
    const shortStore = store([
      { key: keyOf(tail), bytes: tail, node: decodeNode(tail, limits) as never },
      { key: keyOf(short), bytes: short, node: decodeNode(short, limits) as never },
    ]);
    await expect(reassemble(keyOf(short), shortStore.load)).rejects.toThrow(/51|holds/);
    const inner = encodeFileNode({ contentType: 'text/plain', fileSize: 3, data: counting(3) }, limits);
    const wrongKind = encodeFileNode({ contentType: 'text/plain', fileSize: M - 96 + 3, data: counting(M - 96), children: [keyOf(inner)] }, limits);
    const kindStore = store([
      { key: keyOf(inner), bytes: inner, node: decodeNode(inner, limits) as never },
      { key: keyOf(wrongKind), bytes: wrongKind, node: decodeNode(wrongKind, limits) as never },
    ]);
    await expect(reassemble(keyOf(wrongKind), kindStore.load)).rejects.toThrow(/s-nodes/);
    await expect(reassemble(keyOf(tail), store([{ key: keyOf(tail), bytes: tail, node: decodeNode(tail, limits) as never }]).load)).rejects.toThrow(/f-node/);
  });

  it('reads a tree stored under another node limit', async () => {
    const data = counting(3000);
    const nodes = await splitFile(data, 'text/plain', limitsOf(1024));
    const { load } = store(nodes);
    expect((await reassemble(nodes[nodes.length - 1].key, load)).equals(Buffer.from(data))).toBe(true);
  });
});
