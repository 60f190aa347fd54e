import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { CATEGORIES, PRIORITIES, STATUSES, type TicketCategory, type TicketPriority, type TicketStatus } from '../ticket-rules';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListTicketsQuery extends PageQuery {
  @IsOptional()
  @IsIn(STATUSES)
  status?: TicketStatus;

  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: TicketPriority;

  @IsOptional()
  @IsIn(CATEGORIES)
  category?: TicketCategory;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  assignee_id?: number;

  /** Admins only. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  creator_id?: number;

  /** true: past sla_due_time and not resolved/closed; false: the others. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  overdue?: boolean;

  /** Comma-separated; tickets carrying every one of them. @example login,password */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((t) => t.trim()).filter(Boolean) : value))
  @ArrayMaxSize(20)
  @IsString({ each: true })
  tags?: string[];

  @IsOptional()
  @IsIn(['created_at', 'priority', 'sla_due_time'])
  sort_by: 'created_at' | 'priority' | 'sla_due_time' = 'created_at';

  @IsOptional()
  @IsIn(['asc', 'desc'])
  sort_order: 'asc' | 'desc' = 'desc';

  /** Substring of the title or description (any script). @example 登录 */
  @IsOptional()
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @MinLength(1)
  @MaxLength(200)
  search?: string;
}

export class ListCommentsQuery extends PageQuery {
  override page_size: number = 50;

  /** Agents and admins only; ignored for users. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  include_internal: boolean = false;
}
