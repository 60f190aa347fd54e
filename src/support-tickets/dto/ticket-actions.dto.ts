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

export class UpdateStatusDto extends ReasonDto {
  @IsIn(STATUSES)
  status: TicketStatus;
}

export class UpdatePriorityDto extends ReasonDto {
  @IsIn(PRIORITIES)
  priority: TicketPriority;
}
