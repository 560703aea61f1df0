import type { Role } from '../../common/request-context/request-context';
import type { PlanDto } from '../../plans/dto/plan.dto';
import type { CurrentUserView } from '../common/session/session-data';
import { planLandingPage } from '../common/view/plan-navigation';
import { ROLE_WORDS } from '../common/view/role-words';
import { WEB_PATHS } from '../common/web-paths';

export interface HomeViewModel {
  pageTitle: string;
  activeNav: 'home';
  organisationName: string;
  name: string;
  roleWords: string;
  /** The plans the user may see, each with their role in it in words. */
  plans: { title: string; roleWords: string; closed: boolean; href: string | null }[];
  /** "Start a new plan", for administrators only (as `POST /plans`); null for everyone else. */
  newPlanHref: string | null;
}

/**
 * The page after signing in: who you are, and your plans. Someone who holds one role in one plan is
 * named by that role ("improvement board member"); otherwise by their organisation role.
 */
export function homePage(signedIn: CurrentUserView, plans: Pick<PlanDto, 'id' | 'title' | 'myRole' | 'status'>[] = []): HomeViewModel {
  const held = plans.filter((p) => p.myRole !== null);
  const only = signedIn.role === 'member' && held.length === 1 ? held[0].myRole : null;
  return {
    pageTitle: 'Home',
    activeNav: 'home',
    organisationName: signedIn.organisationName,
    name: signedIn.name,
    roleWords: ROLE_WORDS[(only as keyof typeof ROLE_WORDS | null) ?? signedIn.role].toLowerCase(),
    plans: plans.map((p) => ({
      title: p.title,
      roleWords: p.myRole ? ROLE_WORDS[p.myRole as keyof typeof ROLE_WORDS].toLowerCase() : 'overview only',
      closed: p.status === 'closed',
      // A plan the user holds a role in opens on the first page that role sees.
      href: p.myRole ? planLandingPage(p, p.myRole as Role) : null,
    })),
    newPlanHref: signedIn.role === 'admin' ? WEB_PATHS.newPlan : null,
  };
}
