import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { RequestValidationError } from '../common/errors/domain-error';
import { isTimeZone, workflowConfig, WorkflowRules } from '../config/workflow.config';
import type { AuthContext } from '../identity/auth-context';
import { RulesConfigDto } from './dto/workflow.dto';
import { RulesVersionsRepository } from './rules-versions.repository';
import { RulesConfigView, rulesView } from './rules.view';

/** The XP and work-session numbers in force: the newest stored version, or the configured defaults. */
@Injectable()
export class RulesService {
  constructor(
    private readonly versions: RulesVersionsRepository,
    @Inject(workflowConfig.KEY) private readonly config: ConfigType<typeof workflowConfig>,
  ) {}

  /** The rules in force (read in the transaction in progress, if any). */
  async current(): Promise<WorkflowRules> {
    return (await this.versions.latest())?.config ?? this.config.defaultRules;
  }

  /** The rules in force given the newest stored config (read by the caller's own query), or the defaults. */
  inForce(stored: WorkflowRules | null): WorkflowRules {
    return stored ?? this.config.defaultRules;
  }

  async view(): Promise<RulesConfigView> {
    return rulesView(await this.versions.latest(), this.config.defaultRules);
  }

  async update(auth: AuthContext, dto: RulesConfigDto): Promise<RulesConfigView> {
    if (!isTimeZone(dto.work_session.timezone)) {
      throw new RequestValidationError({ 'work_session.timezone': ['timezone must be an IANA time zone such as UTC or Asia/Shanghai'] });
    }
    const config = { ticket_xp: { ...dto.ticket_xp }, work_session: { ...dto.work_session } };
    return rulesView(await this.versions.insert(config, auth.userId, dto.reason), this.config.defaultRules);
  }
}
