import type { ActionSummaryDto } from '../../actions/dto/action.dto';
import type { Role } from '../../common/request-context/request-context';
import type { DashboardDto, TrendPointDto } from '../../rag/dashboard/dto/dashboard.dto';
import { RAG_COLOUR_INFO, RAG_COLOURS, type RagColour } from '../../vocabulary/rag-colour';
import { planNavigation, type PlanNavigation } from '../common/view/plan-navigation';
import { planPaths, ROW_PAGE } from '../common/web-paths';

/** The plan as the dashboard needs it. */
export interface DashboardPlan {
  id: string;
  title: string;
  status: string;
}

/** The colour counts at the last reporting date, when there is one to compare with. */
export interface ComparisonCounts {
  asOf: string;
  /** False when no snapshots exist for that date (the counts are then not shown, not invented). */
  available: boolean;
  counts: Record<RagColour, number>;
}

export interface DashboardPageInput {
  plan: DashboardPlan;
  role: Role;
  dashboard: DashboardDto;
  previous: ComparisonCounts | null;
  /** Red and amber actions, worst first, with their reasons (a page of them) and how many there are. */
  exceptions: { items: ActionSummaryDto[]; total: number };
}

export interface ColourCountRow {
  colour: RagColour;
  now: number;
  then: number | null;
  /** "up 2", "down 1", "no change", or null when there is nothing to compare with. */
  change: string | null;
}

export interface TrendBar {
  colour: RagColour;
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  label: string;
}

export interface TrendChart {
  width: number;
  height: number;
  /** The bottom of the bars (y of the axis). */
  axisY: number;
  bars: TrendBar[];
  xLabels: { x: number; y: number; text: string }[];
  yLabels: { x: number; y: number; text: string }[];
  /** What the chart shows, in words, for its accessible name. */
  summary: string;
}

export interface TrendTableRow {
  asOf: string;
  /** "15 Oct 2026": short enough for the table to sit beside the chart. */
  label: string;
  counts: number[];
  total: number;
}

export interface PlanDashboardViewModel {
  pageTitle: string;
  planNav: PlanNavigation;
  closed: boolean;
  asOf: string;
  note: string | null;
  colours: RagColour[];
  counts: ColourCountRow[];
  total: number;
  /** A plan with no action yet (a new one): where its managers start, instead of a table of noughts. */
  noActions: { planHref: string | null } | null;
  previousAsOf: string | null;
  previousNote: string | null;
  chart: TrendChart | null;
  trendTable: TrendTableRow[];
  exceptions: {
    total: number;
    moreHref: string | null;
    items: { href: string; reference: string; title: string; colour: RagColour; reasons: string[]; owner: string; dueDate: string }[];
  };
  overdueMilestones: {
    total: number;
    items: { title: string; dueDate: string; overdue: string; actionHref: string; actionReference: string; owner: string }[];
  };
  evidence: {
    shown: boolean;
    total: number;
    reviewHref: string;
    items: { title: string; href: string; actionHref: string; actionReference: string; uploadedBy: string; uploadedOn: string; waiting: string }[];
  };
  overrides: {
    total: number;
    items: { href: string; reference: string; title: string; colour: RagColour; computed: RagColour | null; computedReasons: string[]; reason: string; setBy: string; expiresOn: string | null }[];
  };
  meetings: {
    committee: string;
    meetsOn: string | null;
    papersDeadline: string | null;
    milestonesDue: number | null;
    updatesDue: number | null;
  }[];
}

/** GOV.UK colour palette for the chart's fills; each bar also has its word in the data table. */
const CHART_FILL: Readonly<Record<RagColour, string>> = Object.freeze({
  red: '#d4351c',
  amber: '#f47738',
  green: '#00703c',
  blue: '#1d70b8',
  grey: '#b1b4b6',
});

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function change(now: number, then: number | null): string | null {
  if (then === null) return null;
  if (now === then) return 'no change';
  return now > then ? `up ${now - then}` : `down ${then - now}`;
}

/** "29 Nov" style short dates for the chart's axis (the data table has the full dates). */
function shortDate(date: string): string {
  const [, m, d] = date.split('-').map(Number);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${d} ${months[m - 1]}`;
}

/**
 * The trend as a stacked bar chart in SVG: one bar per snapshot date, worst colour at the bottom.
 * Drawn on the server (no script); the table beside it carries the same figures in words.
 */
export function trendChart(points: readonly TrendPointDto[]): TrendChart | null {
  if (points.length === 0) return null;
  const width = 640;
  const height = 260;
  const left = 40;
  const top = 10;
  const axisY = height - 40;
  const plotHeight = axisY - top;
  const max = Math.max(1, ...points.map((p) => p.total));
  const slot = (width - left - 10) / points.length;
  const barWidth = Math.max(4, Math.min(40, slot * 0.6));
  const bars: TrendBar[] = [];
  const xLabels: TrendChart['xLabels'] = [];
  points.forEach((p, i) => {
    const x = left + i * slot + (slot - barWidth) / 2;
    let y = axisY;
    for (const colour of RAG_COLOURS) {
      const n = p.counts[colour] ?? 0;
      if (n === 0) continue;
      const h = (n / max) * plotHeight;
      y -= h;
      bars.push({ colour, x: round(x), y: round(y), width: round(barWidth), height: round(h), fill: CHART_FILL[colour], label: `${shortDate(p.asOf)}: ${RAG_COLOUR_INFO[colour].label} ${n}` });
    }
    xLabels.push({ x: round(x + barWidth / 2), y: axisY + 18, text: shortDate(p.asOf) });
  });
  const yLabels = [0, Math.round(max / 2), max].filter((v, i, all) => all.indexOf(v) === i).map((v) => ({ x: left - 6, y: round(axisY - (v / max) * plotHeight + 4), text: String(v) }));
  const first = points[0];
  const last = points[points.length - 1];
  return {
    width,
    height,
    axisY,
    bars,
    xLabels,
    yLabels,
    summary: `Colour counts of the plan's actions on ${plural(points.length, 'date')} from ${first.asOf} to ${last.asOf}; the table beside the chart gives each figure.`,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The plan dashboard: where the plan stands, what changed since the last report, what needs the board's attention. */
export function planDashboardPage(input: DashboardPageInput): PlanDashboardViewModel {
  const { plan, role, dashboard: d, previous } = input;
  const paths = planPaths(plan.id);
  const prev = previous?.available ? previous.counts : null;
  const counts = RAG_COLOURS.map((colour) => {
    const now = d.overall.counts[colour] ?? 0;
    const then = prev ? prev[colour] : null;
    return { colour, now, then, change: change(now, then) };
  });
  const managers = role === 'admin' || role === 'board';
  const exceptionsFilter = new URLSearchParams([
    ['colour', 'red'],
    ['colour', 'amber'],
  ]).toString();
  return {
    pageTitle: `Dashboard: ${plan.title}`,
    planNav: planNavigation(plan, role, 'dashboard'),
    closed: plan.status === 'closed',
    asOf: d.asOf,
    note: d.coloursAvailable ? null : 'No colours have been worked out for this date yet.',
    colours: [...RAG_COLOURS],
    counts,
    total: d.overall.total,
    noActions: d.overall.total === 0 ? { planHref: managers && plan.status !== 'closed' ? paths.plan : null } : null,
    previousAsOf: previous?.asOf ?? null,
    previousNote: previous && !previous.available ? `No colours were recorded on ${previous.asOf}, so there is nothing to compare with.` : null,
    chart: trendChart(d.trend),
    trendTable: d.trend.map((p) => ({ asOf: p.asOf, label: `${shortDate(p.asOf)} ${p.asOf.slice(0, 4)}`, counts: RAG_COLOURS.map((c) => p.counts[c] ?? 0), total: p.total })),
    exceptions: {
      total: input.exceptions.total,
      moreHref: input.exceptions.total > input.exceptions.items.length ? `${paths.actions}?${exceptionsFilter}` : null,
      items: input.exceptions.items
        .filter((a) => a.rag !== null)
        .map((a) => ({
          href: ROW_PAGE.action(a.id),
          reference: a.reference,
          title: a.title,
          colour: a.rag!.colour,
          reasons: a.rag!.reasons.map((r) => r.text),
          owner: a.owner.name,
          dueDate: a.dueDate,
        })),
    },
    overdueMilestones: {
      total: d.overdueMilestones.total,
      items: d.overdueMilestones.items.map((m) => ({
        title: m.title,
        dueDate: m.dueDate,
        overdue: `${plural(m.daysOverdue, 'day')} overdue`,
        actionHref: ROW_PAGE.action(m.actionId),
        actionReference: m.actionReference,
        owner: m.ownerName,
      })),
    },
    evidence: {
      // Owners read only their own actions' evidence: the list of everyone's waiting items is the board's.
      shown: managers,
      total: d.evidenceAwaitingReview.total,
      reviewHref: paths.evidenceReview,
      items: managers
        ? d.evidenceAwaitingReview.items.map((e) => ({
            title: e.title,
            href: ROW_PAGE.evidence(e.evidenceId),
            actionHref: ROW_PAGE.action(e.actionId),
            actionReference: e.actionReference,
            uploadedBy: e.uploadedByName,
            uploadedOn: e.uploadedOn,
            waiting: e.ageDays === 0 ? 'today' : plural(e.ageDays, 'day'),
          }))
        : [],
    },
    overrides: {
      total: d.overridden.total,
      items: d.overridden.items.map((o) => ({
        href: ROW_PAGE.action(o.actionId),
        reference: o.actionReference,
        title: o.actionTitle,
        colour: o.colour,
        computed: o.computed?.colour ?? null,
        computedReasons: o.computed?.reasons.map((r) => r.text) ?? [],
        reason: o.override?.reason ?? '',
        setBy: o.override?.setBy.name ?? '',
        expiresOn: o.override?.expiresOn ?? null,
      })),
    },
    meetings: d.nextMeetings.map((m) => ({
      committee: m.committeeName,
      meetsOn: m.meetsOn,
      papersDeadline: m.papersDeadline,
      milestonesDue: m.milestonesDue,
      updatesDue: m.updatesDue,
    })),
  };
}

/**
 * The last reporting date before today: the latest past meeting of a board committee (the board
 * last saw the plan then); failing that, the oldest date of the trend. Null when there is neither.
 */
export function lastReportingDate(today: string, pastBoardMeetings: readonly string[], trendDates: readonly string[]): string | null {
  const past = pastBoardMeetings.filter((d) => d < today).sort();
  if (past.length > 0) return past[past.length - 1];
  const older = trendDates.filter((d) => d < today).sort();
  return older[0] ?? null;
}
