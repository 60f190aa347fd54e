import { plainToInstance, Transform } from 'class-transformer';
import { validateSync } from 'class-validator';

/**
 * Reads the variables declared on `schema` from the environment, converts and validates them.
 * A wrong value stops the boot with a message that names the variable.
 */
export function parseEnv<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const keys = Object.keys(new schema());
  const raw: Record<string, string> = {};
  for (const key of keys) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = plainToInstance(schema, raw, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(parsed, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(errors.map((e) => `${mainProblem(e.constraints ?? {})}${shown(e.property, raw[e.property])}`));
  }
  return parsed;
}

/** A configuration that cannot run: one line per problem, each naming its variable (never a secret value). */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** The kinds of problem that say most about a value, first: one line per variable. */
const FIRST = ['isDefined', 'isInt', 'isNumber', 'isBoolean', 'isString', 'isIn', 'matches', 'isUrl', 'isEmail'];

function mainProblem(constraints: Record<string, string>): string {
  const kind = FIRST.find((k) => k in constraints) ?? Object.keys(constraints)[0];
  return constraints[kind] ?? 'is invalid';
}

/** Variables whose value is never echoed: secrets, and URLs and endpoints (they may carry credentials). */
const SECRET = /SECRET|PASSWORD|TOKEN|KEY|_URL$|_ENDPOINT$/;

/** What a problem line says the value was: the value itself, unless it may be a secret. */
function shown(name: string, value: string | undefined): string {
  if (value === undefined) return ' (not set)';
  return SECRET.test(name) ? ' (value not shown)' : ` (got ${JSON.stringify(value)})`;
}

const DURATION = /^(\d+)\s*(ms|s|m|h|d)?$/;
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

export const DURATION_PATTERN = DURATION;

/** "900", "15m", "12h", "7d" → seconds. */
export function durationToSeconds(value: string): number {
  const match = DURATION.exec(value.trim());
  if (!match) throw new Error(`Not a duration: ${value}`);
  return Math.round(Number(match[1]) * UNIT_SECONDS[match[2] ?? 's']);
}

/** Environment booleans: "true"/"1"/"yes" are true, anything else false. */
export function envFlag(value: string | boolean | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (typeof value === 'boolean') return value;
  return ['true', '1', 'yes', 'on'].includes(value.toLowerCase());
}

/** Reads "true"/"false"/"1"/"0" as a boolean (implicit conversion would make "false" true). */
export const EnvBoolean = (): PropertyDecorator =>
  Transform(({ obj, key, value }) => (obj[key] === undefined ? value : envFlag(String(obj[key]), false)));
