import type { OrganisationRole, Role } from '../../../common/request-context/request-context';

/** Each role in the words its holders use. */
export const ROLE_WORDS: Readonly<Record<Role | OrganisationRole, string>> = Object.freeze({
  admin: 'Administrator',
  member: 'Member',
  chief_officer: 'Chief officer',
  board: 'Improvement board member',
  owner: 'Action owner',
  scrutiny: 'Scrutiny committee member',
});
