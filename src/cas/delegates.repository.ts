import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import type { KeysetPosition } from '../common/cursor';
import { Db } from '../database/db';
import { keysetPage } from '../database/paging';
import { queryReturning } from '../database/sql';
import { DelegateEntity } from './delegate.entity';

export type NewDelegate = Omit<DelegateEntity, 'user' | 'createdAt' | 'revokedAt' | 'revokedBy'>;

/** The queries on `cas_delegates`. */
@Injectable()
export class DelegatesRepository {
  constructor(private readonly db: Db) {}

  private get delegates(): Repository<DelegateEntity> {
    return this.db.repository(DelegateEntity);
  }

  findRoot(realm: string): Promise<DelegateEntity | null> {
    return this.delegates.findOneBy({ realm, depth: 0 });
  }

  /** Creates the realm's root delegate unless it exists (two first requests may race). */
  async ensureRoot(root: NewDelegate): Promise<void> {
    await this.delegates.createQueryBuilder().insert().values(root).orIgnore().execute();
  }

  findById(id: string): Promise<DelegateEntity | null> {
    return this.delegates.findOneBy({ id });
  }

  /**
   * A delegate with its current token hashes, for authentication and refresh; with its owner
   * (whether disabled: a disabled user's delegates stop with the user's JWTs).
   */
  findWithTokenHashes(id: string): Promise<DelegateEntity | null> {
    return this.delegates
      .createQueryBuilder('d')
      .addSelect(['d.currentAtHash', 'd.currentRtHash'])
      .innerJoin('d.user', 'u')
      .addSelect(['u.id', 'u.disabled'])
      .where('d.id = :id', { id })
      .getOne();
  }

  async insert(delegate: NewDelegate): Promise<DelegateEntity> {
    await this.delegates.insert(delegate);
    return (await this.findById(delegate.id))!;
  }

  /**
   * Locks the chain's rows against revocation until the transaction ends and answers whether
   * any of them is revoked: a delegate created under a chain being revoked is either seen by
   * the revocation's cascade or refused here.
   */
  async lockChainUnrevoked(chain: string[]): Promise<boolean> {
    const rows: { revoked: boolean }[] = await this.db.manager.query(
      `SELECT revoked_at IS NOT NULL AS revoked FROM cas_delegates WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE`,
      [chain],
    );
    return rows.length === chain.length && rows.every((row) => !row.revoked);
  }

  /** The delegate row, locked for revocation. */
  lockForUpdate(id: string): Promise<DelegateEntity | null> {
    return this.delegates.createQueryBuilder('d').where('d.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  /** Revokes a delegate and every descendant not yet revoked, in one statement; answers how many. */
  async revokeSubtree(id: string, revokedBy: string, at: Date): Promise<number> {
    const rows = await queryReturning(
      this.db.manager,
      `UPDATE cas_delegates SET revoked_at = $3, revoked_by = $2, current_at_hash = NULL, current_rt_hash = NULL
       WHERE chain @> ARRAY[$1::uuid] AND revoked_at IS NULL RETURNING id`,
      [id, revokedBy, at],
    );
    return rows.length;
  }

  /** Direct children of `parentId`, oldest first (ids are ULIDs). */
  children(parentId: string, includeRevoked: boolean, after: KeysetPosition | null, limit: number) {
    const qb = this.delegates.createQueryBuilder('d').where('d.parentId = :parentId', { parentId });
    if (!includeRevoked) qb.andWhere('d.revokedAt IS NULL');
    return keysetPage(qb, ['d.id'], 'ASC', after, limit);
  }

  /**
   * Rotation by compare-and-set: the new hashes replace the old only while the presented
   * refresh token is still the current one, so of two racing refreshes exactly one wins.
   */
  async rotate(id: string, presentedRtHash: Buffer, next: { rtHash: Buffer; atHash: Buffer; atExpiresAt: Date }): Promise<boolean> {
    const rows = await queryReturning(
      this.db.manager,
      `UPDATE cas_delegates SET current_rt_hash = $3, current_at_hash = $4, at_expires_at = $5
       WHERE id = $1 AND current_rt_hash = $2 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
       RETURNING id`,
      [id, presentedRtHash, next.rtHash, next.atHash, next.atExpiresAt],
    );
    return rows.length === 1;
  }
}
