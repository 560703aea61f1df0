import { errorMessageFor, errorSummaryItems, formValue, formVersion } from './form-errors';

describe('form errors', () => {
  const errors = [
    { field: 'email', text: 'Enter your email address' },
    { field: 'dueDate', text: 'Enter a due date', href: '#dueDate-day' },
  ];

  it('lists every error for the summary, linking to its field', () => {
    expect(errorSummaryItems(errors)).toEqual([
      { text: 'Enter your email address', href: '#email' },
      { text: 'Enter a due date', href: '#dueDate-day' },
    ]);
    expect(errorSummaryItems(undefined)).toEqual([]);
  });

  it("gives a field its message, or false so the component shows none", () => {
    expect(errorMessageFor(errors, 'email')).toEqual({ text: 'Enter your email address' });
    expect(errorMessageFor(errors, 'password')).toBe(false);
    expect(errorMessageFor(null, 'email')).toBe(false);
  });

  it.each([
    [{ email: 'a@b.c' }, 'a@b.c'],
    [{ email: ['first', 'second'] }, 'first'],
    [{ email: { nested: true } }, ''],
    [{}, ''],
    [null, ''],
  ])('formValue(%j) is %j', (body, expected) => {
    expect(formValue(body, 'email')).toBe(expected);
  });

  it('formVersion: a whole number from 1 to the integer maximum, else 0 (saving then answers 409 stale)', () => {
    expect(formVersion({ version: '7' })).toBe(7);
    expect(formVersion({ version: '2147483647' })).toBe(2147483647);
    for (const version of ['2147483648', '99999999999', '1e21', '0', '-1', '1.5', ' 7', '', undefined, ['7', '8']]) {
      expect([version, formVersion({ version })]).toEqual([version, Array.isArray(version) ? 7 : 0]);
    }
  });
});
