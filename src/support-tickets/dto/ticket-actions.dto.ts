import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { PRIORITIES, STATUSES, type TicketPriority, type TicketStatus } from '../ticket-rules';

export class AssignTicketDto {
  /** An agent or admin. @example 5 */
  @IsInt()
  @Min(1)
  assignee_id: number;
}

export class ReasonDto {
  /** Why (kept in the ticket's history). */
  @IsOptional()
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
