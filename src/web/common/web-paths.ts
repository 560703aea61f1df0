/**
 * Where the web pages live. The API is under `/api/`; everything else is the web service, whose
 * pages answer HTML (errors included) and sit behind the session, CSRF and CSP middleware.
 */
export const WEB_PATHS = Object.freeze({
  home: '/',
  signIn: '/sign-in',
  signOut: '/sign-out',
  account: '/account',
  changePassword: '/account/password',
  accessibility: '/accessibility',
  cookies: '/cookies',
  /** Organisation administration (admins only). */
  adminUsers: '/admin/users',
  adminWording: '/admin/report-wording',
  /** Start a new plan of the organisation (admins only). */
  newPlan: '/plans/new',
  /** E-mail preferences (every role; linked from Your account). */
  emailPreferences: '/account/email-preferences',
  /** One-click unsubscribe from an e-mail: no sign-in, the signed token is the authority. */
  unsubscribe: '/notifications/unsubscribe',
});

/**
 * The pages of one plan. Collections sit under `/plans/:planId/...` (as in the API); a single row
 * is addressed on its own (`/actions/:id`, `/packs/:id`, `/reports/:id`), again as in the API, and
 * its page finds its plan from the row.
 */
export function planPaths(planId: string) {
  return pagesUnder(`/plans/${encodeURIComponent(planId)}`);
}

function pagesUnder(base: string) {
  return Object.freeze({
    dashboard: base,
    plan: `${base}/plan`,
    actions: `${base}/actions`,
    /** Add an action to the plan (board and admin). */
    newAction: `${base}/actions/new`,
    /** Record an inspection of the plan (board and admin). */
    newInspection: `${base}/inspections/new`,
    /** Record a finding of one of the plan's inspections (board and admin; `?inspection=<id>` preselects it). */
    newFinding: `${base}/findings/new`,
    /** Record a regulator's notice of the plan (board and admin). */
    newNotice: `${base}/notices/new`,
    /** Add a workstream (priority, key outcome) to the plan (board and admin). */
    newWorkstream: `${base}/workstreams/new`,
    myActions: `${base}/my-actions`,
    evidenceReview: `${base}/evidence-review`,
    packs: `${base}/packs`,
    reports: `${base}/reports`,
    meetings: `${base}/meetings`,
    imports: `${base}/imports`,
    settings: `${base}/settings`,
    notifications: `${base}/notifications`,
  });
}
export type PlanPaths = ReturnType<typeof planPaths>;

/** Route patterns of the plan pages, for controllers (`@Get(PLAN_PAGE.actions)`). */
export const PLAN_PAGE = pagesUnder('/plans/:planId');

/** The pages of single rows. */
export const ROW_PAGE = Object.freeze({
  action: (id: string) => `/actions/${encodeURIComponent(id)}`,
  evidence: (id: string) => `/evidence/${encodeURIComponent(id)}`,
  pack: (id: string) => `/packs/${encodeURIComponent(id)}`,
  report: (id: string) => `/reports/${encodeURIComponent(id)}`,
  meeting: (id: string) => `/meetings/${encodeURIComponent(id)}`,
  importRun: (id: string) => `/imports/${encodeURIComponent(id)}`,
});

/** Route patterns of the single-row pages, for controllers (`@Get(ROW_ROUTE.action)`). */
export const ROW_ROUTE = Object.freeze({
  action: '/actions/:actionId',
  evidence: '/evidence/:evidenceId',
  pack: '/packs/:packId',
  report: '/reports/:packId',
  meeting: '/meetings/:meetingId',
  importRun: '/imports/:importId',
});

/** The action page's forms and files (web-action): under `/actions/:actionId/...`. */
export const ACTION_PAGE = Object.freeze({
  edit: (id: string) => `${ROW_PAGE.action(id)}/edit`,
  addUpdate: (id: string) => `${ROW_PAGE.action(id)}/updates/new`,
  addMilestone: (id: string) => `${ROW_PAGE.action(id)}/milestones/new`,
  completeMilestone: (id: string, milestoneId: string) => `${ROW_PAGE.action(id)}/milestones/${encodeURIComponent(milestoneId)}/complete`,
  changeMilestone: (id: string, milestoneId: string) => `${ROW_PAGE.action(id)}/milestones/${encodeURIComponent(milestoneId)}/change`,
  uploadEvidence: (id: string) => `${ROW_PAGE.action(id)}/evidence/new`,
  evidenceFile: (id: string, evidenceId: string) => `${ROW_PAGE.action(id)}/evidence/${encodeURIComponent(evidenceId)}/file`,
  withdrawEvidence: (id: string, evidenceId: string) => `${ROW_PAGE.action(id)}/evidence/${encodeURIComponent(evidenceId)}/withdraw`,
  override: (id: string) => `${ROW_PAGE.action(id)}/override`,
  removeOverride: (id: string) => `${ROW_PAGE.action(id)}/override/remove`,
});

/** Route patterns of ACTION_PAGE, for the action page's controller. */
export const ACTION_ROUTE = Object.freeze({
  edit: '/actions/:actionId/edit',
  addUpdate: '/actions/:actionId/updates/new',
  addMilestone: '/actions/:actionId/milestones/new',
  completeMilestone: '/actions/:actionId/milestones/:milestoneId/complete',
  changeMilestone: '/actions/:actionId/milestones/:milestoneId/change',
  uploadEvidence: '/actions/:actionId/evidence/new',
  evidenceFile: '/actions/:actionId/evidence/:evidenceId/file',
  withdrawEvidence: '/actions/:actionId/evidence/:evidenceId/withdraw',
  override: '/actions/:actionId/override',
  removeOverride: '/actions/:actionId/override/remove',
});

/** A notice's forms (board and admin): under `/notices/:noticeId/...`, as the API's `/notices/:id`. */
export const NOTICE_PAGE = Object.freeze({
  edit: (id: string) => `/notices/${encodeURIComponent(id)}/edit`,
  changeStatus: (id: string) => `/notices/${encodeURIComponent(id)}/status`,
  delete: (id: string) => `/notices/${encodeURIComponent(id)}/delete`,
});

/** Route patterns of NOTICE_PAGE, for its controller. */
export const NOTICE_ROUTE = Object.freeze({
  edit: '/notices/:noticeId/edit',
  changeStatus: '/notices/:noticeId/status',
  delete: '/notices/:noticeId/delete',
});

/** A workstream's forms (board and admin): under `/workstreams/:workstreamId/...`, as the API's `/workstreams/:id`. */
export const WORKSTREAM_PAGE = Object.freeze({
  edit: (id: string) => `/workstreams/${encodeURIComponent(id)}/edit`,
  delete: (id: string) => `/workstreams/${encodeURIComponent(id)}/delete`,
});

/** Route patterns of WORKSTREAM_PAGE, for its controller. */
export const WORKSTREAM_ROUTE = Object.freeze({
  edit: '/workstreams/:workstreamId/edit',
  delete: '/workstreams/:workstreamId/delete',
});

/** A finding's forms (board and admin): under `/findings/:findingId/...`, as the API's `/findings/:id`. */
export const FINDING_PAGE = Object.freeze({
  edit: (id: string) => `/findings/${encodeURIComponent(id)}/edit`,
  delete: (id: string) => `/findings/${encodeURIComponent(id)}/delete`,
});

/** Route patterns of FINDING_PAGE, for its controllers. */
export const FINDING_ROUTE = Object.freeze({
  edit: '/findings/:findingId/edit',
  delete: '/findings/:findingId/delete',
});

/** An inspection's forms (board and admin): under `/inspections/:inspectionId/...`, as the API's `/inspections/:id`. */
export const INSPECTION_PAGE = Object.freeze({
  edit: (id: string) => `/inspections/${encodeURIComponent(id)}/edit`,
  delete: (id: string) => `/inspections/${encodeURIComponent(id)}/delete`,
});

/** Route patterns of INSPECTION_PAGE, for its controllers. */
export const INSPECTION_ROUTE = Object.freeze({
  edit: '/inspections/:inspectionId/edit',
  delete: '/inspections/:inspectionId/delete',
});

/** Fingerprinted static files: `/assets/<content hash>/<file>`. */
export const ASSETS_PREFIX = '/assets';

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

export function isAssetPath(path: string): boolean {
  return path.startsWith(`${ASSETS_PREFIX}/`);
}

/** Web pages: every path that is neither the API nor a static file. */
export function isWebPagePath(path: string): boolean {
  return !isApiPath(path) && !isAssetPath(path);
}

/**
 * A `returnTo` value that is safe to redirect to after sign-in: a path on this site, never another
 * host (`//evil.example`, `/\evil.example`, `https://...`), never the sign-in or sign-out page.
 */
export function safeReturnTo(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (value.includes('\\') || [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return null;
  const path = value.split(/[?#]/)[0];
  if (path === WEB_PATHS.signIn || path === WEB_PATHS.signOut || isApiPath(path) || isAssetPath(path)) return null;
  return value;
}

/** The sign-in page, remembering where the user was going. */
export function signInUrl(returnTo?: string | null): string {
  const target = safeReturnTo(returnTo);
  return target && target !== WEB_PATHS.home ? `${WEB_PATHS.signIn}?returnTo=${encodeURIComponent(target)}` : WEB_PATHS.signIn;
}
