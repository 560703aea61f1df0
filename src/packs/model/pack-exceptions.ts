import { addDays, daysBetween, type CalendarDate } from '../../common/dates/calendar-date';
import { isOpenAt, type ActionFacts, type Context } from './pack-context';
import type {
  ChangesSincePrevious,
  ColourChange,
  EvidenceRow,
  EvidenceSummary,
  ExceptionRow,
  MilestoneRow,
  TrackerRow,
} from './pack-model';
import type { PackSource, PackSourceMilestone } from './pack-source';
import {
  colourLabel,
  compareIsoDates,
  compareReferences,
  compareStrings,
  longDate,
  plural,
  shortDate,
} from './pack-text';
import { ACTION_STATUS_INFO } from '../../vocabulary/action-status';
import { EVIDENCE_REVIEW_STATE_INFO } from '../../vocabulary/evidence-review-state';
import { RAG_COLOUR_INFO, type RagColour } from '../../vocabulary/rag-colour';

/** Exceptions, milestones, evidence and colour changes in the period, and the tracker rows. */

// ---- Exceptions, milestones, evidence, changes -----------------------------------------------------------

const EXCEPTION_RANK: Partial<Record<RagColour, number>> = { red: 0, amber: 1 };

/** Plan order: by workstream (its sort order), then reference; ctx.actions is already in it. */
function planOrder(ctx: Context): (a: ActionFacts, b: ActionFacts) => number {
  const index = new Map(ctx.actions.map((a, i) => [a.source.id, i]));
  return (a, b) => (index.get(a.source.id) ?? 0) - (index.get(b.source.id) ?? 0);
}

function exceptionActions(ctx: Context): ActionFacts[] {
  const inPlanOrder = planOrder(ctx);
  return ctx.actions
    .filter((a) => EXCEPTION_RANK[a.source.colour] !== undefined)
    .sort((a, b) => (EXCEPTION_RANK[a.source.colour] ?? 9) - (EXCEPTION_RANK[b.source.colour] ?? 9) || inPlanOrder(a, b));
}

export function buildExceptions(ctx: Context): ExceptionRow[] {
  return exceptionActions(ctx).map((a) => ({
    actionId: a.source.id,
    reference: a.source.reference,
    title: a.title,
    workstreamTitle: a.workstream.title,
    colour: a.source.colour,
    colourLabel: colourLabel(a.source.colour, a.source.overridden),
    overridden: a.source.overridden,
    override: a.override,
    previousColour: a.source.previousColour,
    owner: a.owner,
    dueDate: a.source.dueDate,
    dueLabel: shortDate(a.source.dueDate),
    reasons: a.reasons,
    latestUpdate: a.latestUpdate,
  }));
}

function milestoneRow(ctx: Context, milestone: PackSourceMilestone, action: ActionFacts): MilestoneRow {
  const days = daysBetween(ctx.asOf, milestone.dueDate);
  return {
    actionId: action.source.id,
    actionReference: action.source.reference,
    actionTitle: action.title,
    title: ctx.text(milestone.title),
    dueDate: milestone.dueDate,
    dueLabel: shortDate(milestone.dueDate),
    daysOverdue: days < 0 ? -days : null,
    daysUntilDue: days >= 0 ? days : null,
    owner: action.owner,
  };
}

function compareMilestoneRows(a: MilestoneRow, b: MilestoneRow): number {
  return (
    compareIsoDates(a.dueDate, b.dueDate) ||
    compareReferences(a.actionReference, b.actionReference) ||
    compareStrings(a.title, b.title) ||
    compareStrings(a.actionId, b.actionId)
  );
}

export function buildOverdueMilestones(ctx: Context): MilestoneRow[] {
  const rows: MilestoneRow[] = [];
  const ids: string[] = [];
  for (const m of ctx.milestones) {
    const action = ctx.actionsById.get(m.actionId);
    if (!action || !isOpenAt(m, ctx.asOf) || !(m.dueDate < ctx.asOf)) continue;
    rows.push(milestoneRow(ctx, m, action));
    ids.push(m.id);
  }
  // Most overdue first: the longest slip is the board's first question.
  return sortWithIds(rows, ids, (a, b) => (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0) || compareMilestoneRows(a, b));
}

/** Without a scheduled meeting, "upcoming" means the four weeks after the reporting date. */
export const UPCOMING_WITHOUT_MEETING_DAYS = 28;

/** The last day "due before the next meeting" covers: the meeting's day, else four weeks after asOf. */
export function upcomingUntil(source: Pick<PackSource, 'asOf' | 'nextMeeting'>): CalendarDate {
  return source.nextMeeting?.meetsOn ?? addDays(source.asOf, UPCOMING_WITHOUT_MEETING_DAYS);
}

export function buildUpcomingMilestones(ctx: Context): MilestoneRow[] {
  const rows: MilestoneRow[] = [];
  const ids: string[] = [];
  const until = upcomingUntil(ctx.source);
  for (const m of ctx.milestones) {
    const action = ctx.actionsById.get(m.actionId);
    if (!action || !isOpenAt(m, ctx.asOf) || m.dueDate < ctx.asOf || m.dueDate > until) continue;
    rows.push(milestoneRow(ctx, m, action));
    ids.push(m.id);
  }
  return sortWithIds(rows, ids, compareMilestoneRows);
}

/** Sorts rows with their source ids as the last tie-break, so equal-looking rows keep a total order. */
function sortWithIds<T>(rows: T[], ids: string[], compare: (a: T, b: T) => number): T[] {
  return rows
    .map((row, i) => ({ row, id: ids[i] }))
    .sort((a, b) => compare(a.row, b.row) || compareStrings(a.id, b.id))
    .map((entry) => entry.row);
}

export function inPeriod(ctx: Context, date: CalendarDate | null): boolean {
  return date !== null && date >= ctx.source.periodStart && date <= ctx.asOf;
}

const EVIDENCE_ORDER = { rejected: 0, submitted: 1, accepted: 2 } as const;

export function buildEvidenceSummary(ctx: Context): EvidenceSummary {
  let accepted = 0;
  let rejected = 0;
  let awaitingReview = 0;
  let submittedInPeriod = 0;
  const listed: { row: EvidenceRow; id: string; order: number }[] = [];
  const planIndex = new Map(ctx.actions.map((a, i) => [a.source.id, i]));
  for (const item of ctx.evidence) {
    if (item.uploadedOn > ctx.asOf) continue;
    if (inPeriod(ctx, item.uploadedOn)) submittedInPeriod += 1;
    let show = false;
    if (item.state === 'submitted') {
      awaitingReview += 1;
      show = true;
    } else if (inPeriod(ctx, item.reviewedOn)) {
      if (item.state === 'accepted') accepted += 1;
      else rejected += 1;
      show = true;
    }
    if (show && !ctx.scrutiny) {
      const action = ctx.actionsById.get(item.actionId);
      listed.push({
        id: item.id,
        order: action ? (planIndex.get(action.source.id) ?? -1) : -1,
        row: {
          actionReference: action ? action.source.reference : '',
          title: item.title,
          state: item.state,
          stateLabel: EVIDENCE_REVIEW_STATE_INFO[item.state].label,
          uploadedOn: item.uploadedOn,
          reviewedOn: item.reviewedOn,
        },
      });
    }
  }
  listed.sort(
    (a, b) =>
      EVIDENCE_ORDER[a.row.state] - EVIDENCE_ORDER[b.row.state] ||
      a.order - b.order ||
      compareIsoDates(a.row.uploadedOn, b.row.uploadedOn) ||
      compareStrings(a.row.title, b.row.title) ||
      compareStrings(a.id, b.id),
  );
  const summary =
    `In the period ${longDate(ctx.source.periodStart)} to ${longDate(ctx.asOf)}, ` +
    `${plural(submittedInPeriod, 'piece')} of evidence ${submittedInPeriod === 1 ? 'was' : 'were'} submitted, ` +
    `${accepted} accepted and ${rejected} rejected by the board; ` +
    `${awaitingReview} ${awaitingReview === 1 ? 'awaits' : 'await'} review.`;
  return {
    accepted,
    rejected,
    awaitingReview,
    submittedInPeriod,
    summary,
    items: ctx.scrutiny ? null : listed.map((entry) => entry.row),
  };
}

/** Red worst, Blue best; Grey and Green rank the same (not started is not a slip). */
const SEVERITY: Record<RagColour, number> = { red: 3, amber: 2, green: 1, grey: 1, blue: 0 };

export function buildChanges(ctx: Context): ChangesSincePrevious {
  const previous = ctx.source.previous;
  if (!previous) {
    return {
      previousAsOf: null,
      newReds: [],
      turnedBlue: [],
      all: [],
      worseCount: 0,
      betterCount: 0,
      summary: 'This is the first report: there is no previous report to compare with.',
    };
  }
  const all: ColourChange[] = [];
  // In plan order: workstream, then reference.
  for (const action of ctx.actions) {
    const from = action.source.previousColour;
    const to = action.source.colour;
    if (from === to) continue;
    const direction = from === null ? 'other' : SEVERITY[to] > SEVERITY[from] ? 'worse' : SEVERITY[to] < SEVERITY[from] ? 'better' : 'other';
    all.push({
      actionId: action.source.id,
      reference: action.source.reference,
      title: action.title,
      from,
      to,
      changeLabel: from === null ? `New action, ${RAG_COLOUR_INFO[to].label}` : `${RAG_COLOUR_INFO[from].label} to ${RAG_COLOUR_INFO[to].label}`,
      direction,
    });
  }
  const newReds = all.filter((c) => c.to === 'red');
  const turnedBlue = all.filter((c) => c.to === 'blue');
  const worseCount = all.filter((c) => c.direction === 'worse').length;
  const betterCount = all.filter((c) => c.direction === 'better').length;
  const summary =
    all.length === 0
      ? `No action has changed colour since the previous report (${longDate(previous.asOf)}).`
      : `Since the previous report (${longDate(previous.asOf)}), ${plural(all.length, 'action')} changed colour: ` +
        `${worseCount} got worse and ${betterCount} improved. ` +
        `${plural(newReds.length, 'action')} turned red and ${plural(turnedBlue.length, 'action')} turned blue (complete and evidenced).`;
  return { previousAsOf: previous.asOf, newReds, turnedBlue, all, worseCount, betterCount, summary };
}

export function trackerRow(ctx: Context, a: ActionFacts): TrackerRow {
  const s = a.source;
  return {
    actionId: s.id,
    reference: s.reference,
    title: a.title,
    workstreamId: a.workstream.id,
    workstreamTitle: a.workstream.title,
    ownerName: ctx.scrutiny ? null : s.ownerName,
    ownerRole: s.ownerRole,
    leadAgency: s.leadAgency,
    startDate: s.startDate,
    dueDate: s.dueDate,
    status: s.status,
    statusLabel: ACTION_STATUS_INFO[s.status]?.label ?? s.status,
    progressPercent: Math.max(0, Math.min(100, Math.round(s.progressPercent))),
    colour: s.colour,
    colourLabel: colourLabel(s.colour, s.overridden),
    overridden: s.overridden,
    override: a.override,
    previousColour: s.previousColour,
    reasons: a.reasons,
    findingReferences: a.findings.map((f) => f.reference),
    milestonesOpen: a.milestonesOpen,
    milestonesOverdue: a.milestonesOverdue,
    evidenceAccepted: a.evidenceAccepted,
    latestUpdate: a.latestUpdate,
  };
}
