import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from '../database/sql';
import type { AuthContext } from '../identity/auth-context';
import { WorkSessionService } from '../work-session/work-session.service';
import { InventoryItemsRepository } from './inventory-items.repository';
import { WorkflowActions } from './workflow-actions';
import { xpFor } from './workflow-rules';
import type { WorkflowTicketView } from './workflow-ticket.view';
import { WorkflowTransitionsRepository } from './workflow-transitions.repository';
import { WorkflowError } from './workflow.errors';
import { XpEntriesRepository } from './xp-entries.repository';
import type { XpEntryType } from './xp-entry.entity';

/** QC decisions on tickets waiting for them, and the XP they pay (in the decision's transaction). */
@Injectable()
export class WorkflowQcService {
  constructor(
    private readonly actions: WorkflowActions,
    private readonly transitions: WorkflowTransitionsRepository,
    private readonly items: InventoryItemsRepository,
    private readonly xp: XpEntriesRepository,
    private readonly sessions: WorkSessionService,
  ) {}

  /**
   * DONE, inventory READY, and the XP entries: the technician's base XP, the inspector's, and the
   * first-pass bonus when there was no rework and the work took no longer than planned.
   */
  async qcPass(auth: AuthContext, id: number, note?: string): Promise<WorkflowTicketView> {
    return this.actions.act(auth, id, 'qc_pass', async (ticket, rules) => {
      const hadRework = (await this.transitions.count(ticket.id, 'qc_fail')) > 0;
      const activeSeconds = await this.sessions.totalActiveSeconds(ticket.id, rules);
      const firstPass = !hadRework && activeSeconds <= ticket.totalDuration * 60;
      ticket.status = 'DONE';
      ticket.doneAt = new Date();
      await this.items.setStatus(ticket.inventoryItem, 'READY');
      const base = ticket.xpAmount > 0 ? ticket.xpAmount : xpFor(ticket.totalDuration, rules.ticket_xp.base_divisor);
      const payload = { ticket_id: ticket.id, active_seconds: activeSeconds, total_duration: ticket.totalDuration };
      await this.pay(ticket.technicianId!, base, 'ticket_base_xp', `ticket_base_xp:${ticket.id}`, payload);
      await this.pay(auth.userId, rules.ticket_xp.qc_status_update_xp, 'ticket_qc_status_update', `ticket_qc_status_update:${ticket.id}:pass`, payload);
      if (firstPass) {
        await this.pay(ticket.technicianId!, rules.ticket_xp.first_pass_bonus, 'ticket_qc_first_pass_bonus', `ticket_qc_first_pass_bonus:${ticket.id}`, payload);
      }
      return { action: 'qc_pass', from: 'WAITING_QC', to: 'DONE', note, metadata: { first_pass: firstPass, active_seconds: activeSeconds } };
    });
  }

  /** REWORK; the inspector is paid for each failed QC. */
  async qcFail(auth: AuthContext, id: number, note?: string): Promise<WorkflowTicketView> {
    return this.actions.act(auth, id, 'qc_fail', async (ticket, rules) => {
      const fails = await this.transitions.count(ticket.id, 'qc_fail');
      ticket.status = 'REWORK';
      await this.pay(auth.userId, rules.ticket_xp.qc_status_update_xp, 'ticket_qc_status_update', `ticket_qc_status_update:${ticket.id}:fail:${fails + 1}`, {
        ticket_id: ticket.id,
      });
      return { action: 'qc_fail', from: 'WAITING_QC', to: 'REWORK', note };
    });
  }

  /** Appends an XP entry once: its reference is unique, so a second payment is refused. */
  private async pay(userId: number, amount: number, entryType: XpEntryType, reference: string, payload: Record<string, unknown>): Promise<void> {
    if (amount <= 0) return;
    try {
      await this.xp.insert({ userId, amount, entryType, reference, payload });
    } catch (err) {
      if (isUniqueViolation(err)) throw WorkflowError.refused(`XP ${reference} was already paid.`);
      throw err;
    }
  }
}
