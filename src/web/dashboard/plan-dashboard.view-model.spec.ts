import type { ActionSummaryDto } from '../../actions/dto/action.dto';
import type { DashboardDto } from '../../rag/dashboard/dto/dashboard.dto';
import { lastReportingDate, planDashboardPage, trendChart } from './plan-dashboard.view-model';

const counts = (red: number, amber: number, green: number, blue = 0, grey = 0) => ({ red, amber, green, blue, grey });
const rollUp = (c: ReturnType<typeof counts>) => ({ colour: 'red' as const, total: Object.values(c).reduce((a, b) => a + b, 0), counts: c, notComputed: 0 });

function dashboard(extra: Partial<DashboardDto> = {}): DashboardDto {
  return {
    plan: { id: 'p1', title: 'Adult social care plan' },
    asOf: '2026-11-30',
    colourSource: 'stored',
    coloursAvailable: true,
    note: null,
    limit: 100,
    overall: rollUp(counts(2, 3, 5)),
    byWorkstream: [],
    byNotice: [],
    byRegulator: [],
    byInspection: [],
    overdueMilestones: {
      total: 1,
      items: [{ milestoneId: 'm1', title: 'Audit done', dueDate: '2026-11-20', actionId: 'a1', actionReference: 'A1.1', actionTitle: 'Audit', ownerId: 'u1', ownerName: 'Owner One', daysOverdue: 10 }],
    },
    upcomingMilestones: { total: 0, items: [] },
    evidenceAwaitingReview: {
      total: 1,
      items: [{ evidenceId: 'e1', title: 'Minutes', actionId: 'a1', actionReference: 'A1.1', uploadedAt: '2026-11-29T10:00:00.000Z', uploadedOn: '2026-11-29', ageDays: 1, uploadedById: 'u1', uploadedByName: 'Owner One' }],
    },
    overridden: {
      total: 1,
      items: [
        {
          actionId: 'a2',
          actionReference: 'A1.2',
          actionTitle: 'Training',
          colour: 'amber',
          computed: { colour: 'red', reasons: [{ code: 'overdue', colour: 'red', text: 'overdue by 3 days' }] },
          override: { id: 'o1', colour: 'amber', reason: 'Recovery plan agreed', setAt: '2026-11-28T10:00:00.000Z', setBy: { id: 'u2', name: 'Lead Person', role: 'board', jobTitle: null }, expiresOn: '2026-12-31', endedAt: null },
        },
      ],
    },
    trend: [
      { asOf: '2026-11-01', counts: counts(1, 2, 7), total: 10 },
      { asOf: '2026-11-30', counts: counts(2, 3, 5), total: 10 },
    ],
    nextMeetings: [
      { committeeId: 'c1', committeeName: 'Improvement Board', audience: 'board', meetingId: 'mt1', meetsOn: '2026-12-10', startsAt: null, venue: null, papersDeadline: '2026-12-03', milestonesDue: 4, updatesDue: 2 },
    ],
    ...extra,
  };
}

const redAction = {
  id: 'a9',
  reference: 'A2.1',
  title: 'Recruit social workers',
  owner: { id: 'u1', name: 'Owner One', jobTitle: null, partnerAgency: null },
  dueDate: '2026-10-01',
  rag: { colour: 'red', reasons: [{ code: 'overdue', colour: 'red', text: 'overdue by 60 days' }], overridden: false, computed: null, override: null, policyVersion: 1, asOf: '2026-11-30', computedAt: null },
} as unknown as ActionSummaryDto;

describe('plan dashboard view model', () => {
  const plan = { id: 'p1', title: 'Adult social care plan', status: 'active' };

  it('puts counts now beside the last reporting date, with the change in words', () => {
    const page = planDashboardPage({ plan, role: 'board', dashboard: dashboard(), previous: { asOf: '2026-11-01', available: true, counts: counts(1, 3, 7) }, exceptions: { items: [], total: 0 } });
    expect(page.counts.map((c) => [c.colour, c.now, c.then, c.change])).toEqual([
      ['red', 2, 1, 'up 1'],
      ['amber', 3, 3, 'no change'],
      ['green', 5, 7, 'down 2'],
      ['blue', 0, 0, 'no change'],
      ['grey', 0, 0, 'no change'],
    ]);
    expect(page.previousAsOf).toBe('2026-11-01');
    expect(page.planNav.items.find((i) => i.current)?.text).toBe('Dashboard');
  });

  it('says there is nothing to compare with when the last reporting date has no snapshots', () => {
    const page = planDashboardPage({ plan, role: 'board', dashboard: dashboard(), previous: { asOf: '2026-11-01', available: false, counts: counts(0, 0, 0) }, exceptions: { items: [], total: 0 } });
    expect(page.counts.every((c) => c.then === null && c.change === null)).toBe(true);
    expect(page.previousNote).toMatch(/No colours were recorded on 2026-11-01/);
  });

  it('lists exceptions with their reasons in words, overrides beside the computed colour, overdue milestones and meetings', () => {
    const page = planDashboardPage({ plan, role: 'board', dashboard: dashboard(), previous: null, exceptions: { items: [redAction], total: 30 } });
    expect(page.exceptions.items).toEqual([{ href: '/actions/a9', reference: 'A2.1', title: 'Recruit social workers', colour: 'red', reasons: ['overdue by 60 days'], owner: 'Owner One', dueDate: '2026-10-01' }]);
    expect(page.exceptions.moreHref).toBe('/plans/p1/actions?colour=red&colour=amber');
    expect(page.overrides.items[0]).toMatchObject({ colour: 'amber', computed: 'red', computedReasons: ['overdue by 3 days'], reason: 'Recovery plan agreed', setBy: 'Lead Person' });
    expect(page.overdueMilestones.items[0]).toMatchObject({ overdue: '10 days overdue', actionHref: '/actions/a1' });
    expect(page.evidence).toMatchObject({ shown: true, total: 1 });
    expect(page.evidence.items[0]).toMatchObject({ href: '/evidence/e1', waiting: '1 day' });
    expect(page.meetings).toEqual([{ committee: 'Improvement Board', meetsOn: '2026-12-10', papersDeadline: '2026-12-03', milestonesDue: 4, updatesDue: 2 }]);
    expect(page.trendTable).toEqual([
      { asOf: '2026-11-01', label: '1 Nov 2026', counts: [1, 2, 7, 0, 0], total: 10 },
      { asOf: '2026-11-30', label: '30 Nov 2026', counts: [2, 3, 5, 0, 0], total: 10 },
    ]);
  });

  it('a plan with no action yet (a new one) says so, and sends its managers to the plan page while it is open', () => {
    const none = dashboard({ overall: rollUp(counts(0, 0, 0)), trend: [] });
    const page = (role: 'admin' | 'board' | 'owner', status = 'active') => planDashboardPage({ plan: { ...plan, status }, role, dashboard: none, previous: null, exceptions: { items: [], total: 0 } });
    expect(page('admin').noActions).toEqual({ planHref: '/plans/p1/plan' });
    expect(page('board').noActions).toEqual({ planHref: '/plans/p1/plan' });
    expect(page('owner').noActions).toEqual({ planHref: null });
    expect(page('admin', 'closed').noActions).toEqual({ planHref: null });
    expect(planDashboardPage({ plan, role: 'admin', dashboard: dashboard(), previous: null, exceptions: { items: [], total: 0 } }).noActions).toBeNull();
  });

  it("shows an owner how much evidence waits, not everyone's files", () => {
    const page = planDashboardPage({ plan, role: 'owner', dashboard: dashboard(), previous: null, exceptions: { items: [], total: 0 } });
    expect(page.evidence).toEqual({ shown: false, total: 1, reviewHref: '/plans/p1/evidence-review', items: [] });
  });

  it('draws one stacked bar per date, worst colour at the bottom, scaled to the largest total', () => {
    const chart = trendChart(dashboard().trend)!;
    const first = chart.bars.filter((b) => b.label.startsWith('1 Nov'));
    expect(first.map((b) => b.colour)).toEqual(['red', 'amber', 'green']);
    expect(first[0].y + first[0].height).toBeCloseTo(chart.axisY, 0);
    expect(first.reduce((n, b) => n + b.height, 0)).toBeCloseTo(chart.axisY - 10, 0);
    expect(chart.xLabels.map((l) => l.text)).toEqual(['1 Nov', '30 Nov']);
    expect(trendChart([])).toBeNull();
  });

  it('takes the last past board meeting as the last reporting date, else the oldest trend date', () => {
    expect(lastReportingDate('2026-11-30', ['2026-10-15', '2026-11-12', '2026-12-10'], ['2026-11-20'])).toBe('2026-11-12');
    expect(lastReportingDate('2026-11-30', [], ['2026-11-30', '2026-11-20', '2026-11-25'])).toBe('2026-11-20');
    expect(lastReportingDate('2026-11-30', [], ['2026-11-30'])).toBeNull();
  });
});
