import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { fileTicketsConfig } from '../config/file-tickets.config';
import { AuthContext } from '../identity/auth-context';
import { Role } from '../identity/roles';
import { UsersService, UserSummary } from '../identity/users.service';
import { DisplayDataView } from './file-ticket.view';
import { FileTicketError, FileTicketErrorCode } from './file-tickets.errors';

/** Discord's default avatar, for users without one (password users included). */
export const DEFAULT_AVATAR = 'https://cdn.discordapp.com/embed/avatars/0.png';

/** A user as seed 003 sees one. */
export interface Pd2User {
  userId: number;
  /** The id in URLs and tokens: the Discord id for Discord users, else our id. */
  publicId: string;
  displayName: string;
  displayAvatar: string;
  isAdmin: boolean;
}

/**
 * Users on the PD2 surface: `{user_id}` is `@me`, a Discord id or our id; a PD2 admin is a user
 * whose Discord id is in DISCORD_ADMIN_IDS, or who holds our `admin` role. Disabled users are
 * not found.
 */
@Injectable()
export class FileTicketUsers {
  constructor(
    private readonly users: UsersService,
    @Inject(fileTicketsConfig.KEY) private readonly config: ConfigType<typeof fileTicketsConfig>,
  ) {}

  of(summary: UserSummary): Pd2User {
    return {
      userId: summary.id,
      publicId: summary.discordId ?? String(summary.id),
      displayName: summary.name,
      displayAvatar: summary.avatarUrl ?? DEFAULT_AVATAR,
      isAdmin: summary.roles.includes(Role.Admin) || (summary.discordId !== null && this.config.discord.adminIds.has(summary.discordId)),
    };
  }

  /** The caller (authenticated, so enabled). */
  async caller(auth: AuthContext): Promise<Pd2User> {
    const summary = await this.users.findSummary(auth.userId);
    if (!summary || summary.disabled) throw new FileTicketError(FileTicketErrorCode.INVALID_CREDENTIALS);
    return this.of(summary);
  }

  /** The user a `{user_id}` names, or null. */
  async find(caller: Pd2User, userId: string): Promise<Pd2User | null> {
    if (userId === '@me' || userId === caller.publicId) return caller;
    const summary = await this.users.findByPublicId(userId);
    return summary && !summary.disabled ? this.of(summary) : null;
  }

  async display(auth: AuthContext, userId: string): Promise<DisplayDataView> {
    const user = await this.find(await this.caller(auth), userId);
    if (!user) throw new FileTicketError(FileTicketErrorCode.USER_NOT_FOUND);
    return displayOf(user);
  }
}

export function displayOf(user: Pd2User): DisplayDataView {
  return { id: user.publicId, display_name: user.displayName, display_avatar: user.displayAvatar, is_admin: user.isAdmin };
}
