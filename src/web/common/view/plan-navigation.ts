import type { Role } from '../../../common/request-context/request-context';
import { planPaths, type PlanPaths } from '../web-paths';

/** One page of a plan, as the plan's sub-navigation shows it. */
export type PlanPage = keyof PlanPaths;

/** The plan's pages in the order the sub-navigation lists them, with who sees each. */
const PLAN_PAGES: readonly { page: PlanPage; text: string; roles: readonly Role[] }[] = [
  { page: 'dashboard', text: 'Dashboard', roles: ['admin', 'board', 'owner'] },
  { page: 'plan', text: 'The plan', roles: ['admin', 'board', 'owner'] },
  { page: 'actions', text: 'Actions', roles: ['admin', 'board', 'owner'] },
  { page: 'myActions', text: 'My actions', roles: ['owner', 'board'] },
  { page: 'evidenceReview', text: 'Evidence to review', roles: ['board'] },
  { page: 'packs', text: 'Packs', roles: ['admin', 'board'] },
  { page: 'reports', text: 'Published reports', roles: ['scrutiny', 'board', 'admin'] },
  { page: 'meetings', text: 'Meetings', roles: ['admin', 'board'] },
  { page: 'imports', text: 'Import', roles: ['admin', 'board'] },
  { page: 'notifications', text: 'Messages sent', roles: ['admin', 'board'] },
  { page: 'settings', text: 'Settings', roles: ['admin', 'board'] },
];

export interface PlanNavigationItem {
  href: string;
  text: string;
  current: boolean;
}

/** The plan's header on every plan page: its title, and the pages the user's role may open. */
export interface PlanNavigation {
  planId: string;
  planTitle: string;
  /** The plan is closed (frozen): pages show what it holds and offer no form that would change it. */
  closed: boolean;
  items: PlanNavigationItem[];
}

/**
 * The sub-navigation of a plan's pages (MoJ sub-navigation), listing only what the user's role in
 * that plan may open; the pages themselves still check (a hidden link is not a permission).
 */
export function planNavigation(plan: { id: string; title: string; status?: string }, role: Role, current: PlanPage | null): PlanNavigation {
  const paths = planPaths(plan.id);
  return {
    planId: plan.id,
    planTitle: plan.title,
    closed: plan.status === 'closed',
    items: PLAN_PAGES.filter((p) => p.roles.includes(role)).map((p) => ({ href: paths[p.page], text: p.text, current: p.page === current })),
  };
}

/** The first page a role lands on in a plan (scrutiny members have only the published reports). */
export function planLandingPage(plan: { id: string }, role: Role): string {
  const paths = planPaths(plan.id);
  return role === 'scrutiny' ? paths.reports : paths.dashboard;
}
