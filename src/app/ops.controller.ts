import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ApiSuccess } from '../common/surfaces/surface-response.interceptor';
import { HealthService } from './health.service';
import { HealthView, InfoView } from './ops.view';

@ApiTags('ops')
@Controller('api')
export class OpsController {
  constructor(private readonly health: HealthService) {}

  /**
   * For load balancers and the Docker HEALTHCHECK, without credentials: 200 when the process runs
   * and the database answers within 2 s, else 503 SERVICE_UNAVAILABLE (`details.database: "down"`).
   */
  @ApiOperation({ summary: 'Liveness and database reachability' })
  @ApiSuccess(HealthView, { description: 'The process runs and the database answers' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  @Get('health')
  check(): Promise<HealthView> {
    return this.health.health();
  }

  /**
   * Public service information: CASFA's ServiceInfo, as its client reads it (service, version,
   * storage, auth, database, limits of the realm surface, features), and our own fields beside
   * it: the package name, the database mode (embedded or postgres) and the API surfaces this
   * process serves, each with its seed document and base path.
   */
  @ApiOperation({ summary: 'Name, version, database mode and served surfaces' })
  @ApiSuccess(InfoView, { description: 'What this server is and what it serves' })
  @Get('info')
  info(): InfoView {
    return this.health.info();
  }
}
