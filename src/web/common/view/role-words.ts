import type { Role } from '../../../common/request-context/request-context';

/** Each role in the words its holders use. */
export const ROLE_WORDS: Readonly<Record<Role, string>> = Object.freeze({
  admin: 'Administrator',
  board: 'Improvement board member',
  owner: 'Action owner',
  scrutiny: 'Scrutiny committee member',
});
