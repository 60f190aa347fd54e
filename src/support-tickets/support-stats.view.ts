import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { CATEGORIES, PRIORITIES, STATUSES, type TicketCategory, type TicketPriority, type TicketStatus } from './ticket-rules';

/** A count for each of `values` (every one present, zero when none). */
const countsOf = (values: readonly string[]): ApiPropertyOptions => ({
  type: 'object',
  properties: Object.fromEntries(values.map((v) => [v, { type: 'integer' }])),
  required: [...values],
  selfRequired: true,
});

export class SlaMetricsView {
  /** Mean time to the first agent response. Null when no ticket was answered. @example 2h 15m */
  average_response_time: string | null;
  /** Mean time to resolution. Null when no ticket was resolved. @example 18h 30m */
  average_resolution_time: string | null;
  /** Percentage of resolved tickets resolved by their due time, one decimal; null when none was resolved. @example 94.5 */
  sla_compliance_rate: number | null;
  overdue_tickets: number;
}

export class TicketStatsView {
  total_tickets: number;
  @ApiProperty(countsOf(STATUSES))
  by_status: Record<TicketStatus, number>;
  @ApiProperty(countsOf(PRIORITIES))
  by_priority: Record<TicketPriority, number>;
  @ApiProperty(countsOf(CATEGORIES))
  by_category: Record<TicketCategory, number>;
  sla_metrics: SlaMetricsView;
}

export class CreatedByMeView {
  total: number;
  /** Not resolved or closed. */
  open: number;
  resolved: number;
  closed: number;
}

export class AssignedToMeView {
  total: number;
  in_progress: number;
  pending: number;
  resolved: number;
}

export class MyStatsView {
  created_by_me: CreatedByMeView;
  assigned_to_me: AssignedToMeView;
  /** Assigned to me, past their due time and not finished. */
  overdue_assigned: number;
  /** Over the tickets assigned to me. @example 18h 30m */
  average_resolution_time: string | null;
}

export class SlaPeriodView {
  /** @example 2024-10-01 */
  start: string;
  /** @example 2024-10-31 */
  end: string;
}

export class SlaOverallView {
  total_tickets: number;
  met_response_sla: number;
  met_resolution_sla: number;
  /** Percentage, one decimal; null without tickets. */
  response_sla_rate: number | null;
  /** Percentage, one decimal; null without tickets. */
  resolution_sla_rate: number | null;
}

/** A group's figures: `met_sla` and `sla_rate` are about resolution. */
export class SlaGroupFiguresView {
  total: number;
  met_sla: number;
  sla_rate: number | null;
  met_response_sla: number;
  response_sla_rate: number | null;
}

export class SlaPriorityGroupView extends SlaGroupFiguresView {
  priority: TicketPriority;
}

export class SlaCategoryGroupView extends SlaGroupFiguresView {
  category: TicketCategory;
}

export class SlaAssigneeGroupView extends SlaGroupFiguresView {
  /** Null for the unassigned tickets. */
  assignee_id: number | null;
  assignee_name: string | null;
}

/** The groups come under `by_<group_by>`: exactly one of by_priority, by_category, by_assignee. */
export class SlaReportView {
  period: SlaPeriodView;
  overall: SlaOverallView;
  by_priority?: SlaPriorityGroupView[];
  by_category?: SlaCategoryGroupView[];
  by_assignee?: SlaAssigneeGroupView[];
}
