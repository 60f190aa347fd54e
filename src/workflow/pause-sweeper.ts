import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { runPeriodically } from '../common/periodic';
import { workflowConfig } from '../config/workflow.config';
import { WorkSessionService } from '../work-session/work-session.service';
import { RulesService } from './rules.service';

/** Stores the auto-resumes of paused sessions whose daily budget ran out (reads already show them). */
@Injectable()
export class PauseSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PauseSweeper.name);
  private stop: () => void = () => undefined;

  constructor(
    private readonly sessions: WorkSessionService,
    private readonly rules: RulesService,
    @Inject(workflowConfig.KEY) private readonly config: ConfigType<typeof workflowConfig>,
  ) {}

  onApplicationBootstrap(): void {
    this.stop = runPeriodically(this.config.sweepIntervalMs, async () => this.sessions.sweep(await this.rules.current()), this.logger, 'Pause sweep');
  }

  onApplicationShutdown(): void {
    this.stop();
  }
}
