import type { WorkflowRules } from '../config/workflow.config';
import type { RulesVersionEntity } from './rules-version.entity';

export class TicketXpRulesView {
  /** xp = ceil(total planned minutes / base_divisor). */
  base_divisor: number;
  first_pass_bonus: number;
  qc_status_update_xp: number;
}

export class WorkSessionRulesView {
  daily_pause_limit_minutes: number;
  /** IANA time zone of the working day. @example UTC */
  timezone: string;
}

/** A version of the XP and work-session rules; version 0 is the configured defaults. */
export class RulesConfigView {
  version: number;
  ticket_xp: TicketXpRulesView;
  work_session: WorkSessionRulesView;
  /** Null for the defaults. */
  changed_by: number | null;
  reason: string;
  /** Null for the defaults. */
  created_at: string | null;
}

/** A stored version of the rules, or (null) the configured defaults as version 0. */
export function rulesView(version: RulesVersionEntity | null, defaults: WorkflowRules): RulesConfigView {
  if (!version) return { version: 0, ...defaults, changed_by: null, reason: 'defaults from configuration', created_at: null };
  return { version: version.version, ...version.config, changed_by: version.changedBy, reason: version.reason, created_at: version.createdAt.toISOString() };
}
