import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { offsetOf } from '../common/pagination';
import { escapeLike, isUniqueViolation } from '../database/sql';
import { authConfig } from '../config/auth.config';
import { AuthContext, realmIdOf } from './auth-context';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './dto/user.dto';
import { UserPageView, UserView } from './dto/user.view';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { hashPassword } from './password';
import { Role } from './roles';
import { UserEntity } from './user.entity';

/** The public face of users for other modules: lookups by id, role checks, display data. */
export interface UserSummary {
  id: number;
  email: string;
  name: string;
  roles: Role[];
  avatarUrl: string | null;
  disabled: boolean;
}

const SUMMARY_COLUMNS = { id: true, email: true, name: true, roles: true, avatarUrl: true, disabled: true } as const;

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
  ) {}

  /** First boot with ADMIN_EMAIL/ADMIN_PASSWORD and no users: create that admin. */
  async onApplicationBootstrap(): Promise<void> {
    const admin = this.auth.bootstrapAdmin;
    if (!admin) return;
    const inserted = await this.users.query(
      `INSERT INTO users (email, name, password_hash, roles)
       SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM users)
       ON CONFLICT DO NOTHING RETURNING id`,
      [admin.email.toLowerCase(), 'Administrator', await hashPassword(admin.password), [Role.Admin, Role.SuperAdmin]],
    );
    if (inserted.length > 0) this.logger.log(`Created the first admin ${admin.email}`);
  }

  async create(dto: CreateUserDto): Promise<UserView> {
    const entity = this.users.create({
      email: dto.email.toLowerCase(),
      name: dto.name,
      passwordHash: await hashPassword(dto.password),
      roles: dto.roles,
    });
    try {
      return toUserView(await this.users.save(entity));
    } catch (err) {
      if (isUniqueViolation(err)) throw new IdentityError(IdentityErrorCode.EMAIL_TAKEN, 'A user with this email already exists');
      throw err;
    }
  }

  async list(query: ListUsersQuery): Promise<UserPageView> {
    const qb = this.users.createQueryBuilder('u');
    if (query.role) qb.andWhere('u.roles @> ARRAY[:role]::text[]', { role: query.role });
    if (query.search) {
      qb.andWhere('(u.email ILIKE :q OR u.name ILIKE :q)', { q: `%${escapeLike(query.search)}%` });
    }
    const [rows, total] = await qb
      .orderBy('u.id', 'ASC')
      .skip(offsetOf(query))
      .take(query.page_size)
      .getManyAndCount();
    return {
      items: rows.map(toUserView),
      total,
      page: query.page,
      pageSize: query.page_size,
      totalPages: Math.ceil(total / query.page_size),
    };
  }

  async get(id: number): Promise<UserView> {
    return toUserView(await this.requireUser(id));
  }

  async update(id: number, dto: UpdateUserDto): Promise<UserView> {
    const user = await this.requireUser(id);
    if (dto.name !== undefined) user.name = dto.name;
    if (dto.roles !== undefined) user.roles = dto.roles;
    if (dto.disabled !== undefined) user.disabled = dto.disabled;
    return toUserView(await this.users.save(user));
  }

  /** The auth context of an enabled user, or null: read on every authenticated request. */
  async authContextOf(id: number): Promise<AuthContext | null> {
    const user = await this.users.findOne({ where: { id }, select: { id: true, email: true, name: true, roles: true, disabled: true } });
    if (!user || user.disabled) return null;
    return { userId: user.id, email: user.email, name: user.name, roles: user.roles, realmId: realmIdOf(user.id) };
  }

  /** For login: the user with its password hash. */
  findCredentials(email: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.toLowerCase() })
      .getOne();
  }

  /** Pass the transaction's manager when calling inside one (embedded mode has one connection). */
  async findSummary(id: number, manager?: EntityManager): Promise<UserSummary | null> {
    return this.repo(manager).findOne({ where: { id }, select: SUMMARY_COLUMNS });
  }

  /** Display data of many users in one query (no N+1 when a list shows names). */
  async findSummaries(ids: readonly number[], manager?: EntityManager): Promise<Map<number, UserSummary>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const users = await this.repo(manager).find({ where: { id: In(unique) }, select: SUMMARY_COLUMNS });
    return new Map(users.map((u) => [u.id, u]));
  }

  private repo(manager?: EntityManager): Repository<UserEntity> {
    return manager ? manager.getRepository(UserEntity) : this.users;
  }

  private async requireUser(id: number): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new IdentityError(IdentityErrorCode.USER_NOT_FOUND, `User ${id} not found`);
    return user;
  }
}

export function toUserView(user: UserEntity): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles,
    realmId: realmIdOf(user.id),
    avatarUrl: user.avatarUrl,
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
