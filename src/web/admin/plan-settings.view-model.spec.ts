import type { PlanDto } from '../../plans/dto/plan.dto';
import type { RagPolicyDto, RagPolicySettingsDto } from '../../rag/settings/dto/rag-policy.dto';
import { DEFAULT_RAG_POLICY } from '../../rag/policy/rag-policy.types';
import { checkRagForm, planDetailsFormErrors, planSettingsPage, policyChanges, policyHistory, ragFormFrom, ticked } from './plan-settings.view-model';

const defaults: RagPolicySettingsDto = { ...DEFAULT_RAG_POLICY, rules: { ...DEFAULT_RAG_POLICY.rules } };
const plan = { id: 'p1', title: 'Adult social care plan', status: 'active', programmeLead: null, closedAt: null, version: 3 } as unknown as PlanDto;
const v1: RagPolicyDto = { version: 1, settings: defaults, createdAt: '2026-11-01T10:00:00.000Z', createdById: null };
const v2: RagPolicyDto = { version: 2, settings: { ...defaults, redAfterDays: 14, rules: { ...defaults.rules, blocked: false } }, createdAt: '2026-11-20T10:00:00.000Z', createdById: 'u1' };

describe('plan settings view model', () => {
  it('reads the form back into the settings the service takes', () => {
    const form = { ...ragFormFrom(defaults), redAfterDays: ' 14 ', rules: ticked(['blocked', 'nonsense', 'overdueAction']) };
    const result = checkRagForm(form);
    expect(result.ok && result.settings).toEqual({ ...defaults, redAfterDays: 14, rules: { overdueAction: true, overdueMilestones: false, blocked: true, staleUpdates: false, rejectedEvidence: false, progressAgainstTime: false } });
    expect(ticked(undefined)).toEqual([]);
    expect(ticked('blocked')).toEqual(['blocked']);
  });

  it('names each bad setting in words', () => {
    const result = checkRagForm({ redAfterDays: '', staleAfterDays: '4.5', progressAmberPoints: '30', progressRedPoints: '20', rules: [] });
    expect(!result.ok && result.errors.map((e) => `${e.field}: ${e.text}`)).toEqual([
      'redAfterDays: Enter the days a milestone may be overdue before it is Red',
      'staleAfterDays: Days without a progress update before a started action is Amber must be a whole number',
      'progressRedPoints: Points behind time for Red must be more than the points for Amber (30)',
    ]);
    const range = checkRagForm({ ...ragFormFrom(defaults), redAfterDays: '366' });
    expect(!range.ok && range.errors[0].text).toBe('Days a milestone may be overdue before it is Red must be between 1 and 365');
  });

  it('says what each version changed, who made it and when', () => {
    expect(policyChanges(defaults, v2.settings)).toEqual(['Days a milestone may be overdue before it is Red: 28 to 14', 'Rule “Status blocked: Red”: on to off']);
    expect(policyChanges(defaults, defaults)).toEqual(['No change']);
    const history = policyHistory([v1, v2], new Map([['u1', 'Ada Lin']]), (iso) => `at ${iso.slice(0, 10)}`);
    expect(history.map((h) => [h.version, h.who, h.when, h.changes.length])).toEqual([
      [2, 'Ada Lin', 'at 2026-11-20', 2],
      [1, 'Set up with the defaults', 'at 2026-11-01', 1],
    ]);
  });

  it('lets only admin change the RAG policy and close, board and admin the details, and nobody change a closed plan', () => {
    const board = planSettingsPage({ plan, role: 'board', policy: v2, history: [] });
    expect(board).toMatchObject({ canEditPolicy: false, canEditDetails: true, canClose: false, policyVersion: 2, planNav: { planTitle: 'Adult social care plan' } });
    // The board reads the policy in force as a summary list.
    expect(board.policyRows).toContainEqual({ key: { text: 'Status blocked: Red' }, value: { text: 'Off' } });
    expect(board.policyRows).toContainEqual({ key: { text: 'Days a milestone may be overdue before it is Red' }, value: { text: '14' } });
    const admin = planSettingsPage({ plan, role: 'admin', policy: v2, history: [] });
    expect(admin).toMatchObject({ canEditPolicy: true, canEditDetails: true, canClose: true });
    expect(admin.ruleItems.find((r) => r.value === 'blocked')?.checked).toBe(false);
    expect(admin.numberFields.find((f) => f.name === 'redAfterDays')?.value).toBe('14');
    expect(planSettingsPage({ plan: { ...plan, status: 'closed' }, role: 'admin', policy: v2, history: [] })).toMatchObject({ canEditPolicy: false, canEditDetails: false, canClose: false });
    expect(planDetailsFormErrors({ title: '', programmeLead: '' }).map((e) => e.field)).toEqual(['title']);
  });
});
