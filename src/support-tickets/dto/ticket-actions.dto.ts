import { IsIn, IsString, MaxLength } from 'class-validator';
import { IsId } from '../../common/validation/parse-id.pipe';
import { Optional } from '../../common/validation/optional';
import { PRIORITIES, STATUSES, type TicketPriority, type TicketStatus } from '../ticket-rules';

export class AssignTicketDto {
  /** An agent or admin. @example 5 */
  @IsId()
  assignee_id: number;
}

export class ReasonDto {
  /** Why (kept in the ticket's history). */
  @Optional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class CloseTicketDto extends ReasonDto {
  /** Why (kept in the ticket's history). @example 问题已解决，用户确认满意 */
  declare reason?: string;
}

export class ReopenTicketDto extends ReasonDto {
  /** Why (kept in the ticket's history). @example 问题仍然存在，需要重新处理 */
  declare reason?: string;
}

export class UpdateStatusDto extends ReasonDto {
  /** The target status; the transition must be allowed from the current one. @example in_progress */
  @IsIn(STATUSES)
  status: TicketStatus;

  /** Why (kept in the ticket's history). @example 开始处理此问题 */
  declare reason?: string;
}

export class UpdatePriorityDto extends ReasonDto {
  /** @example urgent */
  @IsIn(PRIORITIES)
  priority: TicketPriority;
}
