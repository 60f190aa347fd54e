import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthService } from './health.service';

@ApiTags('ops')
@Controller('api')
export class OpsController {
  constructor(private readonly health: HealthService) {}

  @ApiOperation({ summary: 'Liveness and database reachability' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  @Get('health')
  check() {
    return this.health.health();
  }

  @ApiOperation({ summary: 'Name, version, database mode and served surfaces' })
  @Get('info')
  info() {
    return this.health.info();
  }
}
