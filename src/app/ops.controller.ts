import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ApiSuccess } from '../common/surfaces/surface-response.interceptor';
import { HealthService } from './health.service';
import { HealthView, InfoView } from './ops.view';

@ApiTags('ops')
@Controller('api')
export class OpsController {
  constructor(private readonly health: HealthService) {}

  @ApiOperation({ summary: 'Liveness and database reachability' })
  @ApiSuccess(HealthView)
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  @Get('health')
  check(): Promise<HealthView> {
    return this.health.health();
  }

  @ApiOperation({ summary: 'Name, version, database mode and served surfaces' })
  @ApiSuccess(InfoView)
  @Get('info')
  info(): InfoView {
    return this.health.info();
  }
}
