import { PLAN_EDITORS, RAG_POLICY_EDITORS } from '../../common/auth/access-policy';
import type { Role } from '../../common/request-context/request-context';
import type { PlanDto } from '../../plans/dto/plan.dto';
import type { RagPolicyDto, RagPolicySettingsDto, RagRulesDto } from '../../rag/settings/dto/rag-policy.dto';
import type { FieldError, FormErrors } from '../common/forms/form-errors';
import { planNavigation, type PlanNavigation } from '../common/view/plan-navigation';
import { PLAN_PAGE, planPaths } from '../common/web-paths';
import type { FieldLabel } from './service-errors';

/** The settings page's forms, under PLAN_PAGE.settings. */
export const PLAN_SETTINGS_ROUTE = Object.freeze({
  rag: `${PLAN_PAGE.settings}/rag`,
  details: `${PLAN_PAGE.settings}/details`,
  close: `${PLAN_PAGE.settings}/close`,
});

export const planSettingsPaths = (planId: string) => {
  const base = planPaths(planId).settings;
  return { settings: base, rag: `${base}/rag`, details: `${base}/details`, close: `${base}/close` };
};

type RuleFlag = keyof RagRulesDto;
type NumberSetting = 'redAfterDays' | 'staleAfterDays' | 'progressAmberPoints' | 'progressRedPoints';

/** Each rule, in the words of the RAG policy (DESIGN.md), in the order it is evaluated. */
export const RULE_WORDS: Readonly<Record<RuleFlag, string>> = Object.freeze({
  overdueAction: 'Past its due date: Red',
  overdueMilestones: 'A milestone overdue: Amber, and Red once overdue by more than the days below',
  blocked: 'Status blocked: Red',
  staleUpdates: 'Started, and no progress update for more than the days below: Amber',
  rejectedEvidence: 'Newest evidence rejected and nothing newer submitted: Amber',
  progressAgainstTime: 'Progress behind the share of time elapsed: Amber or Red by the points below',
});
const RULE_FLAGS = Object.keys(RULE_WORDS) as RuleFlag[];

const NUMBER_WORDS: Readonly<Record<NumberSetting, { label: string; hint: string; min: number; max: number }>> = Object.freeze({
  redAfterDays: { label: 'Days a milestone may be overdue before it is Red', hint: 'From 1 to 365. Overdue by 1 day or more is Amber.', min: 1, max: 365 },
  staleAfterDays: { label: 'Days without a progress update before a started action is Amber', hint: 'From 1 to 365.', min: 1, max: 365 },
  progressAmberPoints: { label: 'Points behind time for Amber', hint: 'From 1 to 100: progress percent behind the share of the action’s time elapsed.', min: 1, max: 100 },
  progressRedPoints: { label: 'Points behind time for Red', hint: 'From 1 to 100, more than the points for Amber.', min: 1, max: 100 },
});
const NUMBER_SETTINGS = Object.keys(NUMBER_WORDS) as NumberSetting[];

/** The RAG policy form as typed: numbers as text, and the rules ticked. */
export interface RagForm {
  redAfterDays: string;
  staleAfterDays: string;
  progressAmberPoints: string;
  progressRedPoints: string;
  rules: RuleFlag[];
}

export function ragFormFrom(settings: RagPolicySettingsDto): RagForm {
  return {
    redAfterDays: String(settings.redAfterDays),
    staleAfterDays: String(settings.staleAfterDays),
    progressAmberPoints: String(settings.progressAmberPoints),
    progressRedPoints: String(settings.progressRedPoints),
    rules: RULE_FLAGS.filter((flag) => settings.rules[flag]),
  };
}

/** The rules ticked in a submitted form (unknown values are dropped). */
export function ticked(values: unknown): RuleFlag[] {
  const list = Array.isArray(values) ? values : values === undefined ? [] : [values];
  return RULE_FLAGS.filter((flag) => list.includes(flag));
}

export type RagFormResult = { ok: true; settings: RagPolicySettingsDto } | { ok: false; errors: FieldError[] };

/** The form's checks, in field order, the same ranges as the policy's validator; else the settings to send. */
export function checkRagForm(form: RagForm): RagFormResult {
  const errors: FieldError[] = [];
  const numbers: Partial<Record<NumberSetting, number>> = {};
  for (const field of NUMBER_SETTINGS) {
    const { label, min, max } = NUMBER_WORDS[field];
    const text = form[field].trim();
    if (!text) errors.push({ field, text: `Enter the ${label.charAt(0).toLowerCase()}${label.slice(1)}` });
    else if (!/^\d+$/.test(text)) errors.push({ field, text: `${label} must be a whole number` });
    else if (Number(text) < min || Number(text) > max) errors.push({ field, text: `${label} must be between ${min} and ${max}` });
    else numbers[field] = Number(text);
  }
  if (numbers.progressAmberPoints !== undefined && numbers.progressRedPoints !== undefined && numbers.progressRedPoints <= numbers.progressAmberPoints) {
    errors.push({ field: 'progressRedPoints', text: `Points behind time for Red must be more than the points for Amber (${numbers.progressAmberPoints})` });
  }
  if (errors.length > 0) return { ok: false, errors };
  const rules = Object.fromEntries(RULE_FLAGS.map((flag) => [flag, form.rules.includes(flag)])) as unknown as RagRulesDto;
  return {
    ok: true,
    settings: {
      redAfterDays: numbers.redAfterDays as number,
      staleAfterDays: numbers.staleAfterDays as number,
      progressAmberPoints: numbers.progressAmberPoints as number,
      progressRedPoints: numbers.progressRedPoints as number,
      rules,
    },
  };
}

/** The policy validator's field names, as the form's fields (a rule flag: the checkboxes). */
export const RAG_SERVICE_FIELDS: Readonly<Record<string, FieldLabel>> = Object.freeze({
  ...Object.fromEntries(NUMBER_SETTINGS.map((f) => [f, { field: f, label: NUMBER_WORDS[f].label }])),
  ...Object.fromEntries(RULE_FLAGS.map((f) => [`rules.${f}`, { field: 'rules', label: RULE_WORDS[f] }])),
});

export interface PlanDetailsForm {
  title: string;
  programmeLead: string;
}

export function planDetailsFormErrors(form: PlanDetailsForm): FieldError[] {
  const errors: FieldError[] = [];
  if (!form.title.trim()) errors.push({ field: 'title', text: 'Enter the plan’s title' });
  else if (form.title.trim().length > 300) errors.push({ field: 'title', text: 'The plan’s title must be 300 characters or fewer' });
  if (form.programmeLead.trim().length > 200) errors.push({ field: 'programmeLead', text: 'Programme lead must be 200 characters or fewer' });
  return errors;
}

// ---- History -------------------------------------------------------------------------------------

export interface PolicyVersionRow {
  version: number;
  when: string;
  who: string;
  changes: string[];
}

const settingWords = (settings: RagPolicySettingsDto) => [
  ...NUMBER_SETTINGS.map((f) => ({ key: f, label: NUMBER_WORDS[f].label, value: String(settings[f]) })),
  ...RULE_FLAGS.map((f) => ({ key: `rules.${f}`, label: `Rule “${RULE_WORDS[f]}”`, value: settings.rules[f] ? 'on' : 'off' })),
];

/** What a version changed from the one before it, in words ("Points behind time for Red: 30 to 40"). */
export function policyChanges(before: RagPolicySettingsDto | null, after: RagPolicySettingsDto): string[] {
  if (!before) return ['The default settings'];
  const old = new Map(settingWords(before).map((s) => [s.key, s.value]));
  const changes = settingWords(after)
    .filter((s) => old.get(s.key) !== s.value)
    .map((s) => `${s.label}: ${old.get(s.key)} to ${s.value}`);
  return changes.length > 0 ? changes : ['No change'];
}

/** Every version, newest first, each with who made it and what it changed from the one before. */
export function policyHistory(versions: readonly RagPolicyDto[], names: ReadonlyMap<string, string>, formatWhen: (iso: string) => string): PolicyVersionRow[] {
  const byVersion = new Map(versions.map((v) => [v.version, v]));
  return [...versions]
    .sort((a, b) => b.version - a.version)
    .map((v) => ({
      version: v.version,
      when: formatWhen(v.createdAt),
      who: v.createdById === null ? 'Set up with the defaults' : (names.get(v.createdById) ?? 'A former user'),
      changes: policyChanges(byVersion.get(v.version - 1)?.settings ?? null, v.settings),
    }));
}

// ---- The page --------------------------------------------------------------------------------------

export interface PlanSettingsViewModel {
  pageTitle: string;
  planNav: PlanNavigation;
  errors: FormErrors;
  plan: { id: string; title: string; version: number; closed: boolean; closedAt: string | null };
  /** Administrators change the RAG policy while the plan is open (RAG_POLICY_EDITORS); the board reads it. */
  canEditPolicy: boolean;
  /** Board members and administrators change the plan's details while the plan is open. */
  canEditDetails: boolean;
  /** Administrators close a plan. */
  canClose: boolean;
  actions: ReturnType<typeof planSettingsPaths>;
  details: PlanDetailsForm;
  policyVersion: number;
  numberFields: { name: NumberSetting; label: string; hint: string; value: string }[];
  ruleItems: { value: string; text: string; checked: boolean }[];
  /** The policy as a summary list, for those who may not change it (or a closed plan). */
  policyRows: { key: { text: string }; value: { text: string } }[];
  history: PolicyVersionRow[];
}

export interface PlanSettingsInput {
  plan: PlanDto;
  role: Role;
  policy: RagPolicyDto;
  history: PolicyVersionRow[];
  errors?: FormErrors;
  ragForm?: RagForm;
  details?: PlanDetailsForm;
}

export function planSettingsPage(input: PlanSettingsInput): PlanSettingsViewModel {
  const { plan, role, policy } = input;
  const closed = plan.status === 'closed';
  const rag = input.ragForm ?? ragFormFrom(policy.settings);
  return {
    pageTitle: 'Plan settings',
    planNav: planNavigation(plan, role, 'settings'),
    errors: input.errors ?? [],
    plan: { id: plan.id, title: plan.title, version: plan.version, closed, closedAt: plan.closedAt },
    canEditPolicy: !closed && RAG_POLICY_EDITORS.includes(role),
    canEditDetails: !closed && PLAN_EDITORS.includes(role),
    canClose: !closed && role === 'admin',
    actions: planSettingsPaths(plan.id),
    details: input.details ?? { title: plan.title, programmeLead: plan.programmeLead ?? '' },
    policyVersion: policy.version,
    numberFields: NUMBER_SETTINGS.map((name) => ({ name, label: NUMBER_WORDS[name].label, hint: NUMBER_WORDS[name].hint, value: rag[name] })),
    ruleItems: RULE_FLAGS.map((flag) => ({ value: flag, text: RULE_WORDS[flag], checked: rag.rules.includes(flag) })),
    policyRows: [
      ...RULE_FLAGS.map((flag) => ({ key: { text: RULE_WORDS[flag] }, value: { text: rag.rules.includes(flag) ? 'On' : 'Off' } })),
      ...NUMBER_SETTINGS.map((name) => ({ key: { text: NUMBER_WORDS[name].label }, value: { text: rag[name] } })),
    ],
    history: input.history,
  };
}

export interface ClosePlanViewModel {
  pageTitle: string;
  planNav: PlanNavigation;
  backLink: string;
  planTitle: string;
  action: string;
}

export function closePlanPage(plan: PlanDto, role: Role): ClosePlanViewModel {
  const paths = planSettingsPaths(plan.id);
  return { pageTitle: 'Close the plan', planNav: planNavigation(plan, role, 'settings'), backLink: paths.settings, planTitle: plan.title, action: paths.close };
}
