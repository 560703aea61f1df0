import { mergeWithDefaults, validateRagPolicySettings } from './rag-policy.schema';
import { DEFAULT_RAG_POLICY, type RagPolicySettings } from './rag-policy.types';

/** The defaults as a plain, mutable object, with some settings changed. */
function settings(changes: Record<string, unknown> = {}, ruleChanges: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...DEFAULT_RAG_POLICY, rules: { ...DEFAULT_RAG_POLICY.rules, ...ruleChanges }, ...changes };
}

describe('validateRagPolicySettings', () => {
  it('accepts the defaults and returns a copy', () => {
    const input = settings();
    const result = validateRagPolicySettings(input);
    expect(result).toEqual({ ok: true, value: DEFAULT_RAG_POLICY });
    if (result.ok) {
      expect(result.value).not.toBe(input);
      expect(result.value.rules).not.toBe(input.rules);
    }
  });

  it.each([
    ['redAfterDays at its lowest', settings({ redAfterDays: 1 })],
    ['redAfterDays at its highest', settings({ redAfterDays: 365 })],
    ['staleAfterDays at its lowest', settings({ staleAfterDays: 1 })],
    ['staleAfterDays at its highest', settings({ staleAfterDays: 365 })],
    ['progress thresholds 1 and 2', settings({ progressAmberPoints: 1, progressRedPoints: 2 })],
    ['progress thresholds 99 and 100', settings({ progressAmberPoints: 99, progressRedPoints: 100 })],
    ['every rule off', settings({}, { overdueAction: false, overdueMilestones: false, blocked: false, staleUpdates: false, rejectedEvidence: false, progressAgainstTime: false })],
    ['progress against time on', settings({}, { progressAgainstTime: true })],
  ])('accepts %s', (_case, input) => {
    const result = validateRagPolicySettings(input);
    expect(result).toEqual({ ok: true, value: input });
  });

  it.each<[string, unknown, { field: string; message: string }[]]>([
    ['null', null, [{ field: 'settings', message: 'must be an object' }]],
    ['a string', '28', [{ field: 'settings', message: 'must be an object' }]],
    ['an array', [], [{ field: 'settings', message: 'must be an object' }]],
    ['redAfterDays 0', settings({ redAfterDays: 0 }), [{ field: 'redAfterDays', message: 'must be between 1 and 365' }]],
    ['redAfterDays 366', settings({ redAfterDays: 366 }), [{ field: 'redAfterDays', message: 'must be between 1 and 365' }]],
    ['redAfterDays 28.5', settings({ redAfterDays: 28.5 }), [{ field: 'redAfterDays', message: 'must be a whole number' }]],
    ['redAfterDays as text', settings({ redAfterDays: '28' }), [{ field: 'redAfterDays', message: 'must be a whole number' }]],
    ['redAfterDays NaN', settings({ redAfterDays: Number.NaN }), [{ field: 'redAfterDays', message: 'must be a whole number' }]],
    ['redAfterDays null', settings({ redAfterDays: null }), [{ field: 'redAfterDays', message: 'must be a whole number' }]],
    ['staleAfterDays missing', settings({ staleAfterDays: undefined }), [{ field: 'staleAfterDays', message: 'is required' }]],
    ['staleAfterDays 0', settings({ staleAfterDays: 0 }), [{ field: 'staleAfterDays', message: 'must be between 1 and 365' }]],
    ['staleAfterDays 366', settings({ staleAfterDays: 366 }), [{ field: 'staleAfterDays', message: 'must be between 1 and 365' }]],
    ['progressAmberPoints 0', settings({ progressAmberPoints: 0 }), [{ field: 'progressAmberPoints', message: 'must be between 1 and 100' }]],
    ['progressRedPoints 101', settings({ progressRedPoints: 101 }), [{ field: 'progressRedPoints', message: 'must be between 1 and 100' }]],
    ['Amber and Red thresholds equal', settings({ progressAmberPoints: 20, progressRedPoints: 20 }), [{ field: 'progressRedPoints', message: 'must be more than progressAmberPoints (20)' }]],
    ['Amber threshold above Red', settings({ progressAmberPoints: 40, progressRedPoints: 30 }), [{ field: 'progressRedPoints', message: 'must be more than progressAmberPoints (40)' }]],
    ['Amber threshold 100', settings({ progressAmberPoints: 100, progressRedPoints: 100 }), [{ field: 'progressRedPoints', message: 'must be more than progressAmberPoints (100)' }]],
    ['an unknown setting', settings({ amberAfterDays: 7 }), [{ field: 'amberAfterDays', message: "unknown setting 'amberAfterDays'" }]],
    ['an unknown rule', settings({}, { overdueRisks: true }), [{ field: 'rules.overdueRisks', message: "unknown setting 'rules.overdueRisks'" }]],
    ['a rule flag as text', settings({}, { blocked: 'true' }), [{ field: 'rules.blocked', message: 'must be true or false' }]],
    ['a rule flag as 1', settings({}, { staleUpdates: 1 }), [{ field: 'rules.staleUpdates', message: 'must be true or false' }]],
    ['a rule flag missing', settings({}, { rejectedEvidence: undefined }), [{ field: 'rules.rejectedEvidence', message: 'is required' }]],
    ['rules missing', settings({ rules: undefined }), [{ field: 'rules', message: 'is required' }]],
    ['rules not an object', settings({ rules: true }), [{ field: 'rules', message: 'must be an object' }]],
  ])('rejects %s', (_case, input, errors) => {
    expect(validateRagPolicySettings(input)).toEqual({ ok: false, errors });
  });

  it('reports every problem at once, each naming its field', () => {
    const result = validateRagPolicySettings({ redAfterDays: -1, colour: 'red', rules: { blocked: 'no' } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.field)).toEqual([
        'colour',
        'redAfterDays',
        'staleAfterDays',
        'progressAmberPoints',
        'progressRedPoints',
        'rules.overdueAction',
        'rules.overdueMilestones',
        'rules.blocked',
        'rules.staleUpdates',
        'rules.rejectedEvidence',
        'rules.progressAgainstTime',
      ]);
    }
  });
});

describe('mergeWithDefaults', () => {
  it.each<[string, Parameters<typeof mergeWithDefaults>[0], RagPolicySettings]>([
    ['nothing given', undefined, DEFAULT_RAG_POLICY],
    ['null', null, DEFAULT_RAG_POLICY],
    ['an empty object', {}, DEFAULT_RAG_POLICY],
    ['one threshold', { redAfterDays: 14 }, { ...DEFAULT_RAG_POLICY, redAfterDays: 14 }],
    ['one rule', { rules: { progressAgainstTime: true } }, { ...DEFAULT_RAG_POLICY, rules: { ...DEFAULT_RAG_POLICY.rules, progressAgainstTime: true } }],
    ['an undefined value keeps the default', { staleAfterDays: undefined, rules: { blocked: undefined } }, DEFAULT_RAG_POLICY],
    [
      'several at once',
      { staleAfterDays: 30, progressAmberPoints: 10, progressRedPoints: 20, rules: { blocked: false } },
      { ...DEFAULT_RAG_POLICY, staleAfterDays: 30, progressAmberPoints: 10, progressRedPoints: 20, rules: { ...DEFAULT_RAG_POLICY.rules, blocked: false } },
    ],
  ])('%s', (_case, partial, expected) => {
    expect(mergeWithDefaults(partial)).toEqual(expected);
  });

  it("completes from the organisation's current settings when given", () => {
    const current: RagPolicySettings = { ...DEFAULT_RAG_POLICY, redAfterDays: 14, rules: { ...DEFAULT_RAG_POLICY.rules, staleUpdates: false } };
    expect(mergeWithDefaults({ staleAfterDays: 21 }, current)).toEqual({ ...current, staleAfterDays: 21 });
  });

  it('never changes the defaults', () => {
    const merged = mergeWithDefaults({});
    merged.rules.blocked = false;
    merged.redAfterDays = 3;
    expect(DEFAULT_RAG_POLICY.rules.blocked).toBe(true);
    expect(DEFAULT_RAG_POLICY.redAfterDays).toBe(28);
  });

  it('keeps unknown keys and bad values so validation can name them', () => {
    const body: unknown = { amberAfterDays: 7, rules: { overdueRisks: true } };
    const result = validateRagPolicySettings(mergeWithDefaults(body as Parameters<typeof mergeWithDefaults>[0]));
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'amberAfterDays', message: "unknown setting 'amberAfterDays'" },
        { field: 'rules.overdueRisks', message: "unknown setting 'rules.overdueRisks'" },
      ],
    });
  });

  it('gives settings that validate when the part is valid', () => {
    expect(validateRagPolicySettings(mergeWithDefaults({ redAfterDays: 60, rules: { progressAgainstTime: true } })).ok).toBe(true);
  });
});
