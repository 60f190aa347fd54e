import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamps } from '../database/timestamps';
import { Role } from './roles';

@Entity('users')
@Index('users_roles_gin', ['roles'], { type: 'gin' })
export class UserEntity extends Timestamps {
  @PrimaryGeneratedColumn()
  id: number;

  /** Stored lowercased, so uniqueness is case-insensitive. */
  @Column({ type: 'varchar', length: 320, unique: true })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** scrypt hash (see password.ts); null for users who only sign in through Discord. */
  @Column({ type: 'text', nullable: true, select: false })
  passwordHash: string | null;

  @Column({ type: 'text', array: true, default: () => `'{user}'` })
  roles: Role[];

  @Column({ type: 'text', nullable: true })
  avatarUrl: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true, unique: true })
  discordId: string | null;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;
}
