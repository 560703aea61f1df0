import { homePage } from './home.view-model';

describe('home view model', () => {
  it.each([
    ['member', 'member'],
    ['chief_officer', 'chief officer'],
    ['admin', 'administrator'],
  ] as const)('names a %s by their role in words', (role, words) => {
    expect(homePage({ name: 'Jo Bloggs', organisationName: 'Wigan Council', role })).toEqual({
      pageTitle: 'Home',
      activeNav: 'home',
      organisationName: 'Wigan Council',
      name: 'Jo Bloggs',
      roleWords: words,
      plans: [],
      newPlanHref: role === 'admin' ? '/plans/new' : null,
    });
  });

  it("names someone by their one plan role, and links each plan they hold a role in to the first page that role sees", () => {
    const one = homePage({ name: 'Jo Bloggs', organisationName: 'Wigan Council', role: 'member' }, [{ id: 'p1', title: 'Adult social care plan', myRole: 'board', status: 'active' }]);
    expect(one.roleWords).toBe('improvement board member');
    const two = homePage({ name: 'Jo Bloggs', organisationName: 'Wigan Council', role: 'member' }, [
      { id: 'p1', title: 'Adult social care plan', myRole: 'board', status: 'active' },
      { id: 'p2', title: "Children's services plan", myRole: 'owner', status: 'closed' },
      { id: 'p3', title: 'SEND plan', myRole: 'scrutiny', status: 'active' },
      { id: 'p4', title: 'Overview plan', myRole: null, status: 'active' },
    ]);
    expect(two.roleWords).toBe('member');
    expect(two.plans).toEqual([
      { title: 'Adult social care plan', roleWords: 'improvement board member', closed: false, href: '/plans/p1' },
      { title: "Children's services plan", roleWords: 'action owner', closed: true, href: '/plans/p2' },
      { title: 'SEND plan', roleWords: 'scrutiny committee member', closed: false, href: '/plans/p3/reports' },
      { title: 'Overview plan', roleWords: 'overview only', closed: false, href: null },
    ]);
    expect(two.newPlanHref).toBeNull();
  });

  it('offers administrators, and only them, to start a new plan, with plans or none', () => {
    const admin = { name: 'Ada Admin', organisationName: 'Wigan Council', role: 'admin' } as const;
    expect(homePage(admin).newPlanHref).toBe('/plans/new');
    expect(homePage(admin, [{ id: 'p1', title: 'Adult social care plan', myRole: 'admin', status: 'active' }])).toMatchObject({
      newPlanHref: '/plans/new',
      plans: [{ title: 'Adult social care plan', roleWords: 'administrator', closed: false, href: '/plans/p1' }],
    });
    for (const role of ['member', 'chief_officer'] as const) expect(homePage({ ...admin, role }).newPlanHref).toBeNull();
  });
});
