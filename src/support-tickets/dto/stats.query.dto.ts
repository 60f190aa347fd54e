import { ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { IsIn, IsISO8601, Matches } from 'class-validator';
import { IsIdQuery } from '../../common/validation/parse-id.pipe';
import { Optional } from '../../common/validation/optional';

const DAY_MESSAGE = { message: '$property must be a date as YYYY-MM-DD' };
/** A real calendar day written YYYY-MM-DD (2024-02-30 is refused, not passed to SQL). */
const IsDay = () => applyDecorators(Matches(/^\d{4}-\d{2}-\d{2}$/, DAY_MESSAGE), IsISO8601({ strict: true }, DAY_MESSAGE));

export class StatsQuery {
  /** First day (UTC) of ticket creation counted, inclusive. @example 2024-10-01 */
  @Optional()
  @IsDay()
  start_date?: string;

  /** Last day (UTC) of ticket creation counted, inclusive. @example 2024-10-31 */
  @Optional()
  @IsDay()
  end_date?: string;

  @Optional()
  @IsIdQuery()
  assignee_id?: number;
}

export class SlaReportQuery {
  /** @example 2024-10-01 */
  @IsDay()
  start_date: string;

  /** @example 2024-10-31 */
  @IsDay()
  end_date: string;

  @Optional()
  @IsIn(['assignee', 'priority', 'category'])
  @ApiPropertyOptional({ enum: ['assignee', 'priority', 'category'], default: 'priority' })
  group_by: 'assignee' | 'priority' | 'category' = 'priority';
}
