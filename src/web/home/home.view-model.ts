import type { CurrentUserView } from '../common/session/session-data';
import { ROLE_WORDS } from '../common/view/role-words';

export interface HomeViewModel {
  pageTitle: string;
  activeNav: 'home';
  organisationName: string;
  name: string;
  roleWords: string;
}

/** The page after signing in: who you are. The dashboard will take its place. */
export function homePage(signedIn: CurrentUserView): HomeViewModel {
  return {
    pageTitle: 'Home',
    activeNav: 'home',
    organisationName: signedIn.organisationName,
    name: signedIn.name,
    roleWords: ROLE_WORDS[signedIn.role].toLowerCase(),
  };
}
