import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { IsIdQuery } from '../../common/validation/parse-id.pipe';
import { Optional } from '../../common/validation/optional';
import { QueryBoolean } from '../../common/validation/query-boolean';
import { PageQuery } from '../../common/page-query.dto';
import { CATEGORIES, PRIORITIES, STATUSES, type TicketCategory, type TicketPriority, type TicketStatus } from '../ticket-rules';

export class ListTicketsQuery extends PageQuery {
  @Optional()
  @IsIn(STATUSES)
  status?: TicketStatus;

  @Optional()
  @IsIn(PRIORITIES)
  priority?: TicketPriority;

  @Optional()
  @IsIn(CATEGORIES)
  category?: TicketCategory;

  @Optional()
  @IsIdQuery()
  assignee_id?: number;

  /** Admins only. */
  @Optional()
  @IsIdQuery()
  creator_id?: number;

  /** true: past sla_due_time and not resolved/closed; false: the others. */
  @Optional()
  @QueryBoolean()
  overdue?: boolean;

  /** Comma-separated (`login,password`) or repeated; tickets carrying every one of them. @example ["login","password"] */
  @Optional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((t) => t.trim()).filter(Boolean) : value))
  @ArrayMaxSize(20)
  @IsString({ each: true })
  tags?: string[];

  @Optional()
  @IsIn(['created_at', 'priority', 'sla_due_time'])
  @ApiPropertyOptional({ enum: ['created_at', 'priority', 'sla_due_time'], default: 'created_at' })
  sort_by: 'created_at' | 'priority' | 'sla_due_time' = 'created_at';

  @Optional()
  @IsIn(['asc', 'desc'])
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  sort_order: 'asc' | 'desc' = 'desc';

  /** Substring of the title or description (any script). @example 登录 */
  @Optional()
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @MinLength(1)
  @MaxLength(200)
  search?: string;

  /**
   * Keyset pagination for deep pages: the `X-Next-Cursor` header of the previous page (same
   * filters and sort). With it, `page` is not used to find the rows: the page starts after the
   * cursor's row, at the same cost at any depth.
   */
  @Optional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class ListCommentsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Items per page, 1–100.', default: 50, minimum: 1, maximum: 100, type: 'integer' })
  override page_size: number = 50;

  /** Agents and admins only; ignored for users. */
  @Optional()
  @QueryBoolean()
  @ApiPropertyOptional({ default: false })
  include_internal: boolean = false;
}
