/**
 * What `npm run demo` prints at the end (and writes to .demo/summary.json): per plan, a login for each
 * role, the dashboard's counts today and the packs. Pure, so test/demo-summary.e2e-spec.ts checks it.
 */

export interface SummaryLogin {
  role: string;
  email: string;
  name?: string;
  /** The person's job title as their user record holds it (one login across the council's plans). */
  jobTitle?: string;
}

export interface PlanSummary {
  organisation: string;
  plan: string;
  slug: string;
  /** The administrator first, then who really holds a role in the plan (its memberships, read back from the API). */
  logins: SummaryLogin[];
  dashboard: unknown;
  packs: { audience: string; files: string[]; published: boolean }[];
}

const ROLES = ['admin', 'board', 'owner', 'scrutiny'] as const;

function colourLine(counts: Record<string, number> | undefined): string {
  if (!counts) return '(no counts)';
  return ['red', 'amber', 'green', 'blue', 'grey'].map((c) => `${c} ${counts[c] ?? 0}`).join(', ');
}

/** The person's roles in the council's other plans ("scrutiny in Children's Services Improvement Plan"). */
function elsewhere(email: string, s: PlanSummary, all: readonly PlanSummary[]): string[] {
  return all.filter((o) => o !== s && o.organisation === s.organisation).flatMap((o) => o.logins.slice(1).filter((u) => u.email === email).map((u) => `${u.role} in ${o.plan}`));
}

/**
 * The logins printed for one plan: one per role (the first holder), and every scrutiny member (a
 * plan's scrutiny may be a councillor who also scrutinises another plan of the council: they are
 * listed after the plan's own, labelled with their own job title and the other plan, never as if
 * their committee were this plan's).
 */
export function loginLines(s: PlanSummary, all: readonly PlanSummary[]): string[] {
  const lines: string[] = [];
  for (const role of ROLES) {
    const holders = s.logins.filter((u, i) => u.role === role && (role === 'admin' ? i === 0 : i > 0));
    const shown = role === 'scrutiny' ? [...holders.filter((u) => elsewhere(u.email, s, all).length === 0), ...holders.filter((u) => elsewhere(u.email, s, all).length > 0)] : holders.slice(0, 1);
    shown.forEach((u, i) => {
      const also = role === 'admin' ? [] : elsewhere(u.email, s, all).map((x) => `also ${x}`);
      const label = [u.jobTitle, ...also].filter((x): x is string => !!x);
      lines.push(`  ${(i === 0 ? role : '').padEnd(9)} ${u.email}${label.length ? `  (${label.join('; ')})` : ''}`);
    });
  }
  return lines;
}

export function summaryText(summary: readonly PlanSummary[], where: { api: string; password: string; summaryFile: string; logs: string }): string {
  const out: string[] = [];
  out.push('', '================ improvement-tracker demo is running ================', '');
  out.push(`Web pages:        ${where.api}/   (sign in with any login below)`);
  out.push(`API:              ${where.api}/api/v1`);
  out.push(`OpenAPI UI:       ${where.api}/api/docs   (click "Authorize" and paste a token from POST /api/v1/auth/login)`);
  out.push(`OpenAPI JSON:     ${where.api}/api/docs-json`);
  out.push(`Password for every demo login: ${where.password}`, '');
  for (const s of summary) {
    out.push(`${s.organisation}: ${s.plan}`);
    out.push(...loginLines(s, summary));
    const overall = (s.dashboard as { overall?: { counts?: Record<string, number> } }).overall;
    out.push(`  dashboard today: ${colourLine(overall?.counts)}`);
    for (const p of s.packs) out.push(`  ${p.audience} pack${p.published ? ' (published to scrutiny)' : ''}: ${p.files[0].replace(/\.pdf$/, '.{pdf,docx,xlsx,json}')}`);
    out.push('');
  }
  // People who hold roles in more than one plan of their council (one login, a role per plan).
  const plansOf = new Map<string, string[]>();
  for (const s of summary) for (const u of s.logins.slice(1)) plansOf.set(u.email, [...(plansOf.get(u.email) ?? []), `${u.role} in ${s.plan}`]);
  const several = [...plansOf].filter(([, roles]) => roles.length > 1);
  if (several.length) {
    out.push('People in more than one plan (one login each):');
    for (const [email, roles] of several) out.push(`  ${email}: ${roles.join('; ')}`);
    out.push('');
  }
  out.push(`Everything above is also in ${where.summaryFile}. Logs: ${where.logs}. Stop with: npm run demo:stop`);
  return `${out.join('\n')}\n`;
}
