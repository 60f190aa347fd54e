import { registerAs } from '@nestjs/config';
import { IsInt, IsString, Min, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { parseEnv } from './env';

/** True for a real IANA time zone (Intl knows it). */
export function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

@ValidatorConstraint({ name: 'isTimeZone' })
export class IsTimeZoneConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isTimeZone(value);
  }

  defaultMessage(): string {
    return '$property must be an IANA time zone such as UTC or Asia/Shanghai';
  }
}

class WorkflowEnv {
  /** Default XP formula divisor: xp = ceil(total planned minutes / divisor). */
  @IsInt() @Min(1) WORKFLOW_XP_BASE_DIVISOR: number = 20;
  /** Default XP bonus for a first-pass QC within the planned time. */
  @IsInt() @Min(0) WORKFLOW_FIRST_PASS_BONUS: number = 1;
  /** Default XP for the QC inspector per QC decision. */
  @IsInt() @Min(0) WORKFLOW_QC_STATUS_UPDATE_XP: number = 1;
  /** Default daily pause budget per technician, in minutes. */
  @IsInt() @Min(0) WORKFLOW_DAILY_PAUSE_LIMIT_MINUTES: number = 30;
  /** Default time zone of the working day (pause budgets reset at its midnight). */
  @IsString() @Validate(IsTimeZoneConstraint) WORKFLOW_TIMEZONE: string = 'UTC';
  /** How often paused sessions whose budget ran out are resumed for good, in ms (0: never). */
  @IsInt() @Min(0) WORKFLOW_SWEEP_INTERVAL_MS: number = 30_000;
}

export const workflowConfig = registerAs('workflow', () => {
  const env = parseEnv(WorkflowEnv);
  return {
    defaultRules: {
      ticket_xp: {
        base_divisor: env.WORKFLOW_XP_BASE_DIVISOR,
        first_pass_bonus: env.WORKFLOW_FIRST_PASS_BONUS,
        qc_status_update_xp: env.WORKFLOW_QC_STATUS_UPDATE_XP,
      },
      work_session: { daily_pause_limit_minutes: env.WORKFLOW_DAILY_PAUSE_LIMIT_MINUTES, timezone: env.WORKFLOW_TIMEZONE },
    },
    sweepIntervalMs: env.WORKFLOW_SWEEP_INTERVAL_MS,
  };
});

export type WorkflowRules = ReturnType<typeof workflowConfig>['defaultRules'];
