import type { CalendarDate } from '../../common/dates/calendar-date';
import { rollUp } from '../../rag/policy/roll-up';
import type { ActionFacts, Context } from './pack-context';
import type {
  ColourCountLine,
  FindingRollUp,
  InspectionRollUp,
  NoticeRollUp,
  PackHeadline,
  RollUpView,
  WorkstreamRollUp,
} from './pack-model';
import type { PackSourceFinding } from './pack-source';
import {
  compareIsoDates,
  compareReferences,
  compareStrings,
  describeCounts,
  joinWords,
  longDate,
  plural,
} from './pack-text';
import { emptyCounts, RAG_COLOUR_INFO, RAG_COLOURS, type RagColour, type RagCounts } from '../../vocabulary/rag-colour';

/** Colour counts and roll-ups (headline, workstreams, notices, inspections), worded for packs. */

// ---- Counts and roll-ups ----------------------------------------------------------------------------

export function countColours(colours: readonly RagColour[]): RagCounts {
  const counts = emptyCounts();
  for (const colour of colours) counts[colour] += 1;
  return counts;
}

export function normaliseCounts(counts: Partial<RagCounts>): RagCounts {
  const result = emptyCounts();
  for (const colour of RAG_COLOURS) result[colour] = Math.max(0, Math.trunc(counts[colour] ?? 0));
  return result;
}

export function totalOf(counts: RagCounts): number {
  return RAG_COLOURS.reduce((sum, colour) => sum + counts[colour], 0);
}

/** The shared RAG roll-up (Blue only if all Blue, else the worst), worded for packs. */
function rollUpView(actions: readonly ActionFacts[]): RollUpView {
  const result = rollUp(actions.map((a) => a.source.colour));
  const counts = normaliseCounts(result.counts);
  // Nothing to roll up: nothing is due, which is what Grey means.
  const colour = result.colour ?? 'grey';
  return {
    colour,
    label: result.total === 0 ? 'Grey (no actions yet)' : RAG_COLOUR_INFO[colour].label,
    counts,
    total: result.total,
    countsText: describeCounts(counts, 'no actions yet'),
  };
}

export function buildHeadline(ctx: Context, now: RagCounts, overdueMilestoneCount: number): PackHeadline {
  const previous = ctx.source.previous ? normaliseCounts(ctx.source.previous.counts) : null;
  const counts: ColourCountLine[] = RAG_COLOURS.map((colour) => ({
    colour,
    label: RAG_COLOUR_INFO[colour].label,
    now: now[colour],
    previous: previous ? previous[colour] : null,
    delta: previous ? now[colour] - previous[colour] : null,
  }));
  const total = totalOf(now);
  const overriddenCount = ctx.actions.filter((a) => a.source.overridden).length;

  const sentences = [`At ${longDate(ctx.asOf)} the plan has ${plural(total, 'action')}: ${describeCounts(now)}.`];
  if (ctx.source.previous && previous) {
    const moved = counts.filter((line) => line.delta !== 0).map((line) => `${line.colour} ${line.previous} to ${line.now}`);
    sentences.push(
      moved.length === 0
        ? `The counts are unchanged since the previous report (${longDate(ctx.source.previous.asOf)}).`
        : `Since the previous report (${longDate(ctx.source.previous.asOf)}): ${joinWords(moved)}.`,
    );
  } else {
    sentences.push('This is the first report, so there is no previous position to compare with.');
  }
  if (overriddenCount > 0) {
    sentences.push(
      `${overriddenCount === 1 ? '1 colour is an override' : `${overriddenCount} colours are overrides`} set by the improvement board with a reason, marked "(override)".`,
    );
  }
  sentences.push(
    overdueMilestoneCount === 0
      ? 'No milestones are overdue.'
      : `${plural(overdueMilestoneCount, 'milestone is', 'milestones are')} overdue.`,
  );
  return {
    total,
    previousTotal: previous ? totalOf(previous) : null,
    counts,
    overriddenCount,
    overdueMilestoneCount,
    summary: sentences.join(' '),
  };
}

export function buildWorkstreamRollUps(ctx: Context): WorkstreamRollUp[] {
  const byWorkstream = new Map<string, ActionFacts[]>();
  for (const action of ctx.actions) {
    const list = byWorkstream.get(action.workstream.id);
    if (list) list.push(action);
    else byWorkstream.set(action.workstream.id, [action]);
  }
  return ctx.workstreams.map((w) => {
    const actions = byWorkstream.get(w.id) ?? [];
    return {
      id: w.id,
      title: w.title,
      sortOrder: w.sortOrder,
      rollUp: rollUpView(actions),
      actionReferences: actions.map((a) => a.source.reference),
    };
  });
}

function findingRollUps(ctx: Context, findings: readonly PackSourceFinding[]): { findings: FindingRollUp[]; actions: ActionFacts[] } {
  const allActions = new Map<string, ActionFacts>();
  const rows = findings.map((finding) => {
    const actions = ctx.actionsByFinding.get(finding.id) ?? [];
    for (const action of actions) allActions.set(action.source.id, action);
    const sorted = [...actions].sort(
      (a, b) => compareReferences(a.source.reference, b.source.reference) || compareStrings(a.source.id, b.source.id),
    );
    return {
      id: finding.id,
      reference: finding.reference,
      title: ctx.text(finding.title),
      theme: finding.theme ?? null,
      score: finding.score ?? null,
      rollUp: rollUpView(sorted),
      actionReferences: sorted.map((a) => a.source.reference),
    };
  });
  return { findings: rows, actions: [...allActions.values()] };
}

export function buildNoticeRollUps(ctx: Context): NoticeRollUp[] {
  const notices = [...ctx.source.notices].sort(
    (a, b) => compareNullableDates(a.deadline, b.deadline) || compareStrings(a.title, b.title) || compareStrings(a.id, b.id),
  );
  const findings = [...ctx.findingsById.values()];
  return notices.map((notice) => {
    const { findings: rows, actions } = findingRollUps(
      ctx,
      findings.filter((f) => f.noticeId === notice.id),
    );
    return {
      id: notice.id,
      kind: notice.kind,
      title: notice.title,
      deadline: notice.deadline,
      deadlineLabel: notice.deadline ? longDate(notice.deadline) : null,
      status: notice.status,
      rollUp: rollUpView(actions),
      findings: rows,
    };
  });
}

export function buildInspectionRollUps(ctx: Context): InspectionRollUp[] {
  const inspections = [...ctx.source.inspections].sort(
    (a, b) =>
      compareNullableDates(a.publishedDate, b.publishedDate) || compareStrings(a.title, b.title) || compareStrings(a.id, b.id),
  );
  const findings = [...ctx.findingsById.values()];
  return inspections.map((inspection) => {
    const { findings: rows, actions } = findingRollUps(
      ctx,
      findings.filter((f) => f.inspectionId === inspection.id),
    );
    return {
      id: inspection.id,
      regulator: inspection.regulator,
      kind: inspection.kind,
      title: inspection.title,
      overallJudgement: inspection.overallJudgement,
      publishedDate: inspection.publishedDate,
      publishedLabel: inspection.publishedDate ? longDate(inspection.publishedDate) : null,
      rollUp: rollUpView(actions),
      findings: rows,
    };
  });
}

/** Dates first, nulls last. */
function compareNullableDates(a: CalendarDate | null, b: CalendarDate | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compareIsoDates(a, b);
}
