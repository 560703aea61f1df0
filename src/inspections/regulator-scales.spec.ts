import {
  checkFindingScore,
  checkFindingTheme,
  CQC_LA_THEMES,
  CQC_QUALITY_STATEMENT_KEYS,
  cqcRatingForPercent,
  deriveCqcRating,
  findingThemesFor,
  inspectionKindsFor,
  JTAI_HEADINGS,
  OFSTED_GRADES,
  OFSTED_ILACS_JUDGEMENT_KEYS,
  RegulatorRef,
  RegulatorRuleError,
  resolveInspectionJudgement,
  validateCqcScores,
  validateOfstedJudgements,
} from './regulator-scales';

const CQC: RegulatorRef = { code: 'cqc', builtIn: true, judgementScale: ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'] };
const OFSTED: RegulatorRef = { code: 'ofsted', builtIn: true, judgementScale: [...OFSTED_GRADES] };
const HMICFRS: RegulatorRef = { code: 'hmicfrs', builtIn: true, judgementScale: ['Outstanding', 'Good', 'Adequate', 'Requires improvement', 'Inadequate'] };
const CIW: RegulatorRef = { code: 'ciw', builtIn: false, judgementScale: ['Excellent', 'Good', 'Adequate', 'Poor'] };
/** An organisation's own regulator that happens to be called 'cqc' is not CQC. */
const FAKE_CQC: RegulatorRef = { code: 'cqc', builtIn: false, judgementScale: [] };
/** Tables name regulators by these keys so test titles stay readable. */
const R = { CQC, OFSTED, HMICFRS, CIW, FAKE_CQC };
type Name = keyof typeof R;

/** Nine scores adding up to `total` (9-36), spread as evenly as possible. */
function scoresTotalling(total: number): Record<string, number> {
  const scores: Record<string, number> = {};
  let left = total;
  CQC_QUALITY_STATEMENT_KEYS.forEach((key, i) => {
    const remaining = CQC_QUALITY_STATEMENT_KEYS.length - i;
    const score = Math.min(4, Math.max(1, Math.round(left / remaining)));
    scores[key] = score;
    left -= score;
  });
  if (left !== 0) throw new Error(`cannot make ${total}`);
  return scores;
}

const ALL_GOOD = Object.fromEntries(OFSTED_ILACS_JUDGEMENT_KEYS.map((k) => [k, 'Good']));

function ruleError(fn: () => unknown): RegulatorRuleError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RegulatorRuleError) return e;
    throw e;
  }
  throw new Error('expected a RegulatorRuleError');
}

describe('regulator scales', () => {
  describe('the CQC local authority assessment framework', () => {
    it('has four themes and nine quality statements with stable keys', () => {
      expect(CQC_LA_THEMES.map((t) => [t.key, t.statements.length])).toEqual([
        ['working_with_people', 3],
        ['providing_support', 2],
        ['ensuring_safety', 2],
        ['leadership', 2],
      ]);
      expect(CQC_QUALITY_STATEMENT_KEYS).toHaveLength(9);
      expect(new Set(CQC_QUALITY_STATEMENT_KEYS).size).toBe(9);
      expect(CQC_LA_THEMES[2].statements.map((s) => s.key)).toEqual(['safe_pathways_systems_transitions', 'safeguarding']);
    });
  });

  describe('deriveCqcRating: total / 36 as a percentage, banded on the nearest whole percent', () => {
    it.each([
      // total, percent (1 dp), whole percent, rating
      [9, 25, 25, 'Inadequate'], // all 1s
      [13, 36.1, 36, 'Inadequate'],
      [14, 38.9, 39, 'Requires improvement'], // 38.9% counts as 39%
      [18, 50, 50, 'Requires improvement'],
      [22, 61.1, 61, 'Requires improvement'],
      [23, 63.9, 64, 'Good'],
      [27, 75, 75, 'Good'],
      [31, 86.1, 86, 'Good'],
      [32, 88.9, 89, 'Outstanding'],
      [36, 100, 100, 'Outstanding'], // all 4s
    ])('%i/36 is %p%% (%i%%): %s', (total, percent, wholePercent, rating) => {
      expect(deriveCqcRating(scoresTotalling(total))).toEqual({ total, max: 36, percent, wholePercent, rating });
    });

    it('gives every possible total exactly one band, moving up with the total', () => {
      const order = ['Inadequate', 'Requires improvement', 'Good', 'Outstanding'];
      let previous = -1;
      for (let total = 9; total <= 36; total++) {
        const rank = order.indexOf(deriveCqcRating(scoresTotalling(total)).rating);
        expect(rank).toBeGreaterThanOrEqual(previous);
        previous = rank;
      }
    });

    it.each([
      [25, 'Inadequate'],
      [38, 'Inadequate'],
      [39, 'Requires improvement'],
      [62, 'Requires improvement'],
      [63, 'Good'],
      [87, 'Good'],
      [88, 'Outstanding'],
      [100, 'Outstanding'],
    ])('the band edge %i%% is %s', (wholePercent, rating) => {
      expect(cqcRatingForPercent(wholePercent)).toBe(rating);
    });

    it('the seed-002 assessment (safeguarding 1, mostly 2s) requires improvement', () => {
      const scores = { ...scoresTotalling(18), safeguarding: 1, partnerships_and_communities: 3 };
      expect(deriveCqcRating(scores).rating).toBe('Requires improvement');
    });
  });

  describe('validateCqcScores', () => {
    const good = scoresTotalling(18);
    it.each([
      ['a missing statement', { ...good, safeguarding: undefined }, 'qualityStatementScores.safeguarding', /required/],
      ['a null score', { ...good, safeguarding: null }, 'qualityStatementScores.safeguarding', /required/],
      ['a score of 0', { ...good, safeguarding: 0 }, 'qualityStatementScores.safeguarding', /1 to 4/],
      ['a score of 5', { ...good, assessing_needs: 5 }, 'qualityStatementScores.assessing_needs', /1 to 4/],
      ['a fraction', { ...good, assessing_needs: 2.5 }, 'qualityStatementScores.assessing_needs', /1 to 4/],
      ['a string', { ...good, assessing_needs: '2' }, 'qualityStatementScores.assessing_needs', /1 to 4/],
      ['an unknown key', { ...good, safe: 2 }, 'qualityStatementScores.safe', /not a CQC quality statement/],
      ['an array', [1, 2, 3], 'qualityStatementScores', /object/],
      ['a number', 18, 'qualityStatementScores', /object/],
    ])('refuses %s', (_, scores, field, message) => {
      const clean = Array.isArray(scores) || typeof scores !== 'object' ? scores : JSON.parse(JSON.stringify(scores));
      const e = ruleError(() => validateCqcScores(clean));
      expect(e.field).toBe(field);
      expect(e.message).toMatch(message);
    });

    it('returns the nine scores', () => {
      expect(validateCqcScores(good)).toEqual(good);
    });
  });

  describe('validateOfstedJudgements', () => {
    it.each([
      ['a missing judgement', { ...ALL_GOOD, care_leavers: undefined }, 'judgements.care_leavers', /required/],
      ['a grade off the scale', { ...ALL_GOOD, children_in_care: 'Requires improvement' }, 'judgements.children_in_care', /must be one of/],
      ['an unknown judgement', { ...ALL_GOOD, leadership: 'Good' }, 'judgements.leadership', /not an ILACS judgement/],
      ['an array', ['Good'], 'judgements', /object/],
    ])('refuses %s', (_, judgements, field, message) => {
      const e = ruleError(() => validateOfstedJudgements(Array.isArray(judgements) ? judgements : JSON.parse(JSON.stringify(judgements))));
      expect(e.field).toBe(field);
      expect(e.message).toMatch(message);
    });
  });

  describe('inspection kinds per regulator', () => {
    it.each([
      ['CQC', ['cqc_la_assessment']],
      ['OFSTED', ['ofsted_ilacs_full', 'ofsted_ilacs_short', 'ofsted_focused_visit', 'ofsted_monitoring_visit', 'jtai']],
      ['HMICFRS', ['other']],
      ['CIW', ['other']],
      ['FAKE_CQC', ['other']],
    ] as [Name, string[]][])('%s carries out %p', (name, kinds) => {
      expect(inspectionKindsFor(R[name]).map((k) => k.key)).toEqual(kinds);
    });
  });

  describe('resolveInspectionJudgement', () => {
    const base = { overallJudgement: null, qualityStatementScores: null, judgements: null, overallJudgementGiven: false };

    it.each([
      ['CQC with an Ofsted kind', 'CQC', { ...base, kind: 'ofsted_ilacs_full' }, 'kind'],
      ['Ofsted with the CQC kind', 'OFSTED', { ...base, kind: 'cqc_la_assessment' }, 'kind'],
      ['an own regulator with a CQC kind', 'CIW', { ...base, kind: 'cqc_la_assessment' }, 'kind'],
      ['scores on an Ofsted inspection', 'OFSTED', { ...base, kind: 'ofsted_ilacs_full', qualityStatementScores: scoresTotalling(18) }, 'qualityStatementScores'],
      ['scores on another regulator', 'CIW', { ...base, kind: 'other', qualityStatementScores: scoresTotalling(18) }, 'qualityStatementScores'],
      ['judgements on a CQC assessment', 'CQC', { ...base, kind: 'cqc_la_assessment', judgements: ALL_GOOD }, 'judgements'],
      ['judgements on a focused visit', 'OFSTED', { ...base, kind: 'ofsted_focused_visit', judgements: ALL_GOOD }, 'judgements'],
      [
        'a CQC rating that disagrees with the scores',
        'CQC',
        { ...base, kind: 'cqc_la_assessment', qualityStatementScores: scoresTotalling(18), overallJudgement: 'Good', overallJudgementGiven: true },
        'overallJudgement',
      ],
      ['a CQC rating without scores', 'CQC', { ...base, kind: 'cqc_la_assessment', overallJudgement: 'Good', overallJudgementGiven: true }, 'overallJudgement'],
      [
        'an ILACS overall that disagrees with overall_effectiveness',
        'OFSTED',
        { ...base, kind: 'ofsted_ilacs_full', judgements: ALL_GOOD, overallJudgement: 'Inadequate', overallJudgementGiven: true },
        'overallJudgement',
      ],
      ['an Ofsted grade off its scale', 'OFSTED', { ...base, kind: 'ofsted_ilacs_short', overallJudgement: 'Requires improvement', overallJudgementGiven: true }, 'overallJudgement'],
      ['a judgement on an ungraded visit', 'OFSTED', { ...base, kind: 'ofsted_monitoring_visit', overallJudgement: 'Good', overallJudgementGiven: true }, 'overallJudgement'],
      ['a judgement off an own scale', 'CIW', { ...base, kind: 'other', overallJudgement: 'Inadequate', overallJudgementGiven: true }, 'overallJudgement'],
      ['a judgement where there is no scale', 'FAKE_CQC', { ...base, kind: 'other', overallJudgement: 'Good', overallJudgementGiven: true }, 'overallJudgement'],
    ] as [string, Name, Parameters<typeof resolveInspectionJudgement>[1], string][])('refuses %s (%s)', (_, name, input, field) => {
      expect(ruleError(() => resolveInspectionJudgement(R[name], input)).field).toBe(field);
    });

    it('derives the CQC rating from the scores, and accepts the same rating sent', () => {
      const scores = scoresTotalling(18);
      expect(resolveInspectionJudgement(CQC, { ...base, kind: 'cqc_la_assessment', qualityStatementScores: scores })).toEqual({
        overallJudgement: 'Requires improvement',
        qualityStatementScores: scores,
        judgements: null,
      });
      expect(
        resolveInspectionJudgement(CQC, {
          ...base,
          kind: 'cqc_la_assessment',
          qualityStatementScores: scores,
          overallJudgement: 'Requires improvement',
          overallJudgementGiven: true,
        }).overallJudgement,
      ).toBe('Requires improvement');
    });

    it('re-derives, rather than compares, a stored CQC rating the client did not send', () => {
      const stored = { ...base, kind: 'cqc_la_assessment', qualityStatementScores: scoresTotalling(32), overallJudgement: 'Requires improvement' };
      expect(resolveInspectionJudgement(CQC, stored).overallJudgement).toBe('Outstanding');
    });

    it('takes the ILACS overall from overall_effectiveness', () => {
      const judgements = { ...ALL_GOOD, overall_effectiveness: 'Requires improvement to be good', help_and_protection: 'Requires improvement to be good' };
      expect(resolveInspectionJudgement(OFSTED, { ...base, kind: 'ofsted_ilacs_full', judgements })).toEqual({
        overallJudgement: 'Requires improvement to be good',
        qualityStatementScores: null,
        judgements,
      });
    });

    it.each([
      ['OFSTED', 'ofsted_ilacs_short', 'Good'],
      ['HMICFRS', 'other', 'Adequate'],
      ['CIW', 'other', 'Excellent'],
      ['OFSTED', 'ofsted_focused_visit', null],
      ['CQC', 'cqc_la_assessment', null],
    ] as [Name, string, string | null][])('%s %s accepts %p', (name, kind, overallJudgement) => {
      expect(
        resolveInspectionJudgement(R[name], { ...base, kind, overallJudgement, overallJudgementGiven: overallJudgement !== null }).overallJudgement,
      ).toBe(overallJudgement);
    });
  });

  describe('findings: themes and scores', () => {
    it.each([
      ['CQC', 'safeguarding', true],
      ['CQC', 'help_and_protection', false],
      ['CQC', 'Safeguarding', false],
      ['OFSTED', 'help_and_protection', true],
      ['OFSTED', 'safeguarding', false],
      ['CIW', 'Anything the report says', true],
      ['HMICFRS', 'Protecting vulnerable people', true],
      ['CQC', null, true],
    ] as [Name, string | null, boolean][])('%s theme %p allowed: %p', (name, theme, allowed) => {
      if (allowed) expect(() => checkFindingTheme(R[name], theme)).not.toThrow();
      else expect(ruleError(() => checkFindingTheme(R[name], theme)).field).toBe('theme');
    });

    it.each([
      ['CQC', 1, true],
      ['CQC', 4, true],
      ['CQC', 0, false],
      ['CQC', 5, false],
      ['CQC', 2.5, false],
      ['OFSTED', 2, false],
      ['CIW', 1, false],
      ['FAKE_CQC', 1, false],
      ['OFSTED', null, true],
    ] as [Name, number | null, boolean][])('%s score %p allowed: %p', (name, score, allowed) => {
      if (allowed) expect(() => checkFindingScore(R[name], score)).not.toThrow();
      else expect(ruleError(() => checkFindingScore(R[name], score)).field).toBe('score');
    });

    it('says "score only where the regulator scores" for a non-scoring regulator', () => {
      expect(ruleError(() => checkFindingScore(OFSTED, 2)).message).toMatch(/score only where the regulator scores/);
    });

    it('lists CQC themes with their group, Ofsted judgements, and nothing for others', () => {
      expect(findingThemesFor(CQC)).toHaveLength(9);
      expect(findingThemesFor(CQC)?.find((t) => t.key === 'safeguarding')).toEqual({ key: 'safeguarding', label: 'Safeguarding', group: 'ensuring_safety' });
      expect(findingThemesFor(OFSTED)?.map((t) => t.key)).toEqual([...OFSTED_ILACS_JUDGEMENT_KEYS]);
      expect(findingThemesFor(CIW)).toBeNull();
    });
  });
});

describe('a joint targeted area inspection (JTAI)', () => {
  const ofsted = { code: 'ofsted', builtIn: true };
  it('takes its own headings, not the ILACS judgements', () => {
    expect(() => checkFindingTheme(ofsted, 'jtai_need_and_risk', 'jtai')).not.toThrow();
    expect(() => checkFindingTheme(ofsted, 'help_and_protection', 'jtai')).toThrow(/a JTAI heading/);
    expect(() => checkFindingTheme(ofsted, 'help_and_protection', 'ofsted_ilacs_full')).not.toThrow();
    expect(findingThemesFor(ofsted, 'jtai')?.map((t) => t.key)).toEqual(JTAI_HEADINGS.map((t) => t.key));
  });
});
