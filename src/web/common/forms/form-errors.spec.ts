import { errorMessageFor, errorSummaryItems, formValue } from './form-errors';

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
});
