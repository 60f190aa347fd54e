import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiSuccess } from '../common/surfaces/surface-response.interceptor';
import { Auth, Authenticated } from '../identity/auth.decorators';
import type { AuthContext } from '../identity/auth-context';
import { Role } from '../identity/roles';
import { SlaReportQuery, StatsQuery } from './dto/stats.query.dto';
import { SupportStatsService } from './support-stats.service';
import { MyStatsView, SlaReportView, TicketStatsView } from './support-stats.view';

@ApiTags('support')
@Controller('v1/tickets')
export class SupportStatsController {
  constructor(private readonly stats: SupportStatsService) {}

  /**
   * Counts by status, priority and category, and SLA metrics (average response and resolution
   * times as `2h 15m`, compliance rate, overdue tickets), over the tickets the caller can see:
   * their own for users, theirs, assigned and unassigned for agents, all for admins. Narrow it to
   * tickets created between `start_date` and `end_date` (UTC days, inclusive) or to one assignee.
   */
  @ApiOperation({ summary: 'Ticket statistics over the tickets you can see (§5.1)' })
  @ApiSuccess(TicketStatsView, { description: 'Totals, counts per status, priority and category, and SLA metrics' })
  @Authenticated()
  @Get('stats')
  get(@Auth() auth: AuthContext, @Query() query: StatsQuery): Promise<TicketStatsView> {
    return this.stats.stats(auth, query);
  }

  /**
   * The caller's own figures, for any role: tickets they created (open means not resolved or
   * closed), tickets assigned to them, how many of those are overdue, and their average
   * resolution time.
   */
  @ApiOperation({ summary: 'Your own ticket statistics (§5.2)' })
  @ApiSuccess(MyStatsView, { description: 'Tickets created by and assigned to the caller, counted by status' })
  @Authenticated()
  @Get('my-stats')
  mine(@Auth() auth: AuthContext): Promise<MyStatsView> {
    return this.stats.myStats(auth);
  }

  /**
   * Admins only. For the tickets created between `start_date` and `end_date` (required, UTC days,
   * inclusive), how many met their first-response and resolution targets, overall and grouped by
   * priority (default), category or assignee. A start after the end is 422 VALIDATION_ERROR.
   */
  @ApiOperation({ summary: 'SLA compliance report for a period (§5.3, admins)' })
  @ApiSuccess(SlaReportView, { description: 'Overall figures, and the groups under by_priority, by_category or by_assignee (after group_by)' })
  @Authenticated({ roles: [Role.Admin] })
  @Get('sla-report')
  slaReport(@Query() query: SlaReportQuery): Promise<SlaReportView> {
    return this.stats.slaReport(query);
  }
}
