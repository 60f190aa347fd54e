import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { offsetOf, Page } from '../common/pagination';
import { AuthContext, hasAnyRole } from '../identity/auth-context';
import { Role } from '../identity/roles';
import { XpQuery } from './dto/workflow.dto';
import { WorkflowError, WorkflowErrorCode } from './workflow.errors';
import { xpView } from './workflow.views';
import { XpEntryEntity } from './xp-entry.entity';

/** The XP ledger: your own entries; admins may look at anyone's. */
@Injectable()
export class XpService {
  constructor(private readonly dataSource: DataSource) {}

  async transactions(auth: AuthContext, query: XpQuery) {
    const userId = this.subject(auth, query.user_id);
    const [rows, total] = await this.dataSource.getRepository(XpEntryEntity).findAndCount({
      where: { userId },
      order: { id: 'DESC' },
      skip: offsetOf(query),
      take: query.page_size,
    });
    return Page.of(rows.map(xpView), total, query);
  }

  async summary(auth: AuthContext, requested?: number) {
    const userId = this.subject(auth, requested);
    const [row] = await this.dataSource.query(`SELECT coalesce(sum(amount), 0)::int AS total, count(*)::int AS entries FROM xp_entries WHERE user_id = $1`, [userId]);
    return { user_id: userId, total: row.total, entries: row.entries };
  }

  private subject(auth: AuthContext, requested?: number): number {
    if (requested === undefined || requested === auth.userId) return auth.userId;
    if (!hasAnyRole(auth, [Role.SuperAdmin, Role.OpsManager])) {
      throw new WorkflowError(WorkflowErrorCode.FORBIDDEN, "Only super_admin and ops_manager may read another user's XP.");
    }
    return requested;
  }
}
