import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { MAX_PAGE } from '../../common/page-query.dto';
import { IgnoresUnknownFields } from '../../common/validation/ignore-unknown';
import { Optional } from '../../common/validation/optional';
import { QueryBoolean } from '../../common/validation/query-boolean';

export const MAX_REMARK_LENGTH = 10_000;

/** `offset` and `length` of a ticket list (seed 003): newest first. */
export class TicketListQuery {
  @ApiPropertyOptional({ description: 'Tickets to skip.', default: 0, minimum: 0, maximum: MAX_PAGE, type: 'integer' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_PAGE)
  offset: number = 0;

  @ApiPropertyOptional({ description: 'Tickets to answer, 1–100.', default: 10, minimum: 1, maximum: 100, type: 'integer' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  length: number = 10;
}

/**
 * The `data` part of POST /ticket: a JSON text. Fields it does not know are ignored, as the
 * seed's backend ignores them; `is_public` takes exactly true/false (or their text), at creation
 * and on change alike.
 */
@IgnoresUnknownFields({ coerceText: false })
export class CreateTicketData {
  /** Whether others may see the ticket (default false). `"true"`/`"false"` as strings too. */
  @Optional()
  @QueryBoolean()
  is_public?: boolean;

  /** Free text shown with the ticket (default empty). */
  @Optional()
  @IsString()
  @MaxLength(MAX_REMARK_LENGTH)
  remark?: string;
}

/** PUT /ticket/{user_id}/{ticket_id}: the fields to change, the same rules as at creation (others are ignored). */
export class UpdateTicketDto extends CreateTicketData {}

/** POST /oauth. */
export class DiscordCodeDto {
  /** The `code` Discord appended to the redirect URI. @example NhhvTDYsFcdgNLnnLijcl7Ku7bEEeee */
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  code: string;
}
