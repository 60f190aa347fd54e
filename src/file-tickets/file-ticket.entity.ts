import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../identity/user.entity';

/**
 * A PD2 file ticket: a bundle of uploaded files with a remark, public or private. The files are
 * CAS nodes of the owner's realm (`usr_<owner>`): `rootKey` is the d-node of the ticket's tree,
 * `files` its paths in upload order (what lists show without reading the tree).
 */
@Entity('file_tickets')
@Index('file_tickets_owner_created', ['ownerId', 'createdAt', 'id'])
export class FileTicketEntity {
  /** 20 hexadecimal characters (seed 003). */
  @PrimaryColumn({ type: 'char', length: 20 })
  id: string;

  @Column({ type: 'int' })
  ownerId: number;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: UserEntity;

  @Column({ type: 'boolean', default: false })
  isPublic: boolean;

  @Column({ type: 'text', default: '' })
  remark: string;

  /** Paths inside the ticket (`src/Main.java`), in upload order. */
  @Column({ type: 'text', array: true })
  files: string[];

  /** The 16-byte key of the ticket's root d-node. */
  @Column({ type: 'bytea' })
  rootKey: Buffer;

  /** Bytes of all its files (what a zip download streams). */
  @Column({ type: 'bigint', transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  totalBytes: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
