import type { AuthUser, PlanRole } from '../common/request-context/request-context';
import { canSeePack, packVisibility, seesPeople } from './pack-access';

describe('pack access', () => {
  const plan = { organisationId: 'org-a', planId: 'plan-a' };
  const draftBoard = { ...plan, audience: 'board' as const, publishedAt: null };
  const draftScrutiny = { ...plan, audience: 'scrutiny' as const, publishedAt: null };
  const publishedScrutiny = { ...plan, audience: 'scrutiny' as const, publishedAt: new Date('2026-11-24T09:00:00Z') };
  const user = (role: 'admin' | PlanRole | null, planId = 'plan-a'): AuthUser => ({
    id: 'u',
    organisationId: 'org-a',
    email: 'u@example.gov.uk',
    name: 'U',
    role: role === 'admin' ? 'admin' : 'member',
    plans: { [planId]: { role: role === 'admin' ? null : role, closed: false }, 'plan-b': { role: null, closed: false } },
  });

  it.each(['admin', 'board'] as const)('lets %s see every pack of the plan', (role) => {
    expect(packVisibility(user(role), plan)).toEqual({ audience: null, publishedOnly: false });
    for (const pack of [draftBoard, draftScrutiny, publishedScrutiny]) expect(canSeePack(user(role), pack)).toBe(true);
    expect(seesPeople(user(role), plan)).toBe(true);
  });

  it('lets scrutiny members see published scrutiny packs only', () => {
    const scrutiny = user('scrutiny');
    expect(packVisibility(scrutiny, plan)).toEqual({ audience: 'scrutiny', publishedOnly: true });
    expect(canSeePack(scrutiny, publishedScrutiny)).toBe(true);
    expect(canSeePack(scrutiny, draftScrutiny)).toBe(false);
    expect(canSeePack(scrutiny, draftBoard)).toBe(false);
    // A board pack can never be published, but if one were, scrutiny still would not see it.
    expect(canSeePack(scrutiny, { ...plan, audience: 'board', publishedAt: new Date() })).toBe(false);
    expect(seesPeople(scrutiny, plan)).toBe(false);
  });

  it("hides every pack of a plan the user holds no role in, and owners' plans' packs", () => {
    expect(canSeePack(user('board', 'plan-b'), publishedScrutiny)).toBe(false);
    expect(canSeePack(user('owner'), publishedScrutiny)).toBe(false);
  });
});
