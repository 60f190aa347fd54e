import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../identity/user.entity';

/**
 * A delegate of a realm: the root (depth 0, the realm owner's JWT, created on first use) or a
 * child issued by another delegate, holding an access and a refresh token. Only the BLAKE3
 * hashes of the current tokens are kept. Revocation is written onto the delegate and every
 * descendant at once, so a token's own row says whether it still works.
 */
@Entity('cas_delegates')
@Index('cas_delegates_realm_root', ['realm'], { unique: true, where: 'depth = 0' })
@Index('cas_delegates_children', ['parentId', 'id'])
@Index('cas_delegates_chain', ['chain'], { type: 'gin' })
export class DelegateEntity {
  /** A ULID as uuid; on the wire `dlt_` + Crockford Base32 of its 16 bytes. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** `usr_<owner id>`. */
  @Column({ type: 'varchar', length: 40 })
  realm: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  /** Ancestors then itself, the root first: the delegate chain that ownership and scope checks use. */
  @Column({ type: 'uuid', array: true })
  chain: string[];

  @Column({ type: 'smallint' })
  depth: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  name: string | null;

  @Column({ type: 'boolean' })
  canUpload: boolean;

  @Column({ type: 'boolean' })
  canManageDepot: boolean;

  /** May issue child delegates and tickets; false for a ticket's leaf delegate (seed 000). */
  @Column({ type: 'boolean', default: true })
  canDelegate: boolean;

  /** Depots this delegate may manage (null: every depot of the realm). */
  @Column({ type: 'uuid', array: true, nullable: true })
  delegatedDepots: string[] | null;

  /** Scope roots (`nod_…` keys) that X-CAS-Proof paths start from; null: none (ownership only). */
  @Column({ type: 'varchar', length: 30, array: true, nullable: true })
  scopeRoots: string[] | null;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  revokedBy: string | null;

  @Column({ type: 'bytea', nullable: true, select: false })
  currentRtHash: Buffer | null;

  @Column({ type: 'bytea', nullable: true, select: false })
  currentAtHash: Buffer | null;

  @Column({ type: 'timestamptz', nullable: true })
  atExpiresAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
