import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '../identity/user.entity';

/**
 * The Discord grant behind a user who signed in with Discord: what PUT /oauth uses to ask
 * Discord about the user again. Both tokens are sealed (AES-256-GCM, token-seal.ts), never stored in clear.
 */
@Entity('file_ticket_discord_accounts')
export class DiscordAccountEntity {
  @PrimaryColumn({ type: 'int' })
  userId: number;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 32 })
  discordId: string;

  @Column({ type: 'text' })
  accessTokenSealed: string;

  @Column({ type: 'text' })
  refreshTokenSealed: string;

  @Column({ type: 'varchar', length: 40 })
  tokenType: string;

  /** When Discord's access token expires. */
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
