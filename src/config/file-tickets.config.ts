import { registerAs } from '@nestjs/config';
import { IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min } from 'class-validator';
import { parseEnv } from './env';

const MiB = 1024 * 1024;

class FileTicketsEnv {
  /** The Discord application's client id (seed 003 login). Unset: POST /oauth answers 401 "Authorize failed". */
  @IsOptional() @IsString() @MaxLength(100) DISCORD_CLIENT_ID?: string;
  /** The Discord application's client secret. */
  @IsOptional() @IsString() @MaxLength(200) DISCORD_CLIENT_SECRET?: string;
  /** The redirect URI registered with Discord, sent again when the code is exchanged (the PD2 client's /login page). */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true }, { message: 'DISCORD_REDIRECT_URI must be an absolute URL' }) DISCORD_REDIRECT_URI?: string;
  /** Base of Discord's API: `POST <base>/oauth2/token`, `GET <base>/users/@me`. Tests point it at a local server. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'DISCORD_API_BASE must be an http:// or https:// URL' })
  DISCORD_API_BASE: string = 'https://discord.com/api';
  /** Comma-separated Discord user ids whose users are PD2 admins (`is_admin`: they see and edit every ticket). */
  @IsOptional() @Matches(/^\s*(\d{1,20}\s*(,\s*\d{1,20}\s*)*)?$/, { message: 'DISCORD_ADMIN_IDS must be comma-separated Discord user ids' }) DISCORD_ADMIN_IDS?: string;
  /** Largest file of a file ticket, in bytes (413 "File is too large" beyond). */
  @IsInt() @Min(1) @Max(1024 * MiB) FILE_TICKET_MAX_FILE_BYTES: number = MiB;
  /** Most files in one file ticket (413 beyond). */
  @IsInt() @Min(1) @Max(10_000) FILE_TICKET_MAX_FILES: number = 1000;
}

/** Seed 003: Discord login and file-ticket limits. */
export const fileTicketsConfig = registerAs('fileTickets', () => {
  const env = parseEnv(FileTicketsEnv);
  return {
    discord: {
      clientId: env.DISCORD_CLIENT_ID ?? '',
      clientSecret: env.DISCORD_CLIENT_SECRET ?? '',
      redirectUri: env.DISCORD_REDIRECT_URI ?? '',
      apiBase: env.DISCORD_API_BASE.replace(/\/+$/, ''),
      adminIds: new Set((env.DISCORD_ADMIN_IDS ?? '').split(',').map((id) => id.trim()).filter(Boolean)),
      /** A call to Discord that takes longer fails (503). */
      timeoutMs: 10_000,
    },
    maxFileBytes: env.FILE_TICKET_MAX_FILE_BYTES,
    maxFiles: env.FILE_TICKET_MAX_FILES,
  };
});

export type FileTicketsConfig = ReturnType<typeof fileTicketsConfig>;
