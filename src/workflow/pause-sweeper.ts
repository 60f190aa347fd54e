import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { workflowConfig } from '../config/workflow.config';
import { WorkSessionService } from '../work-session/work-session.service';
import { RulesService } from './rules.service';

/** Stores the auto-resumes of paused sessions whose daily budget ran out (reads already show them). */
@Injectable()
export class PauseSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PauseSweeper.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly sessions: WorkSessionService,
    private readonly rules: RulesService,
    @Inject(workflowConfig.KEY) private readonly config: ConfigType<typeof workflowConfig>,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.sweepIntervalMs <= 0) return;
    this.timer = setInterval(() => {
      void this.rules
        .current()
        .then((rules) => this.sessions.sweep(rules))
        .catch((err) => this.logger.warn(`Pause sweep failed: ${String(err)}`));
    }, this.config.sweepIntervalMs);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
