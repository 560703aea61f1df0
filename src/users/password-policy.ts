import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * NCSC guidance: length, and no password from a list of the most common ones; no composition
 * rules. The one place the rule lives, so the API's DTOs, the web forms and the CLI say the same
 * thing.
 *
 * The deny-list is the common-passwords list shipped with `@zxcvbn-ts/language-common` (about
 * 49,000 passwords seen most often in breaches, MIT licence; updated with the package). A password
 * is refused when, compared without case:
 * - it is on the list ("qwertyuiop123"),
 * - it is a listed password with only digits and symbols added at the end ("Password2026!",
 *   "letmein123456"), the commonest way people lengthen one, or
 * - it is a shorter piece repeated ("abcabcabcabc", "xxxxxxxxxxxx").
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/** The shortest listed word that counts as a base with digits or symbols added. */
const MIN_BASE_LENGTH = 4;

let common: ReadonlySet<string> | undefined;
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

/** Whether the password is on the deny-list, is a listed one with digits or symbols added, or repeats one piece. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const list = commonPasswords();
  if (list.has(lower)) return true;
  const base = lower.replace(/[\d\W_]+$/u, '');
  if (base.length >= MIN_BASE_LENGTH && base !== lower && list.has(base)) return true;
  return /^(.{1,6}?)\1+$/su.test(lower);
}

/** What is wrong with a new password, in words that finish "Your new password ...", or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `must be ${PASSWORD_MIN_LENGTH} characters or more`;
  if (password.length > PASSWORD_MAX_LENGTH) return `must be ${PASSWORD_MAX_LENGTH} characters or fewer`;
  if (isCommonPassword(password)) return 'is too easy to guess: it is a commonly used password. Try three random words';
  return null;
}
