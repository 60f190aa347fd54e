import { initBlake3 } from '../../src/cas/codec/blake3';
import { DEFAULT_NODE_LIMITS, encodeDictNode, encodeFileNode, encodeSuccessorNode, NodeLimits } from '../../src/cas/codec/node-codec';
import { keyOf, nodeKeyText, parseNodeKey } from '../../src/cas/codec/node-key';
import { computePop } from '../../src/cas/codec/pop';
import { parsePrefixedId } from '../../src/common/ids';
import vectors from '../fixtures/casfa-nodes.json';

/** Node builders for the realm CAS specs, on the codec the server runs. Call `await initBlake3()` first. */
export { initBlake3 };

/** A node as a client holds it: its bytes and its key (`nod_…`). */
export interface TestNode {
  key: string;
  bytes: Uint8Array;
}

export const nodeOf = (bytes: Uint8Array): TestNode => ({ key: nodeKeyText(keyOf(bytes)), bytes });

/** A leaf f-node holding all of `content`. */
export function fileNode(content: string | Uint8Array, contentType = 'text/plain'): TestNode {
  const data = typeof content === 'string' ? Buffer.from(content) : content;
  return nodeOf(encodeFileNode({ contentType, fileSize: data.length, data }));
}

/** A d-node of `entries` (name → child); the codec sorts the names. */
export function dictNode(entries: Record<string, TestNode | string>): TestNode {
  const names = Object.keys(entries);
  const children = names.map((name) => {
    const child = entries[name];
    return parseNodeKey(typeof child === 'string' ? child : child.key)!;
  });
  return nodeOf(encodeDictNode({ names, children }));
}

/**
 * A two-node file for a server whose node limit is `maxNodeSize`: a full f-node (exactly the limit)
 * holding the first bytes and one s-node child holding the rest.
 */
export function twoNodeFile(maxNodeSize: number, tail: string, contentType = 'text/plain'): { file: TestNode; successor: TestNode; fileSize: number } {
  const limits: NodeLimits = { ...DEFAULT_NODE_LIMITS, maxNodeSize };
  const successor = nodeOf(encodeSuccessorNode({ data: Buffer.from(tail) }, limits));
  const head = Buffer.alloc(maxNodeSize - 16 - 16 - 64, 0x61);
  const fileSize = head.length + Buffer.byteLength(tail);
  const file = nodeOf(encodeFileNode({ contentType, fileSize, data: head, children: [parseNodeKey(successor.key)!] }, limits));
  return { file, successor, fileSize };
}

/** `pop:…` for an access token (base64, as the server issued it) over a node's bytes. */
export const popFor = (accessTokenBase64: string, bytes: Uint8Array): string => computePop(Buffer.from(accessTokenBase64, 'base64'), bytes);

/** The 16 bytes behind `dlt_…`. */
export function delegateIdBytes(delegateId: string): Buffer {
  return Buffer.from(parsePrefixedId('dlt', delegateId, 16)!);
}

const hex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));

/** test/fixtures/casfa-nodes.json with the node bytes decoded. */
export const VECTORS = {
  emptyDictKey: vectors.emptyDictKey,
  files: vectors.files.map((v) => ({ ...v, bytes: hex(v.nodeHex), dataSize: v.dataHex.length / 2 })),
  successors: vectors.successors.map((v) => ({ ...v, bytes: hex(v.nodeHex), dataSize: v.dataHex.length / 2 })),
  dicts: vectors.dicts.map((v) => ({ ...v, bytes: hex(v.nodeHex) })),
  pop: vectors.pop,
};
