import { homePage } from './home.view-model';

describe('home view model', () => {
  it.each([
    ['board', 'improvement board member'],
    ['owner', 'action owner'],
    ['scrutiny', 'scrutiny committee member'],
    ['admin', 'administrator'],
  ] as const)('names a %s by their role in words', (role, words) => {
    expect(homePage({ name: 'Jo Bloggs', organisationName: 'Wigan Council', role })).toEqual({
      pageTitle: 'Home',
      activeNav: 'home',
      organisationName: 'Wigan Council',
      name: 'Jo Bloggs',
      roleWords: words,
    });
  });
});
