/** Seed 004's ticket rules, pure. */
export const WORKFLOW_STATUSES = ['UNDER_REVIEW', 'NEW', 'ASSIGNED', 'IN_PROGRESS', 'WAITING_QC', 'REWORK', 'DONE'] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];
export const FLAG_COLORS = ['green', 'yellow', 'red'] as const;
export type FlagColor = (typeof FLAG_COLORS)[number];

export interface PartSpec {
  name: string;
  color: FlagColor;
  minutes: number;
}

/** Which statuses each action starts from, and where it leads: the one table of transitions. */
export const ACTIONS = {
  approve: { from: ['UNDER_REVIEW', 'NEW', 'ASSIGNED'], to: null },
  // From UNDER_REVIEW too, so that an unapproved ticket is refused for that reason (see assign).
  assign: { from: ['UNDER_REVIEW', 'NEW', 'ASSIGNED'], to: 'ASSIGNED' },
  start: { from: ['ASSIGNED', 'REWORK'], to: 'IN_PROGRESS' },
  to_waiting_qc: { from: ['IN_PROGRESS'], to: 'WAITING_QC' },
  qc_pass: { from: ['WAITING_QC'], to: 'DONE' },
  qc_fail: { from: ['WAITING_QC'], to: 'REWORK' },
} as const satisfies Record<string, { from: readonly WorkflowStatus[]; to: WorkflowStatus | null }>;

export type WorkflowAction = keyof typeof ACTIONS;

export function allows(action: WorkflowAction, status: WorkflowStatus): boolean {
  return (ACTIONS[action].from as readonly WorkflowStatus[]).includes(status);
}

const SEVERITY: Record<FlagColor, number> = { green: 0, yellow: 1, red: 2 };

/** total_duration, flag_color (the most severe part) and xp_amount = ceil(total / divisor). */
export function metricsOf(parts: PartSpec[], baseDivisor: number): { totalDuration: number; flagColor: FlagColor; xpAmount: number } {
  const totalDuration = parts.reduce((sum, p) => sum + p.minutes, 0);
  const flagColor = parts.reduce<FlagColor>((worst, p) => (SEVERITY[p.color] > SEVERITY[worst] ? p.color : worst), 'green');
  return { totalDuration, flagColor, xpAmount: xpFor(totalDuration, baseDivisor) };
}

export function xpFor(totalDuration: number, baseDivisor: number): number {
  return Math.ceil(totalDuration / baseDivisor);
}
