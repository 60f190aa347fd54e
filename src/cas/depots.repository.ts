import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import type { KeysetPosition } from '../common/cursor';
import { Db } from '../database/db';
import { keysetPage } from '../database/paging';
import { DepotEntity } from './depot.entity';

export type NewDepot = Pick<DepotEntity, 'id' | 'realm' | 'title' | 'root' | 'maxHistory' | 'creatorDelegateId'>;

/** The queries on `cas_depots`, always scoped to one realm. */
@Injectable()
export class DepotsRepository {
  constructor(private readonly db: Db) {}

  private get depots(): Repository<DepotEntity> {
    return this.db.repository(DepotEntity);
  }

  async insert(depot: NewDepot): Promise<DepotEntity> {
    await this.depots.insert({ ...depot, history: [] });
    return (await this.find(depot.realm, depot.id))!;
  }

  find(realm: string, id: string): Promise<DepotEntity | null> {
    return this.depots.findOneBy({ realm, id });
  }

  /** The depot, locked until the transaction ends: commits to one depot queue up. */
  lock(realm: string, id: string): Promise<DepotEntity | null> {
    return this.depots.createQueryBuilder('d').where('d.realm = :realm AND d.id = :id', { realm, id }).setLock('pessimistic_write').getOne();
  }

  save(depot: DepotEntity): Promise<DepotEntity> {
    return this.depots.save(depot);
  }

  async delete(realm: string, id: string): Promise<boolean> {
    const result = await this.depots.delete({ realm, id });
    return Boolean(result.affected);
  }

  page(realm: string, after: KeysetPosition | null, limit: number) {
    return keysetPage(this.depots.createQueryBuilder('d').where('d.realm = :realm', { realm }), ['d.id'], 'ASC', after, limit);
  }
}
