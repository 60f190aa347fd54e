import { getMetadataStorage } from 'class-validator';

// What Django REST Framework's IntegerField / BooleanField accept from text (forms, multipart, JSON strings).
const NUMBER = /^\s*-?\d+(\.\d+)?\s*$/;
const TRUE = new Set(['true', 'True', 'TRUE', 'on', 'On', 'ON', 'yes', 'Yes', 'YES', 'y', 'Y', 't', 'T', '1']);
const FALSE = new Set(['false', 'False', 'FALSE', 'off', 'Off', 'OFF', 'no', 'No', 'NO', 'n', 'N', 'f', 'F', '0']);
const NUMERIC_RULES = new Set(['isInt', 'isNumber']);

type Coercion = (text: string) => unknown;

const number: Coercion = (text) => (NUMBER.test(text) ? Number(text) : text);
const boolean: Coercion = (text) => (TRUE.has(text) ? true : FALSE.has(text) ? false : text);

const plans = new WeakMap<object, Map<string, Coercion>>();

/** Per DTO class: which properties are numbers or booleans, read from their validation rules. */
function planOf(dto: object): Map<string, Coercion> {
  let plan = plans.get(dto);
  if (!plan) {
    plan = new Map();
    for (const rule of getMetadataStorage().getTargetValidationMetadatas(dto as new () => unknown, '', true, false)) {
      if (NUMERIC_RULES.has(rule.name ?? '')) plan.set(rule.propertyName, number);
      else if (rule.name === 'isBoolean' && !plan.has(rule.propertyName)) plan.set(rule.propertyName, boolean);
    }
    plans.set(dto, plan);
  }
  return plan;
}

/**
 * Coerces, in place, the text a DRF client sends for typed fields ("10" → 10, "true" → true),
 * in a DTO instance and the nested ones class-transformer built. Text that is not a number or
 * a boolean stays text, so validation still names the field.
 */
export function coerceDrfText(instance: object): void {
  const plan = planOf(instance.constructor);
  const record = instance as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    const coerce = plan.get(key);
    if (typeof value === 'string' && coerce) record[key] = coerce(value);
    else if (Array.isArray(value)) record[key] = value.map((item) => coerceItem(item, coerce));
    else coerceItem(value, undefined);
  }
}

function coerceItem(item: unknown, coerce: Coercion | undefined): unknown {
  if (typeof item === 'string' && coerce) return coerce(item);
  // Nested DTOs only (class instances): free-form objects are left alone.
  if (item !== null && typeof item === 'object' && !Array.isArray(item) && item.constructor !== Object) coerceDrfText(item);
  return item;
}
