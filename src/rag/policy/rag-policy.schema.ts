import { DEFAULT_RAG_POLICY, type RagPolicySettings } from './rag-policy.types';

/**
 * Checks RAG settings an administrator sends (or that were read back from storage) without
 * any framework, so the same rules hold in the API, the worker and the tests.
 */

export interface RagPolicyFieldError {
  /** Dotted path of the setting, e.g. 'redAfterDays' or 'rules.blocked'. */
  field: string;
  message: string;
}

export type RagPolicyValidation =
  | { ok: true; value: RagPolicySettings }
  | { ok: false; errors: RagPolicyFieldError[] };

/** Settings given in part: what is missing comes from the defaults (or the current settings). */
export type RagPolicySettingsPatch = Partial<Omit<RagPolicySettings, 'rules'>> & {
  rules?: Partial<RagPolicySettings['rules']>;
};

type NumberSetting = 'redAfterDays' | 'staleAfterDays' | 'progressAmberPoints' | 'progressRedPoints';
type RuleFlag = keyof RagPolicySettings['rules'];

const NUMBER_RANGES: Record<NumberSetting, { min: number; max: number }> = {
  redAfterDays: { min: 1, max: 365 },
  staleAfterDays: { min: 1, max: 365 },
  progressAmberPoints: { min: 1, max: 100 },
  progressRedPoints: { min: 1, max: 100 },
};
const NUMBER_SETTINGS = Object.keys(NUMBER_RANGES) as NumberSetting[];
const RULE_FLAGS = Object.keys(DEFAULT_RAG_POLICY.rules) as RuleFlag[];
const TOP_LEVEL_SETTINGS: readonly string[] = [...NUMBER_SETTINGS, 'rules'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownKeys(input: Record<string, unknown>, known: readonly string[], prefix: string): RagPolicyFieldError[] {
  return Object.keys(input)
    .filter((key) => !known.includes(key))
    .map((key) => ({ field: `${prefix}${key}`, message: `unknown setting '${prefix}${key}'` }));
}

function numberError(field: NumberSetting, value: unknown): RagPolicyFieldError | null {
  const { min, max } = NUMBER_RANGES[field];
  if (value === undefined) return { field, message: 'is required' };
  if (typeof value !== 'number' || !Number.isInteger(value)) return { field, message: 'must be a whole number' };
  if (value < min || value > max) return { field, message: `must be between ${min} and ${max}` };
  return null;
}

function ruleErrors(rules: unknown): RagPolicyFieldError[] {
  if (rules === undefined) return [{ field: 'rules', message: 'is required' }];
  if (!isPlainObject(rules)) return [{ field: 'rules', message: 'must be an object' }];
  const errors = unknownKeys(rules, RULE_FLAGS, 'rules.');
  for (const flag of RULE_FLAGS) {
    const value = rules[flag];
    if (value === undefined) errors.push({ field: `rules.${flag}`, message: 'is required' });
    else if (typeof value !== 'boolean') errors.push({ field: `rules.${flag}`, message: 'must be true or false' });
  }
  return errors;
}

/** Complete settings only: every threshold and every rule flag must be present and valid. */
export function validateRagPolicySettings(input: unknown): RagPolicyValidation {
  if (!isPlainObject(input)) return { ok: false, errors: [{ field: 'settings', message: 'must be an object' }] };

  const errors = unknownKeys(input, TOP_LEVEL_SETTINGS, '');
  for (const field of NUMBER_SETTINGS) {
    const error = numberError(field, input[field]);
    if (error) errors.push(error);
  }
  errors.push(...ruleErrors(input.rules));

  // Only compare the two progress thresholds once each is a valid number on its own.
  const amber = input.progressAmberPoints;
  const red = input.progressRedPoints;
  const bothValid = !errors.some((e) => e.field === 'progressAmberPoints' || e.field === 'progressRedPoints');
  if (bothValid && typeof amber === 'number' && typeof red === 'number' && red <= amber) {
    errors.push({ field: 'progressRedPoints', message: `must be more than progressAmberPoints (${amber})` });
  }

  if (errors.length > 0) return { ok: false, errors };
  // Valid by the checks above; copied so later changes to the input cannot reach the result.
  const valid = input as unknown as RagPolicySettings;
  return {
    ok: true,
    value: {
      redAfterDays: valid.redAfterDays,
      staleAfterDays: valid.staleAfterDays,
      rules: { ...valid.rules },
      progressAmberPoints: valid.progressAmberPoints,
      progressRedPoints: valid.progressRedPoints,
    },
  };
}

/** Keys whose value is undefined are left out, so `{ redAfterDays: undefined }` keeps the base value. */
function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Settings given in part, completed from `base` (the defaults unless the organisation's current
 * settings are passed). The result is not validated: pass it to validateRagPolicySettings, which
 * also reports any unknown keys that came in with the part.
 */
export function mergeWithDefaults(
  partial: RagPolicySettingsPatch | null | undefined,
  base: Readonly<RagPolicySettings> = DEFAULT_RAG_POLICY,
): RagPolicySettings {
  const given = definedOnly(partial ?? undefined);
  // A rules value that is not an object (from an unchecked body) is passed through so validation names it.
  const rules =
    given.rules === undefined
      ? { ...base.rules }
      : isPlainObject(given.rules)
        ? { ...base.rules, ...definedOnly(given.rules) }
        : given.rules;
  return { ...base, ...given, rules };
}
