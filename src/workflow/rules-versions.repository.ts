import { Injectable } from '@nestjs/common';
import type { WorkflowRules } from '../config/workflow.config';
import { Db } from '../database/db';
import { RulesVersionEntity } from './rules-version.entity';

@Injectable()
export class RulesVersionsRepository {
  constructor(private readonly db: Db) {}

  /** The newest version, the one in force; null before the first is stored. */
  async latest(): Promise<RulesVersionEntity | null> {
    return this.versions().findOne({ where: {}, order: { version: 'DESC' } });
  }

  async insert(config: WorkflowRules, changedBy: number, reason: string): Promise<RulesVersionEntity> {
    const versions = this.versions();
    return versions.save(versions.create({ config, changedBy, reason }));
  }

  private versions() {
    return this.db.repository(RulesVersionEntity);
  }
}
