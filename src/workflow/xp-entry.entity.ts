import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type XpEntryType = 'ticket_base_xp' | 'ticket_qc_status_update' | 'ticket_qc_first_pass_bonus';

/** Append-only XP ledger; the unique reference makes every payment happen at most once. */
@Entity('xp_entries')
@Index('xp_entries_user', ['userId', 'id'])
export class XpEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'int' })
  amount: number;

  @Column({ type: 'varchar', length: 40 })
  entryType: XpEntryType;

  @Column({ type: 'varchar', length: 100, unique: true })
  reference: string;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  payload: Record<string, any>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
