import type { WorkflowRules } from '../config/workflow.config';
import type { RulesVersionEntity } from './rules-version.entity';

export class TicketXpRulesView {
  /** xp = ceil(total planned minutes / base_divisor). @example 20 */
  base_divisor: number;
  /** Paid to the technician on a QC pass without rework, within the planned time. @example 1 */
  first_pass_bonus: number;
  /** Paid to the QC inspector for each decision. @example 1 */
  qc_status_update_xp: number;
}

export class WorkSessionRulesView {
  /** @example 30 */
  daily_pause_limit_minutes: number;
  /** IANA time zone of the working day. @example Asia/Shanghai */
  timezone: string;
}

/** A version of the XP and work-session rules; version 0 is the configured defaults. */
export class RulesConfigView {
  /** @example 1 */
  version: number;
  ticket_xp: TicketXpRulesView;
  work_session: WorkSessionRulesView;
  /** Null for the defaults. @example 1 */
  changed_by: number | null;
  /** @example "The shop works on Shanghai time" */
  reason: string;
  /** Null for the defaults. @example 2024-10-20T08:00:00.000Z */
  created_at: string | null;
}

/** A stored version of the rules, or (null) the configured defaults as version 0. */
export function rulesView(version: RulesVersionEntity | null, defaults: WorkflowRules): RulesConfigView {
  if (!version) return { version: 0, ...defaults, changed_by: null, reason: 'defaults from configuration', created_at: null };
  return { version: version.version, ...version.config, changed_by: version.changedBy, reason: version.reason, created_at: version.createdAt.toISOString() };
}
