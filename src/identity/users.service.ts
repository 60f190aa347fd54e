import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Page } from '../common/pagination';
import { MAX_ID } from '../common/validation/parse-id.pipe';
import { isUniqueViolation } from '../database/sql';
import { authConfig } from '../config/auth.config';
import { AuthContext, realmIdOf } from './auth-context';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './dto/user.dto';
import { UserView } from './dto/user.view';
import { IdentityError, IdentityErrorCode } from './identity.errors';
import { hashPassword } from './password';
import { Role } from './roles';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

/** The public face of users for other modules: lookups by id, role checks, display data. */
export interface UserSummary {
  id: number;
  email: string;
  name: string;
  roles: Role[];
  avatarUrl: string | null;
  /** Set for users who signed in with Discord (seed 003). */
  discordId: string | null;
  disabled: boolean;
}

/** A Discord account's public profile, as a sign-in keeps it on its user. */
export interface DiscordProfile {
  discordId: string;
  name: string;
  avatarUrl: string | null;
}

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly users: UsersRepository,
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
  ) {}

  /** First boot with ADMIN_EMAIL/ADMIN_PASSWORD and no users: create that admin. */
  async onApplicationBootstrap(): Promise<void> {
    const admin = this.auth.bootstrapAdmin;
    if (!admin) return;
    const created = await this.users.insertIfNoUsers({
      email: admin.email.toLowerCase(),
      name: 'Administrator',
      passwordHash: await hashPassword(admin.password),
      roles: [Role.Admin, Role.SuperAdmin],
    });
    if (created) this.logger.log(`Created the first admin ${admin.email}`);
  }

  async create(dto: CreateUserDto): Promise<UserView> {
    try {
      const user = await this.users.insert({
        email: dto.email.toLowerCase(),
        name: dto.name,
        passwordHash: await hashPassword(dto.password),
        roles: dto.roles,
      });
      return toUserView(user);
    } catch (err) {
      if (isUniqueViolation(err)) throw new IdentityError(IdentityErrorCode.EMAIL_TAKEN, 'A user with this email already exists');
      throw err;
    }
  }

  async list(query: ListUsersQuery): Promise<Page<UserView>> {
    return (await this.users.page(query)).map(toUserView);
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
    const user = await this.users.findAuthRow(id);
    if (!user || user.disabled) return null;
    return { userId: user.id, email: user.email, name: user.name, roles: user.roles, realmId: realmIdOf(user.id) };
  }

  /** For login: the user with its password hash (emails are stored lowercased). */
  findCredentials(email: string): Promise<UserEntity | null> {
    return this.users.findWithPasswordHash(email.toLowerCase());
  }

  async findSummary(id: number): Promise<UserSummary | null> {
    return (await this.findSummaries([id])).get(id) ?? null;
  }

  /** Display data of many users in one query (no N+1 when a list shows names). */
  async findSummaries(ids: readonly number[]): Promise<Map<number, UserSummary>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const users = await this.users.findSummaries(unique);
    return new Map(users.map((u) => [u.id, u]));
  }

  /**
   * The user of a Discord account, created at its first sign-in (role `user`, no password, a
   * placeholder address under the reserved `.invalid` domain), its name and avatar refreshed at
   * every later one.
   */
  async upsertDiscordUser(profile: DiscordProfile): Promise<UserSummary> {
    try {
      return await this.users.upsertDiscordUser({ ...profile, email: `discord-${profile.discordId}@users.invalid` });
    } catch (err) {
      if (isUniqueViolation(err)) throw new IdentityError(IdentityErrorCode.EMAIL_TAKEN, 'A user with this email already exists');
      throw err;
    }
  }

  /** A user by its public id: a Discord id (users who signed in with Discord), else our decimal id. */
  async findByPublicId(text: string): Promise<UserSummary | null> {
    if (!/^\d{1,20}$/.test(text)) return null;
    const id = Number(text);
    return this.users.findSummaryByDiscordOrId(text, Number.isSafeInteger(id) && id >= 1 && id <= MAX_ID && String(id) === text ? id : null);
  }

  private async requireUser(id: number): Promise<UserEntity> {
    const user = await this.users.findById(id);
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
