import { ApiProperty } from '@nestjs/swagger';

/** A user as seed 003 shows one: public display data only. */
export class DisplayDataView {
  /** The user's public id: the Discord id for Discord users, else our user id. @example 123456789012345678 */
  id: string;
  /** @example User */
  display_name: string;
  /** @example https://cdn.discordapp.com/embed/avatars/0.png */
  display_avatar: string;
  /** @example false */
  is_admin: boolean;
}

export class TicketAuthorView {
  display_data: DisplayDataView;
}

/** A ticket in a list. */
export class TicketSummaryView {
  /** 20 hexadecimal characters. @example 371fe353525a6667b2ad */
  id: string;
  /** Paths of its files, in upload order; folders as `dir/file`. @example ["src/Main.java", "example.png"] */
  files: string[];
  /** @example true */
  is_public: boolean;
  @ApiProperty({ example: 'This is remark of ticket.' })
  remark: string;
  /** Epoch milliseconds. @example 1713837157478 */
  create_time: number;
}

/** One ticket, with its author. */
export class TicketView extends TicketSummaryView {
  author: TicketAuthorView;
}

/** POST and PUT /oauth. */
export class OAuthTokenView {
  /** @example Bearer */
  token_type: 'Bearer';
  /** A user JWT, accepted on every surface; its payload carries id, display_name, display_avatar, is_admin, iat and exp. @example eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI3IiwidHlwIjoiYWNjZXNzIn0.c2lnbmF0dXJl */
  access_token: string;
}
