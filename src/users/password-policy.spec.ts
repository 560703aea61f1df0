import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it.each([
    ['', 'must be 12 characters or more'],
    ['eleven-char', 'must be 12 characters or more'],
    ['twelve-chars', null],
    ['four random words'.padEnd(200, ' more'), null],
    ['correct-horse-battery-staple', null],
    ['Improvement-Demo-2026', null],
    ['qwertyuiop123', 'is too easy to guess: it is a commonly used password. Try three random words'],
    ['1q2w3e4r5t6y', 'is too easy to guess: it is a commonly used password. Try three random words'],
    ['Password2026!', 'is too easy to guess: it is a commonly used password. Try three random words'],
    ['LETMEIN123456', 'is too easy to guess: it is a commonly used password. Try three random words'],
    ['abcabcabcabc', 'is too easy to guess: it is a commonly used password. Try three random words'],
    ['x'.repeat(200), 'is too easy to guess: it is a commonly used password. Try three random words'],
    ['x'.repeat(201), 'must be 200 characters or fewer'],
  ])('%j -> %j', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });
});
