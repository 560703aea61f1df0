import { DEMO_PLANS, type DemoPlan } from '../scripts/demo/demo-data';
import { loginLines, summaryText, type PlanSummary } from '../scripts/demo/demo-summary';

/**
 * The demo's closing summary (pure: no API). The logins are built as the loader reads them back: the
 * plan's memberships, each person with the job title their user record got when first created (one
 * login across the council's plans). Wigan's children's scrutiny chair also scrutinises its adult
 * social care plan on purpose: that plan's own scrutiny member comes first, and the chair is
 * labelled as what he is, with the other plan named.
 */
describe("the demo's summary prints who really holds each role", () => {
  const emailOf = (plan: DemoPlan, name: string) =>
    `${name
      .toLowerCase()
      .replace(/^(cllr|dr|di|supt)\s+/, '')
      .replace(/[^a-z]+/g, '.')
      .replace(/^\.|\.$/g, '')}@${plan.organisationSlug ?? plan.slug}.example.org`;
  const firstTitle = new Map<string, string>();
  const summary: PlanSummary[] = DEMO_PLANS.map((plan) => {
    for (const u of plan.users) if (!firstTitle.has(emailOf(plan, u.name))) firstTitle.set(emailOf(plan, u.name), u.jobTitle);
    return {
      organisation: plan.organisation,
      plan: plan.planTitle,
      slug: plan.slug,
      logins: [{ role: 'admin', email: `admin@${plan.organisationSlug ?? plan.slug}.example.org` }, ...plan.users.map((u) => ({ role: u.role, email: emailOf(plan, u.name), name: u.name, jobTitle: firstTitle.get(emailOf(plan, u.name)) }))],
      dashboard: { overall: { counts: { red: 1, amber: 2, green: 3, blue: 4, grey: 0 } } },
      packs: [{ audience: 'board', files: [`/x/${plan.slug}/board-pack.pdf`], published: false }],
    };
  });
  const of = (slug: string) => summary.find((s) => s.slug === slug)!;
  const scrutinyLines = (slug: string) => {
    const lines = loginLines(of(slug), summary);
    const start = lines.findIndex((l) => l.trimStart().startsWith('scrutiny'));
    return lines.slice(start);
  };

  it("Wigan's adult social care plan: its own scrutiny member first; the children's chair labelled as such, with the other plan", () => {
    const lines = scrutinyLines('demo-wigan-asc');
    expect(lines).toEqual([
      '  scrutiny  annette.brackley@demo-wigan.example.org  (Member, Health and Adult Social Care Scrutiny Committee)',
      "            graham.tennyfield@demo-wigan.example.org  (Chair, Children and Young People Scrutiny Committee; also scrutiny in Children's Services Improvement Plan)",
    ]);
  });

  it("Wigan's children's plan: the chair, noting he scrutinises the adult plan too; Warrington's as in the README", () => {
    expect(scrutinyLines('demo-wigan-childrens')).toEqual([
      '  scrutiny  graham.tennyfield@demo-wigan.example.org  (Chair, Children and Young People Scrutiny Committee; also scrutiny in Adult Social Care Improvement Plan)',
    ]);
    const warrington = loginLines(of('demo-warrington-asc'), summary);
    expect(warrington.find((l) => l.trimStart().startsWith('scrutiny'))).toBe('  scrutiny  rosalind.fairbairn@demo-warrington-asc.example.org  (Chair, Scrutiny Committee)');
    expect(warrington.find((l) => l.trimStart().startsWith('board'))).toBe('  board     joanna.trelawny@demo-warrington-asc.example.org  (Director of Adult Social Services (programme lead))');
    expect(warrington[0]).toBe('  admin     admin@demo-warrington-asc.example.org');
  });

  it('every login printed under a plan holds that role in it', () => {
    const text = summaryText(summary, { api: 'http://127.0.0.1:3000', password: 'pw', summaryFile: 'summary.json', logs: 'logs' });
    for (const s of summary) {
      const block = text.split(`${s.organisation}: ${s.plan}\n`)[1].split('\n\n')[0].split('\n');
      let role = '';
      for (const line of block.filter((l) => /^ {2}(admin|board|owner|scrutiny| ) /.test(l) && l.includes('@'))) {
        role = line.slice(2, 11).trim() || role;
        const email = line.trim().split(/\s+/).find((w) => w.includes('@'));
        expect(s.logins.some((u) => u.email === email && u.role === role)).toBe(true);
      }
    }
    expect(text).toContain('People in more than one plan (one login each):');
  });
});
