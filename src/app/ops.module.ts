import { Module } from '@nestjs/common';
import { HealthRepository } from './health.repository';
import { HealthService } from './health.service';
import { OpsController } from './ops.controller';

@Module({ controllers: [OpsController], providers: [HealthService, HealthRepository] })
export class OpsModule {}
