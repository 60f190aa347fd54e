import { Injectable } from '@nestjs/common';
import { Page } from '../common/pagination';
import { AuthContext, hasAnyRole } from '../identity/auth-context';
import { Role } from '../identity/roles';
import { XpQuery } from './dto/workflow.dto';
import { WorkflowError } from './workflow.errors';
import { XpEntriesRepository } from './xp-entries.repository';
import { XpEntryView, XpSummaryView, xpView } from './xp-entry.view';

/** The XP ledger: your own entries; admins may look at anyone's. */
@Injectable()
export class XpService {
  constructor(private readonly entries: XpEntriesRepository) {}

  async transactions(auth: AuthContext, query: XpQuery): Promise<Page<XpEntryView>> {
    return (await this.entries.pageOfUser(this.subject(auth, query.user_id), query)).map(xpView);
  }

  async summary(auth: AuthContext, query: XpQuery): Promise<XpSummaryView> {
    const userId = this.subject(auth, query.user_id);
    return { user_id: userId, ...(await this.entries.totalsOfUser(userId)) };
  }

  private subject(auth: AuthContext, requested?: number): number {
    if (requested === undefined || requested === auth.userId) return auth.userId;
    if (!hasAnyRole(auth, [Role.SuperAdmin, Role.OpsManager])) {
      throw WorkflowError.forbidden("Only super_admin and ops_manager may read another user's XP.");
    }
    return requested;
  }
}
