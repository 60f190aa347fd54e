import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { Optional } from './validation/optional';

/** Deepest offset page: past it, OFFSET would outgrow what a list can sensibly serve (and bigint). */
export const MAX_PAGE = 1_000_000;

/** `page` (from 1) and `page_size` (1–100), the query every offset-paginated list takes. */
export class PageQuery {
  @ApiPropertyOptional({ description: `Page number, from 1 (at most ${MAX_PAGE}).`, default: 1, minimum: 1, maximum: MAX_PAGE, type: 'integer' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page: number = 1;

  @ApiPropertyOptional({ description: 'Items per page, 1–100.', default: 20, minimum: 1, maximum: 100, type: 'integer' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  page_size: number = 20;
}

/** `limit` (1–100, default 20) and `cursor`, the query every keyset-paginated (realm) list takes. */
export class CursorQuery {
  /** 1–100, default 20. */
  @ApiPropertyOptional({ description: 'Items per page, 1–100.', default: 20, minimum: 1, maximum: 100, type: 'integer' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  /** The `nextCursor` of the previous page. */
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @Optional()
  @IsString()
  @MaxLength(2048)
  cursor?: string;
}
