import { Injectable } from '@nestjs/common';
import { Repository } from 'typeorm';
import { Db } from '../database/db';
import { queryReturning } from '../database/sql';
import { NodeEntity, RealmUsageEntity } from './node.entity';

export type NewNode = Omit<NodeEntity, 'createdAt'>;

export interface UsageCharge {
  physicalBytes: number;
  logicalBytes: number;
  nodes: number;
}

const hex = (keys: readonly Buffer[]) => keys.map((key) => key.toString('hex'));

/**
 * The queries on a realm's nodes, their owners and the realm's usage. Key lists travel as hex
 * text arrays (decoded in SQL), which every driver passes the same way.
 */
@Injectable()
export class NodesRepository {
  constructor(private readonly db: Db) {}

  private get nodes(): Repository<NodeEntity> {
    return this.db.repository(NodeEntity);
  }

  find(realm: string, key: Buffer): Promise<NodeEntity | null> {
    return this.nodes.findOneBy({ realm, key });
  }

  /** The stored ones of `keys`, in one query. */
  findMany(realm: string, keys: readonly Buffer[]): Promise<NodeEntity[]> {
    if (!keys.length) return Promise.resolve([]);
    return this.nodes.createQueryBuilder('n').where('n.realm = :realm', { realm }).andWhere(`n.key IN (SELECT decode(k, 'hex') FROM unnest(CAST(:keys AS text[])) AS k)`, { keys: hex(keys) }).getMany();
  }

  /** Inserts the nodes the realm does not store yet, in one statement; answers the keys that were new. */
  async insertMany(nodes: readonly NewNode[]): Promise<Set<string>> {
    if (!nodes.length) return new Set();
    const result = await this.nodes.createQueryBuilder().insert().values(nodes as NewNode[]).orIgnore().returning(['key']).execute();
    return new Set((result.raw as { key: Buffer }[]).map((row) => Buffer.from(row.key).toString('hex')));
  }

  /**
   * Records an upload or claim: the delegate and every ancestor own the node (CASFA's full-chain
   * write), so "does X own it" is one key lookup. True when the delegate itself did not own it yet.
   */
  async addOwner(realm: string, key: Buffer, chain: readonly string[]): Promise<boolean> {
    return (await this.addOwners(realm, [key], chain)).size > 0;
  }

  /** addOwner for many keys in one statement: answers (as hex) the keys the delegate itself did not own yet. */
  async addOwners(realm: string, keys: readonly Buffer[], chain: readonly string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const rows: { key: Buffer; delegate_id: string }[] = await this.db.manager.query(
      `INSERT INTO cas_node_owners (realm, key, delegate_id)
       SELECT $1, decode(k, 'hex'), d FROM unnest($2::text[]) AS k CROSS JOIN unnest($3::uuid[]) AS d
       ON CONFLICT DO NOTHING RETURNING key, delegate_id`,
      [realm, hex(keys), chain],
    );
    const self = chain[chain.length - 1];
    return new Set(rows.filter((row) => row.delegate_id === self).map((row) => Buffer.from(row.key).toString('hex')));
  }

  /** Which of `keys` the realm stores: each with whether `delegateId` owns it (it or a delegate below it stored or claimed it). */
  async classify(realm: string, keys: readonly Buffer[], delegateId: string): Promise<{ key: Buffer; owned: boolean }[]> {
    return this.db.manager.query(
      `SELECT n.key, EXISTS (SELECT 1 FROM cas_node_owners o WHERE o.realm = n.realm AND o.key = n.key AND o.delegate_id = $3) AS owned
       FROM cas_nodes n WHERE n.realm = $1 AND n.key IN (SELECT decode(k, 'hex') FROM unnest($2::text[]) AS k)`,
      [realm, hex(keys), delegateId],
    );
  }

  /** Whether `delegateId` owns the node: it, or a delegate below it, stored or claimed it. */
  async isOwner(realm: string, key: Buffer, delegateId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.manager.query(`SELECT 1 FROM cas_node_owners WHERE realm = $1 AND key = $2 AND delegate_id = $3`, [realm, key, delegateId]);
    return rows.length > 0;
  }

  /**
   * Follows child indices from `start` through the realm's stored nodes, in one query, and
   * answers the key reached, or null when the path leaves the stored tree or an index is out
   * of range.
   */
  async walk(realm: string, start: Buffer, path: readonly number[]): Promise<Buffer | null> {
    if (path.length === 0) return start;
    const rows: { key: Buffer }[] = await this.db.manager.query(
      `WITH RECURSIVE walk(step, key) AS (
         SELECT 1, $2::bytea
         UNION ALL
         SELECT w.step + 1, substring(n.children FROM ($3::int[])[w.step] * 16 + 1 FOR 16)
         FROM walk w JOIN cas_nodes n ON n.realm = $1 AND n.key = w.key
         WHERE w.step <= cardinality($3::int[]) AND ($3::int[])[w.step] < length(n.children) / 16
       )
       SELECT key FROM walk WHERE step = cardinality($3::int[]) + 1`,
      [realm, start, path],
    );
    return rows.length ? Buffer.from(rows[0].key) : null;
  }

  /**
   * Adds to the realm's usage unless the physical bytes would pass `quota`; false (nothing
   * added) when they would. One row per realm, updated atomically.
   */
  async charge(realm: string, charge: UsageCharge, quota: number): Promise<boolean> {
    const rows = await queryReturning(
      this.db.manager,
      `INSERT INTO cas_realm_usage AS u (realm, physical_bytes, logical_bytes, node_count, updated_at)
       SELECT $1, $2::bigint, $3::bigint, $4::bigint, now() WHERE $2::bigint <= $5::bigint
       ON CONFLICT (realm) DO UPDATE SET
         physical_bytes = u.physical_bytes + EXCLUDED.physical_bytes,
         logical_bytes = u.logical_bytes + EXCLUDED.logical_bytes,
         node_count = u.node_count + EXCLUDED.node_count,
         updated_at = now()
       WHERE EXCLUDED.physical_bytes = 0 OR u.physical_bytes + EXCLUDED.physical_bytes <= $5::bigint
       RETURNING realm`,
      [realm, charge.physicalBytes, charge.logicalBytes, charge.nodes, quota],
    );
    return rows.length > 0;
  }

  usage(realm: string): Promise<RealmUsageEntity | null> {
    return this.db.repository(RealmUsageEntity).findOneBy({ realm });
  }
}
