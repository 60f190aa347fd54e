export type NodeKindName = 'dict' | 'file' | 'successor';

/** What PUT …/nodes/:key answers (the realm document's fields, and the upstream client's). */
export class NodeUploadView {
  /** @example nod_2D9YF3Q0RAENSX5P52HK6YEZRC */
  key: string;
  /** Header.size: payload bytes. */
  payloadSize: number;
  kind: NodeKindName;
  /** The same key, as CASFA's client reads it. */
  nodeKey: string;
  /** `created` the first time the realm stores the node, `exists` after. */
  status: 'created' | 'exists';
}

export class CheckNodesView {
  /** Not stored in this realm. */
  missing: string[];
  /** Stored, and owned by the caller: stored or claimed by it or a delegate below it (well-known nodes always are). */
  owned: string[];
  /** Stored, owned by other delegates only. */
  unowned: string[];
}

/** A node's structure (CASFA NodeMetadata): `children` for a dict; `contentType` for a file. */
export class NodeMetadataView {
  key: string;
  kind: NodeKindName;
  payloadSize: number;
  /** Dict: child name → node key, in name order. */
  children?: Record<string, string>;
  /** File: its MIME type. */
  contentType?: string;
  /** File: size of the whole file in bytes. */
  fileSize?: number;
  /** File or successor: the first following node, when there is one. */
  successor?: string;
  /** File or successor: every following node, in file order. */
  successors?: string[];
}

export class ClaimView {
  nodeHash: string;
  /** True when the caller's chain already owned the node (nothing changed). */
  alreadyOwned: boolean;
  delegateId: string;
}

export class RealmInfoView {
  /** @example usr_1 */
  realm: string;
  /** Present (empty) when the caller may upload: a client shows write actions only then. */
  commit?: Record<string, never>;
  /** Largest node in bytes. */
  nodeLimit: number;
  /** Longest name in a dict, in UTF-8 bytes. */
  maxNameBytes: number;
}

export class RealmUsageView {
  realm: string;
  /** Bytes of the distinct nodes the realm stores (after dedup). */
  physicalBytes: number;
  /** File content bytes counted once per delegate that stored or claimed them. */
  logicalBytes: number;
  nodeCount: number;
  quotaLimit: number;
  /** Epoch ms. */
  updatedAt: number;
}
