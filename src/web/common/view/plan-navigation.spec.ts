import { planLandingPage, planNavigation } from './plan-navigation';
import { PLAN_PAGE, planPaths, ROW_PAGE } from '../web-paths';

describe('plan navigation', () => {
  const plan = { id: 'p1', title: 'Adult social care improvement plan' };

  it('lists the pages a board member may open, marking the current one', () => {
    const nav = planNavigation(plan, 'board', 'actions');
    expect(nav.planTitle).toBe(plan.title);
    expect(nav.items.map((i) => i.text)).toContain('Evidence to review');
    expect(nav.items.filter((i) => i.current)).toEqual([{ href: '/plans/p1/actions', text: 'Actions', current: true }]);
  });

  it('gives a scrutiny member only the published reports', () => {
    expect(planNavigation(plan, 'scrutiny', null).items.map((i) => i.text)).toEqual(['Published reports']);
    expect(planLandingPage(plan, 'scrutiny')).toBe('/plans/p1/reports');
    expect(planLandingPage(plan, 'owner')).toBe('/plans/p1');
  });

  it('never offers an owner the board pages', () => {
    const texts = planNavigation(plan, 'owner', null).items.map((i) => i.text);
    expect(texts).toEqual(['Dashboard', 'The plan', 'Actions', 'My actions']);
  });

  it('builds route patterns and encoded addresses', () => {
    expect(PLAN_PAGE.packs).toBe('/plans/:planId/packs');
    expect(planPaths('a/b').packs).toBe('/plans/a%2Fb/packs');
    expect(ROW_PAGE.action('x y')).toBe('/actions/x%20y');
  });
});
