import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Timestamps } from '../database/timestamps';

/** A named, mutable root pointer of a realm, with its previous roots newest first. */
@Entity('cas_depots')
@Index('cas_depots_realm_title', ['realm', 'title'], { unique: true })
@Index('cas_depots_realm_id', ['realm', 'id'])
export class DepotEntity extends Timestamps {
  /** A ULID as uuid; on the wire `dpt_` + Crockford Base32. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 40 })
  realm: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  title: string | null;

  /** `nod_…` key of the current root. */
  @Column({ type: 'varchar', length: 30 })
  root: string;

  @Column({ type: 'smallint' })
  maxHistory: number;

  /** Previous roots, newest first, at most maxHistory. */
  @Column({ type: 'varchar', length: 30, array: true, default: () => `'{}'` })
  history: string[];

  @Column({ type: 'uuid' })
  creatorDelegateId: string;
}
