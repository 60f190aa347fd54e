import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../identity/user.entity';

export const TICKET_STATUSES = ['pending', 'submitted'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/**
 * A realm ticket (seed 000): a task workspace with its own leaf delegate, whose access token the
 * tool works with until it submits a root node. Seen by the delegates whose issuer chain holds
 * its creator (keyset lists by creator, newest first).
 */
@Entity('realm_tickets')
@Check('realm_tickets_status', `status IN ('pending', 'submitted')`)
@Index('realm_tickets_creator', ['creatorDelegateId', 'id'])
@Index('realm_tickets_creator_status', ['creatorDelegateId', 'status', 'id'])
@Index('realm_tickets_delegate', ['delegateId'], { unique: true })
export class RealmTicketEntity {
  /** A ULID as uuid; on the wire `ticket:` + Crockford Base32 of its 16 bytes. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** `usr_<owner id>`. */
  @Column({ type: 'varchar', length: 40 })
  realm: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  /** The realm's owner: the ticket goes with the user, as the realm's delegates do. */
  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 256 })
  title: string;

  @Column({ type: 'varchar', length: 16 })
  status: TicketStatus;

  /** The output node (`nod_…`), set by submit. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  root: string | null;

  /** The delegate that created the ticket (uuid). */
  @Column({ type: 'uuid' })
  creatorDelegateId: string;

  /** The ticket's own leaf delegate (uuid), child of the creator; revoked by submit. */
  @Column({ type: 'uuid' })
  delegateId: string;

  /** The ticket's delegate expires with it. */
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
