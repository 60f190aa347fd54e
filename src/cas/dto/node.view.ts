export type NodeKindName = 'dict' | 'file' | 'successor';

/** What PUT …/nodes/:key answers (the realm document's fields, and the upstream client's). */
export class NodeUploadView {
  /** @example nod_2D9YF3Q0RAENSX5P52HK6YEZRC */
  key: string;
  /** Header.size: payload bytes. @example 11 */
  payloadSize: number;
  /** @example dict */
  kind: NodeKindName;
  /** The same key, as CASFA's client reads it. @example nod_2D9YF3Q0RAENSX5P52HK6YEZRC */
  nodeKey: string;
  /** `created` the first time the realm stores the node, `exists` after. @example created */
  status: 'created' | 'exists';
}

export class CheckNodesView {
  /** Not stored in this realm. @example ["nod_2S0NFG0YS5PXP0F803ZKPJZ4Y8"] */
  missing: string[];
  /** Stored, and owned by the caller: stored or claimed by it or a delegate below it (well-known nodes always are). @example ["nod_2D9YF3Q0RAENSX5P52HK6YEZRC","nod_2VTAQKBT0QEX31FJJ82XGGWQ4M"] */
  owned: string[];
  /** Stored, owned by other delegates only. @example [] */
  unowned: string[];
}

/** A node's structure (CASFA NodeMetadata): `children` for a dict; `contentType` for a file. */
export class NodeMetadataView {
  /** @example nod_2D9YF3Q0RAENSX5P52HK6YEZRC */
  key: string;
  /** @example dict */
  kind: NodeKindName;
  /** @example 11 */
  payloadSize: number;
  /** Dict: child name → node key, in name order. @example {"README.md":"nod_2VTAQKBT0QEX31FJJ82XGGWQ4M"} */
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
  /** The node claimed. @example nod_2VTAQKBT0QEX31FJJ82XGGWQ4M */
  nodeHash: string;
  /** True when the caller's chain already owned the node (nothing changed). @example false */
  alreadyOwned: boolean;
  /** The delegate that owns it now (the caller). @example dlt_069BH6NPG0X3QK49G1EXMJ7JR0 */
  delegateId: string;
}

export class RealmInfoView {
  /** @example usr_1 */
  realm: string;
  /** Present (empty) when the caller may upload: a client shows write actions only then. @example {} */
  commit?: Record<string, never>;
  /** Largest node in bytes. @example 4194304 */
  nodeLimit: number;
  /** Longest name in a dict, in UTF-8 bytes. @example 255 */
  maxNameBytes: number;
}

export class RealmUsageView {
  /** @example usr_1 */
  realm: string;
  /** Bytes of the distinct nodes the realm stores (after dedup). @example 124 */
  physicalBytes: number;
  /** File content bytes counted once per delegate that stored or claimed them. @example 1 */
  logicalBytes: number;
  /** @example 2 */
  nodeCount: number;
  /** CAS_REALM_QUOTA_BYTES. @example 10737418240 */
  quotaLimit: number;
  /** Epoch ms. @example 1729674120000 */
  updatedAt: number;
}
