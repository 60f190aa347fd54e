import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Node kinds as the binary format's type bits number them. */
export enum NodeKind {
  Dict = 1,
  Successor = 2,
  File = 3,
}

/**
 * A node stored in a realm: its metadata, and its children's keys for proof walks. The bytes
 * live in the blob store under the node key (shared by every realm that stores the same node).
 */
@Entity('cas_nodes')
export class NodeEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  realm: string;

  /** The 16 key bytes (size flag + BLAKE3 tail). */
  @PrimaryColumn({ type: 'bytea' })
  key: Buffer;

  @Column({ type: 'smallint' })
  kind: NodeKind;

  /** Length of the node's bytes: what it costs in storage. */
  @Column({ type: 'integer' })
  nodeSize: number;

  /** Header.size: the payload bytes (names, FileInfo + data, or data). */
  @Column({ type: 'integer' })
  payloadSize: number;

  /** File content bytes this node holds (f- and s-nodes; 0 for a dict). */
  @Column({ type: 'integer' })
  dataSize: number;

  /** f-nodes: the whole file's size (FileInfo.fileSize), what listings show; null for other kinds. */
  @Column({ type: 'bigint', nullable: true, transformer: { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) } })
  fileSize: number | null;

  @Column({ type: 'varchar', length: 56, nullable: true })
  contentType: string | null;

  /** The children's keys, 16 bytes each, in order: index paths walk through them in SQL. */
  @Column({ type: 'bytea' })
  children: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** Who owns a node: the delegate that stored or claimed it and every ancestor of it (one row each). */
@Entity('cas_node_owners')
export class NodeOwnerEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  realm: string;

  @PrimaryColumn({ type: 'bytea' })
  key: Buffer;

  @PrimaryColumn({ type: 'uuid' })
  delegateId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A realm's running totals, updated with every node stored: the quota check reads one row. */
@Entity('cas_realm_usage')
export class RealmUsageEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  realm: string;

  @Column({ type: 'bigint', default: 0 })
  physicalBytes: string;

  @Column({ type: 'bigint', default: 0 })
  logicalBytes: string;

  @Column({ type: 'bigint', default: 0 })
  nodeCount: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
