import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '../identity/identity.module';
import { WorkSessionEventEntity } from './work-session-event.entity';
import { WorkSessionEntity } from './work-session.entity';
import { WorkSessionService } from './work-session.service';
import { WorkSessionsRepository } from './work-sessions.repository';

@Module({
  imports: [TypeOrmModule.forFeature([WorkSessionEntity, WorkSessionEventEntity]), IdentityModule],
  providers: [WorkSessionService, WorkSessionsRepository],
  exports: [WorkSessionService],
})
export class WorkSessionModule {}
