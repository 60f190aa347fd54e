import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { DataSource, EntityManager } from 'typeorm';
import { isTimeZone, workflowConfig, WorkflowRules } from '../config/workflow.config';
import type { AuthContext } from '../identity/auth-context';
import { RequestValidationError } from '../common/errors/domain-error';
import { RulesConfigDto } from './dto/workflow.dto';
import { RulesVersionEntity } from './rules-version.entity';

/** The XP and work-session numbers in force: the newest stored version, or the configured defaults. */
@Injectable()
export class RulesService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(workflowConfig.KEY) private readonly config: ConfigType<typeof workflowConfig>,
  ) {}

  async current(manager: EntityManager = this.dataSource.manager): Promise<WorkflowRules> {
    const latest = await manager.getRepository(RulesVersionEntity).findOne({ where: {}, order: { version: 'DESC' } });
    return latest?.config ?? this.config.defaultRules;
  }

  async view() {
    const latest = await this.dataSource.getRepository(RulesVersionEntity).findOne({ where: {}, order: { version: 'DESC' } });
    return latest ? versionView(latest) : { version: 0, ...this.config.defaultRules, changed_by: null, reason: 'defaults from configuration', created_at: null };
  }

  async update(auth: AuthContext, dto: RulesConfigDto) {
    if (!isTimeZone(dto.work_session.timezone)) {
      throw new RequestValidationError({ 'work_session.timezone': ['timezone must be an IANA time zone such as UTC or Asia/Shanghai'] });
    }
    const saved = await this.dataSource.getRepository(RulesVersionEntity).save({
      config: { ticket_xp: { ...dto.ticket_xp }, work_session: { ...dto.work_session } },
      changedBy: auth.userId,
      reason: dto.reason,
    });
    return versionView(saved);
  }
}

function versionView(v: RulesVersionEntity) {
  return { version: v.version, ...v.config, changed_by: v.changedBy, reason: v.reason, created_at: v.createdAt.toISOString() };
}
