import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { CATEGORIES, PRIORITIES, STATUSES, type TicketCategory, type TicketPriority, type TicketStatus } from './ticket-rules';

/** A count for each of `values` (every one present, zero when none), with seed 001 §5.1's figures as the example. */
const countsOf = (values: readonly string[], example: Record<string, number>): ApiPropertyOptions => ({
  type: 'object',
  properties: Object.fromEntries(values.map((v) => [v, { type: 'integer' }])),
  required: [...values],
  selfRequired: true,
  example,
});

export class SlaMetricsView {
  /** Mean time to the first agent response. Null when no ticket was answered. @example 2h 15m */
  average_response_time: string | null;
  /** Mean time to resolution. Null when no ticket was resolved. @example 18h 30m */
  average_resolution_time: string | null;
  /** Percentage of resolved tickets resolved by their due time, one decimal; null when none was resolved. @example 94.5 */
  sla_compliance_rate: number | null;
  /** @example 8 */
  overdue_tickets: number;
}

export class TicketStatsView {
  /** @example 156 */
  total_tickets: number;
  @ApiProperty(countsOf(STATUSES, { new: 12, open: 8, in_progress: 25, pending: 15, resolved: 30, closed: 66, reopened: 0 }))
  by_status: Record<TicketStatus, number>;
  @ApiProperty(countsOf(PRIORITIES, { low: 45, medium: 78, high: 28, urgent: 5 }))
  by_priority: Record<TicketPriority, number>;
  @ApiProperty(countsOf(CATEGORIES, { technical: 89, account: 34, billing: 18, feature: 10, complaint: 3, other: 2 }))
  by_category: Record<TicketCategory, number>;
  sla_metrics: SlaMetricsView;
}

export class CreatedByMeView {
  /** @example 23 */
  total: number;
  /** Not resolved or closed. @example 5 */
  open: number;
  /** @example 15 */
  resolved: number;
  /** @example 3 */
  closed: number;
}

export class AssignedToMeView {
  /** @example 12 */
  total: number;
  /** @example 7 */
  in_progress: number;
  /** @example 3 */
  pending: number;
  /** @example 2 */
  resolved: number;
}

export class MyStatsView {
  created_by_me: CreatedByMeView;
  assigned_to_me: AssignedToMeView;
  /** Assigned to me, past their due time and not finished. @example 2 */
  overdue_assigned: number;
  /** Over the tickets assigned to me. @example 15h 20m */
  average_resolution_time: string | null;
}

export class SlaPeriodView {
  /** @example 2024-10-01 */
  start: string;
  /** @example 2024-10-31 */
  end: string;
}

export class SlaOverallView {
  /** @example 156 */
  total_tickets: number;
  /** @example 148 */
  met_response_sla: number;
  /** @example 142 */
  met_resolution_sla: number;
  /** Percentage, one decimal; null without tickets. @example 94.9 */
  response_sla_rate: number | null;
  /** Percentage, one decimal; null without tickets. @example 91 */
  resolution_sla_rate: number | null;
}

/** A group's figures: `met_sla` and `sla_rate` are about resolution. */
export class SlaGroupFiguresView {
  /** @example 28 */
  total: number;
  /** @example 26 */
  met_sla: number;
  /** Percentage, one decimal; null without tickets. @example 92.9 */
  sla_rate: number | null;
  /** @example 27 */
  met_response_sla: number;
  /** Percentage, one decimal; null without tickets. @example 96.4 */
  response_sla_rate: number | null;
}

export class SlaPriorityGroupView extends SlaGroupFiguresView {
  /** @example high */
  priority: TicketPriority;
}

export class SlaCategoryGroupView extends SlaGroupFiguresView {
  /** @example technical */
  category: TicketCategory;
}

export class SlaAssigneeGroupView extends SlaGroupFiguresView {
  /** Null for the unassigned tickets. @example 5 */
  assignee_id: number | null;
  /** @example 客服李四 */
  assignee_name: string | null;
}

/** The groups come under `by_<group_by>`: exactly one of by_priority, by_category, by_assignee. */
export class SlaReportView {
  period: SlaPeriodView;
  overall: SlaOverallView;
  /** With group_by=priority (the default). @example [{"priority":"urgent","total":5,"met_sla":5,"sla_rate":100,"met_response_sla":5,"response_sla_rate":100},{"priority":"high","total":28,"met_sla":26,"sla_rate":92.9,"met_response_sla":27,"response_sla_rate":96.4}] */
  by_priority?: SlaPriorityGroupView[];
  /** With group_by=category. */
  by_category?: SlaCategoryGroupView[];
  /** With group_by=assignee. */
  by_assignee?: SlaAssigneeGroupView[];
}
