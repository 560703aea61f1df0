import type { AuthUser, PlanRole, Role } from '../request-context/request-context';
import {
  assertCanContribute,
  assertCanListWithdrawnEvidence,
  assertCanOverrideRag,
  assertCanReadEvidence,
  assertCanReadEvidenceOf,
  assertCanReview,
  assertCanSeeRagHistory,
  assertCanUploadTo,
  assertCanWithdraw,
  assertPlanManager,
  assertPlanReader,
  assertRagPolicyEditor,
  canContribute,
  isPlanManager,
  planRoleOf,
  requireReadablePlanRow,
  requireVisibleAction,
} from './access-policy';

/** A user holding `role` in plan 'plan' (admins: the organisation role), and `elsewhere` in plan 'plan-b'. */
const user = (role: Role, id = `${role}-1`, elsewhere: PlanRole | null = null): AuthUser => ({
  id,
  role: role === 'admin' ? 'admin' : 'member',
  organisationId: 'org',
  email: `${id}@x.gov.uk`,
  name: id,
  plans: { plan: { role: role === 'admin' ? null : role, closed: false }, 'plan-b': { role: elsewhere, closed: false } },
});
const ownersAction = { id: 'action-1', organisationId: 'org', planId: 'plan', ownerId: 'owner-1' };
const othersAction = { id: 'action-2', organisationId: 'other-org', planId: 'plan', ownerId: 'owner-1' };
const live = { id: 'ev-1', withdrawnAt: null };
const withdrawn = { id: 'ev-2', withdrawnAt: new Date('2026-11-01T00:00:00Z') };
const upload = (uploadedById: string) => ({ organisationId: 'org', planId: 'plan', uploadedById });

/** 'ok', or the status and message of the refusal. */
const outcome = (fn: () => unknown): string => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    const { status, message } = e as { status: number; message: string };
    return `${status} ${message}`;
  }
};
const status = (fn: () => unknown): number | 'ok' => {
  const result = outcome(fn);
  return result === 'ok' ? 'ok' : Number(result.slice(0, 3));
};

/** Every user the matrices below are read for: each role, and an owner who does not own the action. */
const PEOPLE: [string, AuthUser][] = [
  ['admin', user('admin')],
  ['board', user('board')],
  ['owner (own)', user('owner', 'owner-1')],
  ['owner (another)', user('owner', 'owner-2')],
  ['scrutiny', user('scrutiny')],
];

describe('the access policy', () => {
  describe("the user's role for a row's plan", () => {
    it('is the role they hold in that plan, none in another organisation, none in a plan they hold no role in', () => {
      expect(planRoleOf(user('board'), { organisationId: 'org', planId: 'plan' })).toBe('board');
      expect(planRoleOf(user('board'), { organisationId: 'other-org', planId: 'plan' })).toBeNull();
      expect(planRoleOf(user('board'), { organisationId: 'org', planId: 'plan-b' })).toBeNull();
      expect(planRoleOf(user('owner', 'o', 'board'), { organisationId: 'org', planId: 'plan-b' })).toBe('board');
      expect(planRoleOf(user('admin'), { organisationId: 'org', planId: 'plan-b' })).toBe('admin');
      expect(planRoleOf(user('admin'), { organisationId: 'org', planId: 'unknown-plan' })).toBeNull();
    });

    it("is per plan: an owner in one plan and board in another manages only the second", () => {
      const both = user('owner', 'owner-2', 'board');
      const inB = { ...ownersAction, planId: 'plan-b' };
      expect(status(() => assertCanOverrideRag(both, ownersAction))).toBe(403);
      expect(status(() => assertCanOverrideRag(both, inB))).toBe('ok');
      expect(status(() => requireVisibleAction(user('board'), inB.id, inB))).toBe(404);
    });

    it('refuses every write to a closed plan with 409 plan_closed, reads still work', () => {
      const closed: AuthUser = { ...user('board'), plans: { plan: { role: 'board', closed: true } } };
      expect(status(() => assertPlanManager(closed, ownersAction, 'edit'))).toBe(409);
      expect(status(() => assertCanContribute(closed, ownersAction))).toBe(409);
      expect(status(() => requireVisibleAction(closed, ownersAction.id, ownersAction))).toBe('ok');
    });
  });

  describe('rows of the plan', () => {
    it.each<[string, string]>([
      ['admin', 'ok'],
      ['board', 'ok'],
      ['owner (own)', 'ok'],
      ['owner (another)', 'ok'],
      ['scrutiny', '404 Finding f-1 not found'],
    ])('reading one: %s -> %s', (who, expected) => {
      const u = PEOPLE.find(([name]) => name === who)![1];
      expect(outcome(() => requireReadablePlanRow(u, 'Finding', 'f-1', { organisationId: 'org', planId: 'plan' }))).toBe(expected);
      expect(outcome(() => assertPlanReader(u, 'Finding', 'f-1'))).toBe(expected);
    });

    it('is 404 for a row that is missing or of another organisation, whoever asks', () => {
      for (const [, u] of PEOPLE) {
        expect(outcome(() => requireReadablePlanRow(u, 'Notice', 'n-1', null))).toBe('404 Notice n-1 not found');
        expect(outcome(() => requireReadablePlanRow(u, 'Notice', 'n-1', { organisationId: 'other-org', planId: 'plan' }))).toBe('404 Notice n-1 not found');
      }
    });

    it('returns the row it was given', () => {
      const row = { organisationId: 'org', planId: 'plan', title: 'Safeguarding' };
      expect(requireReadablePlanRow(user('owner'), 'Workstream', 'w-1', row)).toBe(row);
    });
  });

  describe('actions', () => {
    it.each<[string, string, string, boolean]>([
      // who,              see,                          contribute (update),                            manage
      ['admin', 'ok', 'ok', true],
      ['board', 'ok', 'ok', true],
      ['owner (own)', 'ok', 'ok', false],
      ['owner (another)', 'ok', '403 you can only update actions you own', false],
      ['scrutiny', '404 Action action-1 not found', '403 you can only update actions you own', false],
    ])('%s: see -> %s, contribute -> %s, manage -> %s', (who, see, contribute, manage) => {
      const u = PEOPLE.find(([name]) => name === who)![1];
      expect(outcome(() => requireVisibleAction(u, 'action-1', ownersAction))).toBe(see);
      expect(outcome(() => assertCanContribute(u, ownersAction))).toBe(contribute);
      expect(canContribute(u, ownersAction)).toBe(contribute === 'ok');
      expect(isPlanManager(u, ownersAction)).toBe(manage);
      expect(outcome(() => assertPlanManager(u, ownersAction, 'delete actions'))).toBe(manage ? 'ok' : '403 only admin and board members can delete actions');
    });

    it('names the verb in the refusal', () => {
      expect(outcome(() => assertCanContribute(user('owner', 'owner-2'), ownersAction, 'add updates to'))).toBe('403 you can only add updates to actions you own');
    });

    it("is 404 for a missing action and for another organisation's, even for its managers", () => {
      for (const [, u] of PEOPLE) {
        expect(outcome(() => requireVisibleAction(u, 'action-9', null))).toBe('404 Action action-9 not found');
        expect(outcome(() => requireVisibleAction(u, 'action-2', othersAction))).toBe('404 Action action-2 not found');
        expect(canContribute(u, othersAction)).toBe(false);
        expect(isPlanManager(u, othersAction)).toBe(false);
      }
    });

    it('returns the action it was given', () => {
      expect(requireVisibleAction(user('board'), 'action-1', ownersAction)).toBe(ownersAction);
    });
  });

  describe("the plan's RAG policy", () => {
    it.each<[string, string]>([
      ['admin', 'ok'],
      ['board', '403 only administrators can change the RAG policy'],
      ['owner (own)', '403 only administrators can change the RAG policy'],
      ['scrutiny', '403 only administrators can change the RAG policy'],
    ])('changing it: %s -> %s', (who, expected) => {
      const u = PEOPLE.find(([name]) => name === who)![1];
      expect(outcome(() => assertRagPolicyEditor(u, { organisationId: 'org', planId: 'plan' }))).toBe(expected);
    });

    it("is refused for another organisation's plan, and 409 once the plan is closed", () => {
      expect(status(() => assertRagPolicyEditor(user('admin'), { organisationId: 'other-org', planId: 'plan' }))).toBe(403);
      const closed: AuthUser = { ...user('admin'), plans: { plan: { role: null, closed: true } } };
      expect(status(() => assertRagPolicyEditor(closed, { organisationId: 'org', planId: 'plan' }))).toBe(409);
    });
  });

  describe("an action's RAG", () => {
    it.each<[string, string, string]>([
      ['admin', 'ok', 'ok'],
      ['board', 'ok', 'ok'],
      ['owner (own)', '403 only board members and administrators can override a RAG status', 'ok'],
      ['owner (another)', '403 only board members and administrators can override a RAG status', '403 you can only see the RAG history of actions you own'],
    ])('%s: override -> %s, history -> %s', (who, override, history) => {
      const u = PEOPLE.find(([name]) => name === who)![1];
      expect(outcome(() => assertCanOverrideRag(u, ownersAction))).toBe(override);
      expect(outcome(() => assertCanSeeRagHistory(u, ownersAction))).toBe(history);
    });
  });

  describe('evidence', () => {
    it.each<[Role, string, number | 'ok']>([
      ['admin', 'admin-1', 'ok'],
      ['board', 'board-1', 'ok'],
      ['owner', 'owner-1', 'ok'],
      ['owner', 'owner-2', 404],
      ['scrutiny', 'scrutiny-1', 404],
    ])("reading an action's evidence: %s %s -> %s", (role, id, expected) => {
      expect(status(() => assertCanReadEvidenceOf(user(role, id), ownersAction))).toBe(expected);
    });

    it('hides withdrawn evidence from everyone but admins', () => {
      expect(status(() => assertCanReadEvidence(user('admin'), ownersAction, withdrawn))).toBe('ok');
      for (const u of [user('board'), user('owner', 'owner-1')]) {
        expect(status(() => assertCanReadEvidence(u, ownersAction, live))).toBe('ok');
        expect(outcome(() => assertCanReadEvidence(u, ownersAction, withdrawn))).toBe('404 Evidence ev-2 not found');
      }
      expect(outcome(() => assertCanReadEvidence(user('owner', 'owner-2'), ownersAction, live))).toBe('404 Evidence ev-1 not found');
    });

    it('lists withdrawn evidence for admins only', () => {
      expect(status(() => assertCanListWithdrawnEvidence(user('admin')))).toBe('ok');
      expect(outcome(() => assertCanListWithdrawnEvidence(user('board')))).toBe('403 Only admins can list withdrawn evidence');
    });

    it.each<[Role, string, number | 'ok']>([
      ['admin', 'admin-1', 'ok'],
      ['board', 'board-1', 'ok'],
      ['owner', 'owner-1', 'ok'],
      ['owner', 'owner-2', 403],
      ['scrutiny', 'scrutiny-1', 404],
    ])('uploading: %s %s -> %s', (role, id, expected) => {
      expect(status(() => assertCanUploadTo(user(role, id), ownersAction))).toBe(expected);
    });

    it('uploading: says why in words', () => {
      expect(outcome(() => assertCanUploadTo(user('owner', 'owner-2'), ownersAction))).toBe('403 You can only add evidence to actions you own');
    });

    it('reviewing: board and admin, never the uploader', () => {
      expect(status(() => assertCanReview(user('board'), upload('owner-1')))).toBe('ok');
      expect(status(() => assertCanReview(user('admin'), upload('owner-1')))).toBe('ok');
      expect(outcome(() => assertCanReview(user('owner', 'owner-2'), upload('owner-1')))).toBe('403 Only board members and admins review evidence');
      expect(outcome(() => assertCanReview(user('board'), upload('board-1')))).toBe('403 You uploaded this evidence; another board member must review it');
    });

    it('withdrawing: the uploader only', () => {
      expect(status(() => assertCanWithdraw(user('owner', 'owner-1'), upload('owner-1')))).toBe('ok');
      expect(outcome(() => assertCanWithdraw(user('admin'), upload('owner-1')))).toBe('403 Only the person who uploaded this evidence can withdraw it');
    });
  });
});
