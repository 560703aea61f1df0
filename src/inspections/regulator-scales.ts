import { INSPECTION_KIND_INFO, type InspectionKind, type InspectionKindInfo } from '../vocabulary/inspection-kind';

/**
 * What each regulator grades and how: inspection kinds, the CQC local authority assessment
 * framework (4 themes, 9 quality statements scored 1-4, the overall rating derived from them),
 * and Ofsted's ILACS judgements. Pure functions and constants, no Nest or TypeORM, so the rules
 * are read and tested in one place. The kinds themselves (and their words) are in the vocabulary.
 */

/** A rule of the regulator's scale was broken; `field` is the request field to name in the 400. */
export class RegulatorRuleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'RegulatorRuleError';
  }
}

export const BUILT_IN_REGULATOR_CODES = ['cqc', 'ofsted', 'hmicfrs'] as const;
export type BuiltInRegulatorCode = (typeof BUILT_IN_REGULATOR_CODES)[number];

const KINDS_BY_REGULATOR: Record<BuiltInRegulatorCode, InspectionKind[]> = {
  cqc: ['cqc_la_assessment'],
  ofsted: ['ofsted_ilacs_full', 'ofsted_ilacs_short', 'ofsted_focused_visit', 'ofsted_monitoring_visit', 'jtai'],
  hmicfrs: ['other'],
};

/** A regulator as these rules see it: built-in ones are known by code; an organisation's own are 'other'. */
export interface RegulatorRef {
  code: string;
  builtIn: boolean;
  judgementScale: readonly string[];
}

function builtInCode(regulator: Pick<RegulatorRef, 'code' | 'builtIn'>): BuiltInRegulatorCode | null {
  return regulator.builtIn && (BUILT_IN_REGULATOR_CODES as readonly string[]).includes(regulator.code)
    ? (regulator.code as BuiltInRegulatorCode)
    : null;
}

export function inspectionKindsFor(regulator: Pick<RegulatorRef, 'code' | 'builtIn'>): InspectionKindInfo[] {
  const code = builtInCode(regulator);
  return (code ? KINDS_BY_REGULATOR[code] : (['other'] as InspectionKind[])).map((k) => INSPECTION_KIND_INFO[k]);
}

// ---------------------------------------------------------------------------------------------
// CQC local authority assessment
// ---------------------------------------------------------------------------------------------

export interface CqcQualityStatement {
  key: string;
  label: string;
}

export interface CqcTheme {
  key: string;
  label: string;
  statements: readonly CqcQualityStatement[];
}

export const CQC_LA_THEMES: readonly CqcTheme[] = [
  {
    key: 'working_with_people',
    label: 'Working with people',
    statements: [
      { key: 'assessing_needs', label: 'Assessing needs' },
      { key: 'supporting_healthier_lives', label: 'Supporting people to live healthier lives' },
      { key: 'equity_in_experience_and_outcomes', label: 'Equity in experience and outcomes' },
    ],
  },
  {
    key: 'providing_support',
    label: 'Providing support',
    statements: [
      { key: 'care_provision_integration_continuity', label: 'Care provision, integration and continuity' },
      { key: 'partnerships_and_communities', label: 'Partnerships and communities' },
    ],
  },
  {
    key: 'ensuring_safety',
    label: 'How the local authority ensures safety within the system',
    statements: [
      { key: 'safe_pathways_systems_transitions', label: 'Safe pathways, systems and transitions' },
      { key: 'safeguarding', label: 'Safeguarding' },
    ],
  },
  {
    key: 'leadership',
    label: 'Leadership',
    statements: [
      { key: 'governance_management_sustainability', label: 'Governance, management and sustainability' },
      { key: 'learning_improvement_innovation', label: 'Learning, improvement and innovation' },
    ],
  },
];

export const CQC_QUALITY_STATEMENTS: readonly (CqcQualityStatement & { themeKey: string })[] = CQC_LA_THEMES.flatMap((t) =>
  t.statements.map((s) => ({ ...s, themeKey: t.key })),
);
export const CQC_QUALITY_STATEMENT_KEYS: readonly string[] = CQC_QUALITY_STATEMENTS.map((s) => s.key);

export const CQC_SCORE_MIN = 1;
export const CQC_SCORE_MAX = 4;

export const CQC_RATINGS = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'] as const;
export type CqcRating = (typeof CQC_RATINGS)[number];

export interface CqcScoreResult {
  /** Sum of the nine scores (9-36). */
  total: number;
  /** 36: nine statements times the top score 4. */
  max: number;
  /** total / max as a percentage, to one decimal place (for display). */
  percent: number;
  /** The percentage rounded to the nearest whole number: the figure the bands are read against. */
  wholePercent: number;
  rating: CqcRating;
}

/** Checks a quality statement score: a whole number 1-4. */
export function isCqcScore(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= CQC_SCORE_MIN && value <= CQC_SCORE_MAX;
}

/**
 * All nine statements, each a whole number 1-4, and nothing else. Throws RegulatorRuleError
 * naming `qualityStatementScores` or `qualityStatementScores.<key>`.
 */
export function validateCqcScores(scores: unknown, field = 'qualityStatementScores'): Record<string, number> {
  if (typeof scores !== 'object' || scores === null || Array.isArray(scores)) {
    throw new RegulatorRuleError(field, 'must be an object of quality statement key to score 1-4');
  }
  const given = scores as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!CQC_QUALITY_STATEMENT_KEYS.includes(key)) {
      throw new RegulatorRuleError(`${field}.${key}`, `is not a CQC quality statement; expected one of ${CQC_QUALITY_STATEMENT_KEYS.join(', ')}`);
    }
  }
  const result: Record<string, number> = {};
  for (const key of CQC_QUALITY_STATEMENT_KEYS) {
    const value = given[key];
    if (value === undefined || value === null) {
      throw new RegulatorRuleError(`${field}.${key}`, 'is required: all nine quality statements are scored');
    }
    if (!isCqcScore(value)) throw new RegulatorRuleError(`${field}.${key}`, 'must be a whole number from 1 to 4');
    result[key] = value;
  }
  return result;
}

/**
 * The overall rating of a CQC local authority assessment, derived from the nine quality
 * statement scores as CQC does: total / 36 as a percentage, then
 *   25-38% Inadequate, 39-62% Requires improvement, 63-87% Good, 88% and above Outstanding.
 *
 * Rounding: CQC's bands are whole percentages with gaps between them (38 to 39, ...), so the
 * percentage is rounded to the nearest whole number before it is read against them. With nine
 * statements a total t gives 100t/36 = 25t/9, whose fraction is a ninth, never exactly a half,
 * so no tie rule is needed. The effect, by total: 9-13 Inadequate (13/36 = 36.1%), 14-22
 * Requires improvement (14/36 = 38.9% counts as 39%; 22/36 = 61.1%), 23-31 Good (23/36 = 63.9%;
 * 31/36 = 86.1%), 32-36 Outstanding (32/36 = 88.9%).
 */
export function deriveCqcRating(scores: Record<string, number>): CqcScoreResult {
  const valid = validateCqcScores(scores);
  const total = Object.values(valid).reduce((a, b) => a + b, 0);
  const max = CQC_QUALITY_STATEMENT_KEYS.length * CQC_SCORE_MAX;
  const exact = (total / max) * 100;
  const wholePercent = Math.round(exact);
  return { total, max, percent: Math.round(exact * 10) / 10, wholePercent, rating: cqcRatingForPercent(wholePercent) };
}

/** The band a whole percentage (25-100) falls in. */
export function cqcRatingForPercent(wholePercent: number): CqcRating {
  if (wholePercent >= 88) return 'Outstanding';
  if (wholePercent >= 63) return 'Good';
  if (wholePercent >= 39) return 'Requires improvement';
  return 'Inadequate';
}

// ---------------------------------------------------------------------------------------------
// Ofsted ILACS
// ---------------------------------------------------------------------------------------------

export const OFSTED_GRADES = ['Outstanding', 'Good', 'Requires improvement to be good', 'Inadequate'] as const;
export type OfstedGrade = (typeof OFSTED_GRADES)[number];

export interface OfstedJudgement {
  key: string;
  label: string;
}

export const OFSTED_ILACS_JUDGEMENTS: readonly OfstedJudgement[] = [
  { key: 'impact_of_leaders', label: "The impact of leaders on social work practice with children and families" },
  { key: 'help_and_protection', label: 'The experiences and progress of children who need help and protection' },
  { key: 'children_in_care', label: 'The experiences and progress of children in care' },
  { key: 'care_leavers', label: 'The experiences and progress of care leavers' },
  { key: 'overall_effectiveness', label: 'Overall effectiveness' },
];
export const OFSTED_ILACS_JUDGEMENT_KEYS: readonly string[] = OFSTED_ILACS_JUDGEMENTS.map((j) => j.key);

/**
 * All five ILACS judgements, each a grade on Ofsted's scale, and nothing else. Throws
 * RegulatorRuleError naming `judgements` or `judgements.<key>`.
 */
export function validateOfstedJudgements(judgements: unknown, field = 'judgements'): Record<string, OfstedGrade> {
  if (typeof judgements !== 'object' || judgements === null || Array.isArray(judgements)) {
    throw new RegulatorRuleError(field, 'must be an object of ILACS judgement key to grade');
  }
  const given = judgements as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!OFSTED_ILACS_JUDGEMENT_KEYS.includes(key)) {
      throw new RegulatorRuleError(`${field}.${key}`, `is not an ILACS judgement; expected one of ${OFSTED_ILACS_JUDGEMENT_KEYS.join(', ')}`);
    }
  }
  const result: Record<string, OfstedGrade> = {};
  for (const key of OFSTED_ILACS_JUDGEMENT_KEYS) {
    const value = given[key];
    if (value === undefined || value === null) {
      throw new RegulatorRuleError(`${field}.${key}`, 'is required: ILACS gives all five judgements');
    }
    if (typeof value !== 'string' || !(OFSTED_GRADES as readonly string[]).includes(value)) {
      throw new RegulatorRuleError(`${field}.${key}`, `must be one of: ${OFSTED_GRADES.join(', ')}`);
    }
    result[key] = value as OfstedGrade;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Findings: the themes they fall under, and where a score is allowed
// ---------------------------------------------------------------------------------------------

export interface FindingTheme {
  key: string;
  label: string;
  /** The CQC theme a quality statement sits under; absent for Ofsted judgements. */
  group?: string;
}

/** The themes a finding of this regulator may take; null means free text (the regulator has no fixed list). */
/**
 * A joint targeted area inspection (Ofsted, CQC, HMICFRS and HMI Probation together) is not
 * graded and has its own headings for what it found, not the ILACS judgements.
 */
export const JTAI_HEADINGS: readonly FindingTheme[] = [
  { key: 'jtai_need_and_risk', label: 'Identifying need and risk at the front door' },
  { key: 'jtai_multi_agency_practice', label: 'Multi-agency practice with children and families' },
  { key: 'jtai_leadership_and_partnership', label: 'Leadership and oversight of the partnership' },
  { key: 'jtai_learning_and_improvement', label: 'Learning, quality assurance and improvement' },
];

/** The headings a finding may sit under: the inspection kind's own for a JTAI, else the regulator's. */
export function findingThemesFor(regulator: Pick<RegulatorRef, 'code' | 'builtIn'>, kind?: string): FindingTheme[] | null {
  if (kind === 'jtai') return [...JTAI_HEADINGS];
  switch (builtInCode(regulator)) {
    case 'cqc':
      return CQC_QUALITY_STATEMENTS.map((s) => ({ key: s.key, label: s.label, group: s.themeKey }));
    case 'ofsted':
      return OFSTED_ILACS_JUDGEMENTS.map((j) => ({ key: j.key, label: j.label }));
    default:
      return null;
  }
}

/** Only CQC scores what it finds (1-4 per quality statement). */
export function regulatorScores(regulator: Pick<RegulatorRef, 'code' | 'builtIn'>): boolean {
  return builtInCode(regulator) === 'cqc';
}

/** A finding's theme: one of the regulator's keys where it has a list, free text otherwise. */
export function checkFindingTheme(regulator: Pick<RegulatorRef, 'code' | 'builtIn'>, theme: string | null, kind?: string): void {
  if (theme === null) return;
  const themes = findingThemesFor(regulator, kind);
  if (themes && !themes.some((t) => t.key === theme)) {
    const what = kind === 'jtai' ? 'a JTAI heading' : builtInCode(regulator) === 'cqc' ? 'a CQC quality statement' : 'an Ofsted ILACS judgement';
    throw new RegulatorRuleError('theme', `must be ${what}: one of ${themes.map((t) => t.key).join(', ')}`);
  }
}

/** A finding's score: 1-4, and only where the regulator scores. */
export function checkFindingScore(regulator: Pick<RegulatorRef, 'code' | 'builtIn'>, score: number | null): void {
  if (score === null) return;
  if (!regulatorScores(regulator)) throw new RegulatorRuleError('score', 'score only where the regulator scores (CQC); leave it out for this regulator');
  if (!isCqcScore(score)) throw new RegulatorRuleError('score', 'must be a whole number from 1 to 4');
}

// ---------------------------------------------------------------------------------------------
// An inspection's judgement, as a whole
// ---------------------------------------------------------------------------------------------

export interface InspectionJudgementInput {
  kind: string;
  overallJudgement: string | null;
  qualityStatementScores: unknown;
  judgements: unknown;
  /**
   * Whether the client itself sent overallJudgement in this request. When it did not, the
   * stored value is recomputed for derived kinds rather than compared (an update of the scores
   * alone moves the rating with them).
   */
  overallJudgementGiven: boolean;
}

export interface InspectionJudgement {
  overallJudgement: string | null;
  qualityStatementScores: Record<string, number> | null;
  judgements: Record<string, string> | null;
}

/**
 * Checks the kind against the regulator, and the judgement, scores and ILACS judgements against
 * the kind and the regulator's scale; derives the overall where the regulator derives it.
 * Throws RegulatorRuleError naming the field at fault.
 */
export function resolveInspectionJudgement(regulator: RegulatorRef, input: InspectionJudgementInput): InspectionJudgement {
  const kinds = inspectionKindsFor(regulator);
  const kind = kinds.find((k) => k.key === input.kind);
  if (!kind) {
    throw new RegulatorRuleError('kind', `must be a kind of inspection this regulator carries out: ${kinds.map((k) => k.key).join(', ')}`);
  }
  const hasScores = input.qualityStatementScores !== null && input.qualityStatementScores !== undefined;
  const hasJudgements = input.judgements !== null && input.judgements !== undefined;
  if (hasScores && kind.assessment !== 'cqc_scores') {
    throw new RegulatorRuleError('qualityStatementScores', 'score only where the regulator scores: quality statement scores belong to a CQC local authority assessment');
  }
  if (hasJudgements && kind.assessment !== 'ofsted_judgements') {
    throw new RegulatorRuleError('judgements', 'judgements belong to an Ofsted ILACS inspection (full or short) only');
  }
  const given = input.overallJudgementGiven ? input.overallJudgement : null;

  switch (kind.assessment) {
    case 'cqc_scores': {
      if (!hasScores) {
        // Not yet published: no scores, so no rating either (it is never typed in).
        if (given !== null) throw new RegulatorRuleError('overallJudgement', 'is derived from qualityStatementScores: give the nine scores instead');
        return { overallJudgement: null, qualityStatementScores: null, judgements: null };
      }
      const scores = validateCqcScores(input.qualityStatementScores);
      const { rating, percent } = deriveCqcRating(scores);
      if (given !== null && given !== rating) {
        throw new RegulatorRuleError('overallJudgement', `is derived from qualityStatementScores (${percent}%: ${rating}); leave it out or send '${rating}'`);
      }
      return { overallJudgement: rating, qualityStatementScores: scores, judgements: null };
    }
    case 'ofsted_judgements': {
      if (hasJudgements) {
        const judgements = validateOfstedJudgements(input.judgements);
        const overall = judgements.overall_effectiveness;
        if (given !== null && given !== overall) {
          throw new RegulatorRuleError('overallJudgement', `must equal judgements.overall_effectiveness ('${overall}'); leave it out or send that`);
        }
        return { overallJudgement: overall, qualityStatementScores: null, judgements };
      }
      return { overallJudgement: checkOnScale(regulator, input.overallJudgement), qualityStatementScores: null, judgements: null };
    }
    case 'ungraded':
      if (input.overallJudgement !== null) throw new RegulatorRuleError('overallJudgement', `a ${kind.label} is not graded: leave it out`);
      return { overallJudgement: null, qualityStatementScores: null, judgements: null };
    case 'overall_only':
      return { overallJudgement: checkOnScale(regulator, input.overallJudgement), qualityStatementScores: null, judgements: null };
  }
}

function checkOnScale(regulator: RegulatorRef, judgement: string | null): string | null {
  if (judgement === null) return null;
  if (regulator.judgementScale.length === 0) {
    throw new RegulatorRuleError('overallJudgement', 'this regulator has no judgement scale: leave it out');
  }
  if (!regulator.judgementScale.includes(judgement)) {
    throw new RegulatorRuleError('overallJudgement', `must be on the regulator's scale: ${regulator.judgementScale.join(', ')}`);
  }
  return judgement;
}
