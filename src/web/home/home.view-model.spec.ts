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
    });
  });

  it("names someone by their one plan role, and lists each plan with the role held in it", () => {
    const one = homePage({ name: 'Jo Bloggs', organisationName: 'Wigan Council', role: 'member' }, [{ title: 'Adult social care plan', myRole: 'board', status: 'active' }]);
    expect(one.roleWords).toBe('improvement board member');
    const two = homePage({ name: 'Jo Bloggs', organisationName: 'Wigan Council', role: 'member' }, [
      { title: 'Adult social care plan', myRole: 'board', status: 'active' },
      { title: "Children's services plan", myRole: 'owner', status: 'closed' },
    ]);
    expect(two.roleWords).toBe('member');
    expect(two.plans).toEqual([
      { title: 'Adult social care plan', roleWords: 'improvement board member', closed: false },
      { title: "Children's services plan", roleWords: 'action owner', closed: true },
    ]);
  });
});
