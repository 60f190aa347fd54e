import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, Authenticated } from '../identity/auth.decorators';
import type { AuthContext } from '../identity/auth-context';
import { Role } from '../identity/roles';
import { SlaReportQuery, StatsQuery } from './dto/stats.query.dto';
import { StatsService } from './stats.service';

@ApiTags('support')
@Controller('v1/tickets')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @ApiOperation({ summary: 'Ticket statistics over the tickets you can see (§5.1)' })
  @Authenticated()
  @Get('stats')
  get(@Auth() auth: AuthContext, @Query() query: StatsQuery) {
    return this.stats.stats(auth, query);
  }

  @ApiOperation({ summary: 'Your own ticket statistics (§5.2)' })
  @Authenticated()
  @Get('my-stats')
  mine(@Auth() auth: AuthContext) {
    return this.stats.myStats(auth);
  }

  @ApiOperation({ summary: 'SLA compliance report for a period (§5.3, admins)' })
  @Authenticated({ roles: [Role.Admin] })
  @Get('sla-report')
  slaReport(@Query() query: SlaReportQuery) {
    return this.stats.slaReport(query);
  }
}
