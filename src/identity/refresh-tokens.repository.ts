import { Injectable } from '@nestjs/common';
import { IsNull, Repository } from 'typeorm';
import { Db } from '../database/db';
import { queryReturning } from '../database/sql';
import { RefreshTokenEntity } from './refresh-token.entity';

/** Every query on `refresh_tokens` (tokens are looked up by the SHA-256 of their value). */
@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly db: Db) {}

  private get tokens(): Repository<RefreshTokenEntity> {
    return this.db.repository(RefreshTokenEntity);
  }

  async insert(token: Pick<RefreshTokenEntity, 'userId' | 'familyId' | 'tokenHash' | 'expiresAt'>): Promise<void> {
    await this.tokens.insert(token);
  }

  /**
   * Marks a usable token (unused, unrevoked, unexpired) used, in one statement so that two
   * requests cannot both spend it. Null when the token was not usable.
   */
  async claim(tokenHash: string): Promise<{ userId: number; familyId: string } | null> {
    const [claimed] = await queryReturning<{ user_id: number; family_id: string }>(
      this.db.manager,
      `UPDATE refresh_tokens SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        RETURNING user_id, family_id`,
      [tokenHash],
    );
    return claimed ? { userId: claimed.user_id, familyId: claimed.family_id } : null;
  }

  findByHash(tokenHash: string): Promise<Pick<RefreshTokenEntity, 'familyId' | 'usedAt'> | null> {
    return this.tokens.findOne({ where: { tokenHash }, select: { familyId: true, usedAt: true } });
  }

  /** Revokes every token of the family not revoked yet. */
  async revokeFamily(familyId: string): Promise<void> {
    await this.tokens.update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
