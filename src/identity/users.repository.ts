import { Injectable } from '@nestjs/common';
import { ArrayContains, FindOptionsWhere, ILike, In, Repository } from 'typeorm';
import { Page } from '../common/pagination';
import { Db, namedStatement } from '../database/db';
import { findPage } from '../database/paging';
import { escapeLike, queryReturning } from '../database/sql';
import { ListUsersQuery } from './dto/user.dto';
import { Role } from './roles';
import { UserEntity } from './user.entity';

const SUMMARY_COLUMNS = { id: true, email: true, name: true, roles: true, avatarUrl: true, discordId: true, disabled: true } as const;

/** What authenticating a request reads of a user: one indexed row, no entity machinery (it runs on every request). */
export const AUTH_ROW = namedStatement('auth_row', 'SELECT id, email, name, roles, disabled FROM users WHERE id = $1');

/** A user as authenticating a request sees it. */
export interface AuthRow {
  id: number;
  email: string;
  name: string;
  roles: Role[];
  disabled: boolean;
}

/** The columns a select of `columns` reads. */
type Selected<C> = Pick<UserEntity, keyof C & keyof UserEntity>;

/** Every query on `users`. */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: Db) {}

  private get users(): Repository<UserEntity> {
    return this.db.repository(UserEntity);
  }

  /** Inserts the first user, unless there is a user already (or one with that email). True when inserted. */
  async insertIfNoUsers(user: { email: string; name: string; passwordHash: string; roles: Role[] }): Promise<boolean> {
    const inserted: unknown[] = await this.db.manager.query(
      `INSERT INTO users (email, name, password_hash, roles)
       SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM users)
       ON CONFLICT DO NOTHING RETURNING id`,
      [user.email, user.name, user.passwordHash, user.roles],
    );
    return inserted.length > 0;
  }

  /** Inserts a user; a taken email fails with a unique violation. */
  insert(user: Pick<UserEntity, 'email' | 'name' | 'passwordHash' | 'roles'>): Promise<UserEntity> {
    return this.users.save(this.users.create(user));
  }

  save(user: UserEntity): Promise<UserEntity> {
    return this.users.save(user);
  }

  findById(id: number): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** Users in id order, filtered by role and by a case-insensitive part of the email or name. */
  page(query: ListUsersQuery): Promise<Page<UserEntity>> {
    const role: FindOptionsWhere<UserEntity> = query.role ? { roles: ArrayContains([query.role]) } : {};
    const pattern = query.search ? ILike(`%${escapeLike(query.search)}%`) : undefined;
    const where = pattern ? [{ ...role, email: pattern }, { ...role, name: pattern }] : role;
    return findPage(this.users, { where, order: { id: 'ASC' } }, query);
  }

  /** What authenticating a request reads of a user: raw SQL, the row as the driver gives it. */
  async findAuthRow(id: number): Promise<AuthRow | null> {
    const rows = await this.db.query<AuthRow>(AUTH_ROW, [id]);
    return rows[0] ?? null;
  }

  /** The user with this (lowercased) email, password hash included. */
  findWithPasswordHash(email: string): Promise<UserEntity | null> {
    return this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email }).getOne();
  }

  /**
   * Creates the user of a Discord account, or refreshes its name and avatar: one statement, so
   * two first sign-ins of one account make one user. Answers its summary.
   */
  async upsertDiscordUser(user: { discordId: string; email: string; name: string; avatarUrl: string | null }): Promise<Selected<typeof SUMMARY_COLUMNS>> {
    const [row] = await queryReturning<{ id: number; email: string; name: string; roles: Role[]; avatar_url: string | null; discord_id: string; disabled: boolean }>(
      this.db.manager,
      `INSERT INTO users (email, name, avatar_url, discord_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (discord_id) DO UPDATE SET name = EXCLUDED.name, avatar_url = EXCLUDED.avatar_url, updated_at = now()
       RETURNING id, email, name, roles, avatar_url, discord_id, disabled`,
      [user.email, user.name, user.avatarUrl, user.discordId],
    );
    return { id: row.id, email: row.email, name: row.name, roles: row.roles, avatarUrl: row.avatar_url, discordId: row.discord_id, disabled: row.disabled };
  }

  /** The user whose Discord id is `text`, else the user whose id it is (when it can be one). */
  async findSummaryByDiscordOrId(text: string, id: number | null): Promise<Selected<typeof SUMMARY_COLUMNS> | null> {
    const byDiscord = await this.users.findOne({ where: { discordId: text }, select: SUMMARY_COLUMNS });
    if (byDiscord || id === null) return byDiscord;
    return this.users.findOne({ where: { id }, select: SUMMARY_COLUMNS });
  }

  /** Display data of users (UsersService.findSummaries). */
  findSummaries(ids: readonly number[]): Promise<Array<Selected<typeof SUMMARY_COLUMNS>>> {
    return this.users.find({ where: { id: In(ids) }, select: SUMMARY_COLUMNS });
  }
}
