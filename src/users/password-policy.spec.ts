import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it.each([
    ['', 'must be 12 characters or more'],
    ['eleven-char', 'must be 12 characters or more'],
    ['twelve-chars', null],
    ['x'.repeat(200), null],
    ['x'.repeat(201), 'must be 200 characters or fewer'],
  ])('%j -> %j', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });
});
