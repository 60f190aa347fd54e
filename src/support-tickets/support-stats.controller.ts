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

  @ApiOperation({ summary: 'Ticket statistics over the tickets you can see (§5.1)' })
  @ApiSuccess(TicketStatsView)
  @Authenticated()
  @Get('stats')
  get(@Auth() auth: AuthContext, @Query() query: StatsQuery): Promise<TicketStatsView> {
    return this.stats.stats(auth, query);
  }

  @ApiOperation({ summary: 'Your own ticket statistics (§5.2)' })
  @ApiSuccess(MyStatsView)
  @Authenticated()
  @Get('my-stats')
  mine(@Auth() auth: AuthContext): Promise<MyStatsView> {
    return this.stats.myStats(auth);
  }

  @ApiOperation({ summary: 'SLA compliance report for a period (§5.3, admins)' })
  @ApiSuccess(SlaReportView, { description: 'Overall figures, and the groups under by_priority, by_category or by_assignee (after group_by)' })
  @Authenticated({ roles: [Role.Admin] })
  @Get('sla-report')
  slaReport(@Query() query: SlaReportQuery): Promise<SlaReportView> {
    return this.stats.slaReport(query);
  }
}
