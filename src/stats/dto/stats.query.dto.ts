import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Min } from 'class-validator';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DAY_MESSAGE = { message: '$property must be a date as YYYY-MM-DD' };

export class StatsQuery {
  /** First day (UTC) of ticket creation counted, inclusive. @example 2024-10-01 */
  @IsOptional()
  @Matches(DAY, DAY_MESSAGE)
  start_date?: string;

  /** Last day (UTC) of ticket creation counted, inclusive. @example 2024-10-31 */
  @IsOptional()
  @Matches(DAY, DAY_MESSAGE)
  end_date?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  assignee_id?: number;
}

export class SlaReportQuery {
  /** @example 2024-10-01 */
  @Matches(DAY, DAY_MESSAGE)
  start_date: string;

  /** @example 2024-10-31 */
  @Matches(DAY, DAY_MESSAGE)
  end_date: string;

  @IsOptional()
  @IsIn(['assignee', 'priority', 'category'])
  group_by: 'assignee' | 'priority' | 'category' = 'priority';
}
