import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Readable } from 'node:stream';
import { BlobStore, collect } from '../common/blob-store/blob-store';
import { casConfig } from '../config/cas.config';
import { Transactions } from '../database/transactions';
import { CasError, CasErrorCode } from './cas.errors';
import { CasNode, decodeNode, NodeFormatError, NodeLimits } from './codec/node-codec';
import { EMPTY_DICT_BYTES, EMPTY_DICT_KEY_TEXT, nodeHasher, nodeKeyText, parseNodeKey } from './codec/node-key';
import { verifyPop } from './codec/pop';
import { wireId } from './delegate-ids';
import { CheckNodesView, ClaimView, NodeKindName, NodeMetadataView, NodeUploadView, RealmInfoView, RealmUsageView } from './dto/node.view';
import { NodeAccess, parseProofMap } from './node-access.service';
import { NodeEntity, NodeKind } from './node.entity';
import { NewNode, NodesRepository } from './nodes.repository';
import { isRoot, RealmCaller } from './realm-caller';

/** A node encoded in memory and ready to store: its key, its bytes, what they decode to. */
export interface BuiltNode {
  key: Buffer;
  bytes: Buffer;
  node: CasNode;
}

/** A node's bytes on their way out, with what the response headers say of them. */
export interface NodeContent {
  stream: Readable;
  size: number;
  kind: NodeKindName;
  payloadSize: number;
  contentType: string | null;
}

const KIND_NAMES: Record<NodeKind, NodeKindName> = { [NodeKind.Dict]: 'dict', [NodeKind.Successor]: 'successor', [NodeKind.File]: 'file' };
const KIND_OF: Record<NodeKindName, NodeKind> = { dict: NodeKind.Dict, successor: NodeKind.Successor, file: NodeKind.File };

const isEmptyDict = (key: Buffer) => nodeKeyText(key) === EMPTY_DICT_KEY_TEXT;
const EMPTY_DICT = Buffer.from(EMPTY_DICT_BYTES);

/** Nodes of a realm: upload with verification, existence checks, reads, claims, ownership, usage. */
@Injectable()
export class NodesService {
  private readonly limits: NodeLimits;

  constructor(
    private readonly nodes: NodesRepository,
    private readonly access: NodeAccess,
    private readonly blobs: BlobStore,
    private readonly transactions: Transactions,
    @Inject(casConfig.KEY) private readonly config: ConfigType<typeof casConfig>,
  ) {
    this.limits = { maxNodeSize: config.maxNodeSize, maxNameBytes: config.maxNameBytes, maxCollectionChildren: config.maxCollectionChildren };
  }

  /** Whether the delegate `delegateId` owns a node of its realm: it or a delegate below it stored or claimed it; the empty dict is everyone's. */
  async ownsNode(realm: string, delegateId: string, key: Uint8Array): Promise<boolean> {
    const stored = Buffer.from(key);
    return isEmptyDict(stored) || this.nodes.isOwner(realm, stored, delegateId);
  }

  realmInfo(caller: RealmCaller): RealmInfoView {
    return { realm: caller.realm, ...(caller.canUpload ? { commit: {} } : {}), nodeLimit: this.config.maxNodeSize, maxNameBytes: this.config.maxNameBytes };
  }

  async usage(caller: RealmCaller): Promise<RealmUsageView> {
    const usage = await this.nodes.usage(caller.realm);
    return {
      realm: caller.realm,
      physicalBytes: Number(usage?.physicalBytes ?? 0),
      logicalBytes: Number(usage?.logicalBytes ?? 0),
      nodeCount: Number(usage?.nodeCount ?? 0),
      quotaLimit: this.config.realmQuotaBytes,
      updatedAt: (usage?.updatedAt ?? new Date()).getTime(),
    };
  }

  /**
   * Stores a node: its bytes hash to `key`, its structure is valid, its children (a dict's
   * entries, a file's successors) are stored and reachable by the caller, the realm's quota holds. Idempotent; the uploader
   * owns the node afterwards.
   */
  async put(caller: RealmCaller, key: Buffer, body: Readable | Buffer | undefined, childProofs: string | undefined): Promise<NodeUploadView> {
    assertCanUpload(caller);
    const bytes = await this.receive(key, body);
    const node = this.decode(bytes);
    const keyText = nodeKeyText(key);
    if (isEmptyDict(key)) return { key: keyText, payloadSize: 0, kind: 'dict', nodeKey: keyText, status: 'exists' };
    await this.assertChildrenReachable(caller, node, childProofs);

    const created = (await this.store(caller, [{ key, bytes, node }])).size > 0;
    return { key: keyText, payloadSize: bytes.readUInt32LE(8), kind: node.kind, nodeKey: keyText, status: created ? 'created' : 'exists' };
  }

  /**
   * Stores nodes whose children were already checked (uploaded ones) or that the server built
   * itself (filesystem operations): bytes in the blob store first, so no row ever points at a
   * missing blob; then, in one transaction, the rows, the caller's chain as owners, and the
   * realm's usage (REALM_QUOTA_EXCEEDED rolls it all back). Answers the keys (hex) new to the realm.
   */
  async store(caller: RealmCaller, built: readonly BuiltNode[]): Promise<Set<string>> {
    const nodes = [...new Map(built.filter((item) => !isEmptyDict(item.key)).map((item) => [item.key.toString('hex'), item])).values()];
    if (!nodes.length) return new Set();
    await Promise.all(nodes.map((item) => this.blobs.put(nodeKeyText(item.key), item.bytes)));
    return this.transactions.run(async () => {
      const created = await this.nodes.insertMany(nodes.map((item) => rowOf(caller.realm, item)));
      const owned = await this.nodes.addOwners(caller.realm, nodes.map((item) => item.key), caller.chain);
      if (created.size || owned.size) {
        const charge = { physicalBytes: 0, logicalBytes: 0, nodes: created.size };
        for (const item of nodes) {
          const hex = item.key.toString('hex');
          if (created.has(hex)) charge.physicalBytes += item.bytes.length;
          if (owned.has(hex)) charge.logicalBytes += dataSizeOf(item.node);
        }
        if (!(await this.nodes.charge(caller.realm, charge, this.config.realmQuotaBytes))) {
          throw new CasError(CasErrorCode.REALM_QUOTA_EXCEEDED, 'The realm storage quota would be exceeded', { quotaLimit: this.config.realmQuotaBytes });
        }
      }
      return created;
    });
  }

  /** Reads the body up to the node limit, hashing as it arrives; the key must match. */
  private async receive(key: Buffer, body: Readable | Buffer | undefined): Promise<Buffer> {
    const limit = this.config.maxNodeSize;
    const tooLarge = () => new CasError(CasErrorCode.INVALID_NODE, `A node is at most ${limit} bytes`, { maxNodeSize: limit }, 'too_large');
    const hasher = nodeHasher();
    const chunks: Buffer[] = [];
    for await (const chunk of Buffer.isBuffer(body) ? [body] : (body ?? [])) {
      const bytes = chunk as Buffer;
      // Unread bytes are left for Node to discard: the 413 still reaches the client.
      if (hasher.length + bytes.length > limit) throw tooLarge();
      hasher.update(bytes);
      chunks.push(bytes);
    }
    const actual = Buffer.from(hasher.digestKey());
    if (!actual.equals(key)) {
      throw new CasError(CasErrorCode.KEY_MISMATCH, 'The body does not hash to the key in the URL', { key: nodeKeyText(key), actual: nodeKeyText(actual) });
    }
    return Buffer.concat(chunks);
  }

  private decode(bytes: Buffer): CasNode {
    try {
      return decodeNode(bytes, this.limits);
    } catch (err) {
      if (err instanceof NodeFormatError) throw new CasError(CasErrorCode.INVALID_NODE, `Invalid node: ${err.message}`, { reason: err.reason });
      throw err;
    }
  }

  /** A node's children, of any kind, must be stored in the realm (409) and owned by the caller or proved (403). */
  private async assertChildrenReachable(caller: RealmCaller, node: CasNode, childProofs: string | undefined): Promise<void> {
    const children = [...new Map(node.children.map((child) => [nodeKeyText(child), Buffer.from(child)])).values()].filter((child) => !isEmptyDict(child));
    if (!children.length) return;
    const stored = new Map((await this.nodes.classify(caller.realm, children, caller.delegateId)).map((row) => [nodeKeyText(row.key), row.owned]));
    const missing = children.map(nodeKeyText).filter((key) => !stored.has(key));
    if (missing.length) throw new CasError(CasErrorCode.MISSING_NODES, `${missing.length} child node(s) are not stored in this realm`, { missing });
    if (isRoot(caller)) return;
    const proofs = parseProofMap(childProofs);
    const unauthorized: string[] = [];
    for (const child of children) {
      const text = nodeKeyText(child);
      if (!stored.get(text) && !(await this.access.proves(caller, child, proofs.get(text)))) unauthorized.push(text);
    }
    if (unauthorized.length) {
      throw new CasError(CasErrorCode.CHILD_NOT_AUTHORIZED, 'Child nodes must be owned by you (stored or claimed by you or a delegate below you) or proved with X-CAS-Child-Proofs', { unauthorized });
    }
  }

  async check(caller: RealmCaller, keys: string[]): Promise<CheckNodesView> {
    const wanted = [...new Map(keys.map((text) => Buffer.from(parseNodeKey(text)!)).map((key) => [nodeKeyText(key), key])).values()];
    const rows = await this.nodes.classify(caller.realm, wanted.filter((key) => !isEmptyDict(key)), caller.delegateId);
    const stored = new Map(rows.map((row) => [nodeKeyText(row.key), row.owned]));
    const view: CheckNodesView = { missing: [], owned: [], unowned: [] };
    for (const key of wanted) {
      const text = nodeKeyText(key);
      if (isEmptyDict(key) || stored.get(text) === true) view.owned.push(text);
      else if (stored.has(text)) view.unowned.push(text);
      else view.missing.push(text);
    }
    return view;
  }

  /** The stored node row, after the read-access check. */
  private async readable(caller: RealmCaller, key: Buffer, proof: string | undefined): Promise<NodeEntity> {
    const node = await this.nodes.find(caller.realm, key);
    if (!node) throw new CasError(CasErrorCode.NODE_NOT_FOUND, 'Node not found', { key: nodeKeyText(key) });
    await this.access.assertReadable(caller, key, proof);
    return node;
  }

  async content(caller: RealmCaller, key: Buffer, proof: string | undefined): Promise<NodeContent> {
    if (isEmptyDict(key)) return { stream: Readable.from([EMPTY_DICT]), size: EMPTY_DICT.length, kind: 'dict', payloadSize: 0, contentType: null };
    const node = await this.readable(caller, key, proof);
    const stream = await this.blobs.get(nodeKeyText(key));
    if (!stream) throw new Error(`blob of ${nodeKeyText(key)} is missing from the blob store`);
    return { stream, size: node.nodeSize, kind: KIND_NAMES[node.kind], payloadSize: node.payloadSize, contentType: node.contentType };
  }

  async metadata(caller: RealmCaller, key: Buffer, proof: string | undefined): Promise<NodeMetadataView> {
    const keyText = nodeKeyText(key);
    if (isEmptyDict(key)) return { key: keyText, kind: 'dict', payloadSize: 0, children: {} };
    await this.readable(caller, key, proof);
    const node = this.decode(await this.bytesOf(keyText));
    const children = node.children.map(nodeKeyText);
    if (node.kind === 'dict') {
      return { key: keyText, kind: 'dict', payloadSize: node.names.reduce((sum, name) => sum + 2 + Buffer.byteLength(name), 0), children: Object.fromEntries(node.names.map((name, i) => [name, children[i]])) };
    }
    const following = { successor: children[0], successors: children };
    if (node.kind === 'file') return { key: keyText, kind: 'file', payloadSize: 64 + node.data.length, contentType: node.contentType, fileSize: node.fileSize, ...following };
    return { key: keyText, kind: 'successor', payloadSize: node.data.length, ...following };
  }

  private async bytesOf(keyText: string): Promise<Buffer> {
    const stream = await this.blobs.get(keyText);
    if (!stream) throw new Error(`blob of ${keyText} is missing from the blob store`);
    return collect(stream);
  }

  /** Takes ownership of a stored node by proving possession of the access token and the bytes. */
  async claim(caller: RealmCaller, key: Buffer, pop: string): Promise<ClaimView> {
    assertCanUpload(caller);
    const keyText = nodeKeyText(key);
    const view = (alreadyOwned: boolean): ClaimView => ({ nodeHash: keyText, alreadyOwned, delegateId: wireId('dlt', caller.delegateId) });
    if (isEmptyDict(key)) return view(true);
    const node = await this.nodes.find(caller.realm, key);
    if (!node) throw new CasError(CasErrorCode.NODE_NOT_FOUND, 'Node not found', { key: keyText });
    if (await this.nodes.isOwner(caller.realm, key, caller.delegateId)) return view(true);
    if (caller.accessToken && !verifyPop(pop, caller.accessToken, await this.bytesOf(keyText))) {
      throw new CasError(CasErrorCode.INVALID_POP, 'The proof of possession does not match this token and node');
    }
    await this.transactions.run(async () => {
      if (await this.nodes.addOwner(caller.realm, key, caller.chain)) {
        await this.nodes.charge(caller.realm, { physicalBytes: 0, logicalBytes: node.dataSize, nodes: 0 }, this.config.realmQuotaBytes);
      }
    });
    return view(false);
  }
}

const dataSizeOf = (node: CasNode): number => (node.kind === 'dict' ? 0 : node.data.length);

function rowOf(realm: string, { key, bytes, node }: BuiltNode): NewNode {
  return {
    realm,
    key,
    kind: KIND_OF[node.kind],
    nodeSize: bytes.length,
    payloadSize: bytes.readUInt32LE(8),
    dataSize: dataSizeOf(node),
    fileSize: node.kind === 'file' ? node.fileSize : null,
    contentType: node.kind === 'file' ? node.contentType : null,
    children: Buffer.concat(node.children),
  };
}

export function assertCanUpload(caller: RealmCaller): void {
  if (!caller.canUpload) throw new CasError(CasErrorCode.UPLOAD_NOT_ALLOWED, 'This delegate may not upload (canUpload is false)');
}
