import { daysBetween, type CalendarDate } from '../../common/dates/calendar-date';
import type { RagColour } from '../../rag/policy/rag-policy.types';
import { rollUp } from '../../rag/policy/roll-up';
import {
  PACK_COLOUR_ORDER,
  PACK_MODEL_VERSION,
  type ChangesSincePrevious,
  type ChartModel,
  type ColourChange,
  type ColourCountLine,
  type EvidenceRow,
  type EvidenceSummary,
  type ExceptionRow,
  type FindingRollUp,
  type Highlight,
  type InspectionRollUp,
  type KeyRisk,
  type MilestoneRow,
  type NextStep,
  type NoticeRollUp,
  type PackBlock,
  type PackHeadline,
  type PackMeta,
  type PackModel,
  type PackSection,
  type PackSubsection,
  type PackTable,
  type PackTableCell,
  type PackTableColumn,
  type RagKeyEntry,
  type RollUpView,
  type ScrutinyParts,
  type TableAlign,
  type TrackerRow,
  type UpdateView,
  type WorkstreamRollUp,
} from './pack-model';
import type {
  ColourCounts,
  PackSource,
  PackSourceAction,
  PackSourceEvidence,
  PackSourceFinding,
  PackSourceMilestone,
  PackSourceWorkstream,
} from './pack-source';
import {
  COLOUR_LABELS,
  EVIDENCE_STATE_LABELS,
  STATUS_LABELS,
  assertCalendarDate,
  colourLabel,
  compareIsoDates,
  compareReferences,
  compareStrings,
  createNameRedactor,
  describeAllCounts,
  describeCounts,
  emptyCounts,
  instantLabel,
  joinWords,
  longDate,
  plural,
  shortDate,
  signed,
  slugify,
  trimText,
} from './pack-text';

/** Longest narrative kept in the model (latest updates): packs summarise, the tracker holds the rest. */
const UPDATE_MAX_CHARS = 400;
/** Narrative highlights in scrutiny packs are shorter still. */
const HIGHLIGHT_MAX_CHARS = 280;
const HIGHLIGHT_LIMIT = 10;
const TREND_POINTS = 12;
/** Tables longer than this are laid out compact. */
const COMPACT_TABLE_ROWS = 60;
/** Milestone tables name their action by reference and a short title: the tracker has the rest. */
const MILESTONE_ACTION_TITLE_CHARS = 70;

// ---- Internal facts --------------------------------------------------------------------------

interface WorkstreamInfo {
  id: string;
  title: string;
  sortOrder: number;
  index: number;
}

interface ActionFacts {
  source: PackSourceAction;
  /** Redacted in scrutiny packs. */
  title: string;
  workstream: WorkstreamInfo;
  /** Board: 'Name, role (agency)'; scrutiny: 'role (agency)'. */
  owner: string;
  /** Role and agency, never a name. */
  responsible: string;
  reasons: string[];
  latestUpdate: UpdateView | null;
  /** Narrative of the latest update, untrimmed but redacted (for highlights). */
  latestNarrative: string | null;
  findings: PackSourceFinding[];
  milestonesOpen: number;
  milestonesOverdue: number;
  evidenceAccepted: number;
}

interface Context {
  source: PackSource;
  scrutiny: boolean;
  asOf: CalendarDate;
  /** Free text as the audience may see it. */
  text: (value: string) => string;
  workstreams: WorkstreamInfo[];
  /** In tracker order: workstream, then reference. */
  actions: ActionFacts[];
  actionsById: Map<string, ActionFacts>;
  findingsById: Map<string, PackSourceFinding>;
  actionsByFinding: Map<string, ActionFacts[]>;
  milestones: PackSourceMilestone[];
  evidence: PackSourceEvidence[];
  warnings: string[];
}

// ---- Entry point ------------------------------------------------------------------------------

/**
 * Builds the progress pack model from its source. Pure and deterministic: no clock, no I/O, every
 * list sorted with a total order, so the same source (in any array order) gives a deep-equal model.
 * Scrutiny models hold no owner names: roles and agencies only, and known names in free text are
 * replaced by the person's role.
 */
export function buildPackModel(source: PackSource): PackModel {
  validateSource(source);
  const ctx = createContext(source);

  const nowCounts = countColours(ctx.actions.map((a) => a.source.colour));
  const overdueMilestones = buildOverdueMilestones(ctx);
  const upcomingMilestones = buildUpcomingMilestones(ctx);
  const headline = buildHeadline(ctx, nowCounts, overdueMilestones.length);
  const workstreams = buildWorkstreamRollUps(ctx);
  const notices = buildNoticeRollUps(ctx);
  const inspections = buildInspectionRollUps(ctx);
  const exceptions = buildExceptions(ctx);
  const evidence = buildEvidenceSummary(ctx);
  const changes = buildChanges(ctx);
  const tracker = ctx.actions.map((action) => trackerRow(ctx, action));
  const charts = buildCharts(ctx, nowCounts);
  const ragKey = buildRagKey();
  const meta = buildMeta(ctx);
  const scrutiny = ctx.scrutiny
    ? buildScrutinyParts(ctx, { headline, exceptions, upcomingMilestones, overdueMilestones, changes, inspections, notices })
    : null;

  const parts: ModelParts = {
    meta,
    headline,
    workstreams,
    notices,
    inspections,
    exceptions,
    overdueMilestones,
    upcomingMilestones,
    evidence,
    changes,
    tracker,
    scrutiny,
    charts,
    ragKey,
  };
  const sections = ctx.scrutiny ? scrutinySections(ctx, parts) : boardSections(ctx, parts);

  return {
    modelVersion: PACK_MODEL_VERSION,
    audience: source.audience,
    ...parts,
    frontMatter: frontMatter(ctx, meta),
    sections,
    dataWarnings: [...ctx.warnings].sort(compareStrings),
  };
}

type ModelParts = Omit<PackModel, 'modelVersion' | 'audience' | 'frontMatter' | 'sections' | 'dataWarnings'>;

// ---- Validation and context --------------------------------------------------------------------

const COLOURS = new Set<string>(PACK_COLOUR_ORDER);

function validateSource(source: PackSource): void {
  if (source.audience !== 'board' && source.audience !== 'scrutiny') {
    throw new RangeError(`Unknown pack audience: '${String(source.audience)}'`);
  }
  assertCalendarDate(source.asOf, 'asOf');
  assertCalendarDate(source.periodStart, 'periodStart');
  assertCalendarDate(source.nextMeetingDate, 'nextMeetingDate');
  if (source.periodStart > source.asOf) throw new RangeError('periodStart is after asOf');
  if (source.previous) assertCalendarDate(source.previous.asOf, 'previous.asOf');
  for (const point of source.trend) assertCalendarDate(point.asOf, 'trend asOf');
  for (const action of source.actions) {
    // Errors name the action by reference: never by owner.
    assertCalendarDate(action.dueDate, `dueDate of action ${action.reference}`);
    if (action.startDate !== null) assertCalendarDate(action.startDate, `startDate of action ${action.reference}`);
    if (!COLOURS.has(action.colour)) throw new RangeError(`Unknown colour '${String(action.colour)}' on action ${action.reference}`);
    if (action.previousColour !== null && !COLOURS.has(action.previousColour)) {
      throw new RangeError(`Unknown previous colour on action ${action.reference}`);
    }
    if (action.latestUpdate) assertCalendarDate(action.latestUpdate.date, `latest update date of action ${action.reference}`);
  }
  for (const milestone of source.milestones) {
    assertCalendarDate(milestone.dueDate, `dueDate of milestone ${milestone.id}`);
    if (milestone.completedOn !== null) assertCalendarDate(milestone.completedOn, `completedOn of milestone ${milestone.id}`);
  }
  for (const item of source.evidence) {
    assertCalendarDate(item.uploadedOn, `uploadedOn of evidence ${item.id}`);
    if (item.reviewedOn !== null) assertCalendarDate(item.reviewedOn, `reviewedOn of evidence ${item.id}`);
  }
}

/** Policy reasons are phrases ('overdue by 3 days'); packs print them as sentences. */
function capitalise(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}

function compareWorkstreams(a: PackSourceWorkstream, b: PackSourceWorkstream): number {
  return a.sortOrder - b.sortOrder || compareStrings(a.title, b.title) || compareStrings(a.id, b.id);
}

function compareActions(a: PackSourceAction, b: PackSourceAction): number {
  return compareReferences(a.reference, b.reference) || compareStrings(a.id, b.id);
}

function compareFindings(a: PackSourceFinding, b: PackSourceFinding): number {
  return compareReferences(a.reference, b.reference) || compareStrings(a.id, b.id);
}

/** Open at asOf: not completed, or completed only after the reporting date. */
function isOpenAt(milestone: PackSourceMilestone, asOf: CalendarDate): boolean {
  return milestone.completedOn === null || milestone.completedOn > asOf;
}

function createContext(source: PackSource): Context {
  const scrutiny = source.audience === 'scrutiny';
  const asOf = source.asOf;
  const warnings: string[] = [];

  const redact = scrutiny
    ? createNameRedactor(
        source.actions.map((action) => ({ name: action.ownerName, replacement: `the ${action.ownerRole}` })),
      )
    : (value: string) => value;

  const workstreams: WorkstreamInfo[] = [...source.workstreams].sort(compareWorkstreams).map((w, index) => ({
    id: w.id,
    title: w.title,
    sortOrder: w.sortOrder,
    index,
  }));
  const workstreamsById = new Map(workstreams.map((w) => [w.id, w]));

  const findingsById = new Map<string, PackSourceFinding>();
  for (const finding of [...source.findings].sort(compareFindings)) findingsById.set(finding.id, finding);

  // Finding <-> action links are the union of both sides.
  const actionIds = new Set(source.actions.map((a) => a.id));
  const findingIdsByAction = new Map<string, Set<string>>();
  const link = (actionId: string, findingId: string): void => {
    let set = findingIdsByAction.get(actionId);
    if (!set) findingIdsByAction.set(actionId, (set = new Set()));
    set.add(findingId);
  };
  for (const finding of findingsById.values()) {
    for (const actionId of finding.actionIds) {
      if (actionIds.has(actionId)) link(actionId, finding.id);
      else warnings.push(`Finding ${finding.reference} lists an action that is not in the plan (${actionId}).`);
    }
  }
  for (const action of source.actions) {
    for (const findingId of action.findingIds) {
      if (findingsById.has(findingId)) link(action.id, findingId);
      else warnings.push(`Action ${action.reference} refers to a finding that is not in the pack (${findingId}).`);
    }
  }

  const milestonesByAction = new Map<string, PackSourceMilestone[]>();
  const milestones: PackSourceMilestone[] = [];
  for (const milestone of source.milestones) {
    if (!actionIds.has(milestone.actionId)) {
      warnings.push(`Milestone ${milestone.id} belongs to an action that is not in the plan.`);
      continue;
    }
    milestones.push(milestone);
    const list = milestonesByAction.get(milestone.actionId);
    if (list) list.push(milestone);
    else milestonesByAction.set(milestone.actionId, [milestone]);
  }
  const acceptedByAction = new Map<string, number>();
  const evidence: PackSourceEvidence[] = [];
  for (const item of source.evidence) {
    if (!actionIds.has(item.actionId)) {
      warnings.push(`Evidence ${item.id} belongs to an action that is not in the plan.`);
      continue;
    }
    evidence.push(item);
    if (item.state === 'accepted') acceptedByAction.set(item.actionId, (acceptedByAction.get(item.actionId) ?? 0) + 1);
  }

  const extraWorkstreams = new Map<string, WorkstreamInfo>();
  const resolveWorkstream = (action: PackSourceAction): WorkstreamInfo => {
    const known = workstreamsById.get(action.workstreamId);
    if (known) return known;
    warnings.push(`Action ${action.reference} refers to a workstream that is not in the plan (${action.workstreamId}).`);
    let extra = extraWorkstreams.get(action.workstreamId);
    if (!extra) {
      extra = { id: action.workstreamId, title: 'Not assigned to a workstream', sortOrder: Number.MAX_SAFE_INTEGER, index: -1 };
      extraWorkstreams.set(action.workstreamId, extra);
    }
    return extra;
  };

  const seenReferences = new Set<string>();
  const facts: ActionFacts[] = [...source.actions].sort(compareActions).map((action) => {
    if (seenReferences.has(action.reference)) warnings.push(`More than one action has the reference ${action.reference}.`);
    seenReferences.add(action.reference);
    const workstream = resolveWorkstream(action);
    const agency = action.leadAgency ? ` (${action.leadAgency})` : '';
    const responsible = `${action.ownerRole}${agency}`;
    const own = milestonesByAction.get(action.id) ?? [];
    let open = 0;
    let overdue = 0;
    for (const m of own) {
      if (!isOpenAt(m, asOf)) continue;
      open += 1;
      if (m.dueDate < asOf) overdue += 1;
    }
    const findings = [...(findingIdsByAction.get(action.id) ?? [])]
      .map((id) => findingsById.get(id))
      .filter((f): f is PackSourceFinding => f !== undefined)
      .sort(compareFindings);
    const narrative = action.latestUpdate ? redact(action.latestUpdate.narrative) : null;
    return {
      source: action,
      title: redact(action.title),
      workstream,
      owner: scrutiny ? responsible : `${action.ownerName}, ${responsible}`,
      responsible,
      reasons: action.reasons.map((reason) => capitalise(redact(reason))),
      latestUpdate:
        action.latestUpdate && narrative !== null
          ? {
              date: action.latestUpdate.date,
              dateLabel: shortDate(action.latestUpdate.date),
              narrative: trimText(narrative, UPDATE_MAX_CHARS),
            }
          : null,
      latestNarrative: narrative,
      findings,
      milestonesOpen: open,
      milestonesOverdue: overdue,
      evidenceAccepted: acceptedByAction.get(action.id) ?? 0,
    };
  });

  const allWorkstreams = [...workstreams, ...[...extraWorkstreams.values()].sort((a, b) => compareStrings(a.id, b.id))];
  allWorkstreams.forEach((w, index) => (w.index = index));
  facts.sort(
    (a, b) =>
      a.workstream.index - b.workstream.index ||
      compareReferences(a.source.reference, b.source.reference) ||
      compareStrings(a.source.id, b.source.id),
  );

  const actionsByFinding = new Map<string, ActionFacts[]>();
  for (const action of facts) {
    for (const finding of action.findings) {
      const list = actionsByFinding.get(finding.id);
      if (list) list.push(action);
      else actionsByFinding.set(finding.id, [action]);
    }
  }
  for (const finding of findingsById.values()) {
    if (finding.inspectionId !== null && !source.inspections.some((i) => i.id === finding.inspectionId)) {
      warnings.push(`Finding ${finding.reference} refers to an inspection that is not in the pack.`);
    }
    if (finding.noticeId !== null && !source.notices.some((n) => n.id === finding.noticeId)) {
      warnings.push(`Finding ${finding.reference} refers to a notice that is not in the pack.`);
    }
  }

  return {
    source,
    scrutiny,
    asOf,
    text: redact,
    workstreams: allWorkstreams,
    actions: facts,
    actionsById: new Map(facts.map((a) => [a.source.id, a])),
    findingsById,
    actionsByFinding,
    milestones,
    evidence,
    warnings,
  };
}

// ---- Counts and roll-ups ----------------------------------------------------------------------------

function countColours(colours: readonly RagColour[]): ColourCounts {
  const counts = emptyCounts();
  for (const colour of colours) counts[colour] += 1;
  return counts;
}

function normaliseCounts(counts: Partial<ColourCounts>): ColourCounts {
  const result = emptyCounts();
  for (const colour of PACK_COLOUR_ORDER) result[colour] = Math.max(0, Math.trunc(counts[colour] ?? 0));
  return result;
}

function totalOf(counts: ColourCounts): number {
  return PACK_COLOUR_ORDER.reduce((sum, colour) => sum + counts[colour], 0);
}

/** The shared RAG roll-up (Blue only if all Blue, else the worst), worded for packs. */
function rollUpView(actions: readonly ActionFacts[]): RollUpView {
  const result = rollUp(actions.map((a) => a.source.colour));
  const counts = normaliseCounts(result.counts);
  // Nothing to roll up: nothing is due, which is what Grey means.
  const colour = result.colour ?? 'grey';
  return {
    colour,
    label: result.total === 0 ? 'Grey (no actions yet)' : COLOUR_LABELS[colour],
    counts,
    total: result.total,
    countsText: describeCounts(counts, 'no actions yet'),
  };
}

function buildHeadline(ctx: Context, now: ColourCounts, overdueMilestoneCount: number): PackHeadline {
  const previous = ctx.source.previous ? normaliseCounts(ctx.source.previous.counts) : null;
  const counts: ColourCountLine[] = PACK_COLOUR_ORDER.map((colour) => ({
    colour,
    label: COLOUR_LABELS[colour],
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

function buildWorkstreamRollUps(ctx: Context): WorkstreamRollUp[] {
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

function buildNoticeRollUps(ctx: Context): NoticeRollUp[] {
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

function buildInspectionRollUps(ctx: Context): InspectionRollUp[] {
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

// ---- Exceptions, milestones, evidence, changes -----------------------------------------------------------

const EXCEPTION_RANK: Partial<Record<RagColour, number>> = { red: 0, amber: 1 };

function compareByDueThenReference(a: ActionFacts, b: ActionFacts): number {
  return (
    compareIsoDates(a.source.dueDate, b.source.dueDate) ||
    compareReferences(a.source.reference, b.source.reference) ||
    compareStrings(a.source.id, b.source.id)
  );
}

function exceptionActions(ctx: Context): ActionFacts[] {
  return ctx.actions
    .filter((a) => EXCEPTION_RANK[a.source.colour] !== undefined)
    .sort(
      (a, b) => (EXCEPTION_RANK[a.source.colour] ?? 9) - (EXCEPTION_RANK[b.source.colour] ?? 9) || compareByDueThenReference(a, b),
    );
}

function buildExceptions(ctx: Context): ExceptionRow[] {
  return exceptionActions(ctx).map((a) => ({
    actionId: a.source.id,
    reference: a.source.reference,
    title: a.title,
    workstreamTitle: a.workstream.title,
    colour: a.source.colour,
    colourLabel: colourLabel(a.source.colour, a.source.overridden),
    overridden: a.source.overridden,
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

function buildOverdueMilestones(ctx: Context): MilestoneRow[] {
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

function buildUpcomingMilestones(ctx: Context): MilestoneRow[] {
  const rows: MilestoneRow[] = [];
  const ids: string[] = [];
  const until = ctx.source.nextMeetingDate;
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

function inPeriod(ctx: Context, date: CalendarDate | null): boolean {
  return date !== null && date >= ctx.source.periodStart && date <= ctx.asOf;
}

const EVIDENCE_ORDER = { rejected: 0, submitted: 1, accepted: 2 } as const;

function buildEvidenceSummary(ctx: Context): EvidenceSummary {
  let accepted = 0;
  let rejected = 0;
  let awaitingReview = 0;
  let submittedInPeriod = 0;
  const listed: { row: EvidenceRow; id: string }[] = [];
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
        row: {
          actionReference: action ? action.source.reference : '',
          title: item.title,
          state: item.state,
          stateLabel: EVIDENCE_STATE_LABELS[item.state],
          uploadedOn: item.uploadedOn,
          reviewedOn: item.reviewedOn,
        },
      });
    }
  }
  listed.sort(
    (a, b) =>
      EVIDENCE_ORDER[a.row.state] - EVIDENCE_ORDER[b.row.state] ||
      compareReferences(a.row.actionReference, b.row.actionReference) ||
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

function buildChanges(ctx: Context): ChangesSincePrevious {
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
  for (const action of [...ctx.actions].sort(
    (a, b) => compareReferences(a.source.reference, b.source.reference) || compareStrings(a.source.id, b.source.id),
  )) {
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
      changeLabel: from === null ? `New action, ${COLOUR_LABELS[to]}` : `${COLOUR_LABELS[from]} to ${COLOUR_LABELS[to]}`,
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

function trackerRow(ctx: Context, a: ActionFacts): TrackerRow {
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
    statusLabel: STATUS_LABELS[s.status] ?? s.status,
    progressPercent: Math.max(0, Math.min(100, Math.round(s.progressPercent))),
    colour: s.colour,
    colourLabel: colourLabel(s.colour, s.overridden),
    overridden: s.overridden,
    previousColour: s.previousColour,
    reasons: a.reasons,
    findingReferences: a.findings.map((f) => f.reference),
    milestonesOpen: a.milestonesOpen,
    milestonesOverdue: a.milestonesOverdue,
    evidenceAccepted: a.evidenceAccepted,
    latestUpdate: a.latestUpdate,
  };
}

// ---- Charts -------------------------------------------------------------------------------------

function buildCharts(ctx: Context, now: ColourCounts): ChartModel[] {
  const total = totalOf(now);
  const previous = ctx.source.previous;
  const barSummary =
    `Bar chart of the ${plural(total, 'action')} by RAG status at ${longDate(ctx.asOf)}: ${describeAllCounts(now)}.` +
    (previous
      ? ` At the previous report (${longDate(previous.asOf)}): ${describeAllCounts(normaliseCounts(previous.counts))}.`
      : '');
  const charts: ChartModel[] = [
    {
      id: 'rag-counts',
      kind: 'bar',
      title: `Actions by RAG status at ${longDate(ctx.asOf)}`,
      altText: `Bar chart: ${describeAllCounts(now)} (${plural(total, 'action')}).`,
      accessibilitySummary: barSummary,
      bars: PACK_COLOUR_ORDER.map((colour) => ({ colour, label: COLOUR_LABELS[colour], value: now[colour] })),
    },
  ];

  // Earlier reporting dates, de-duplicated (the last by sort order wins), then this one.
  const points = new Map<CalendarDate, ColourCounts>();
  const earlier = ctx.source.trend
    .filter((p) => p.asOf < ctx.asOf)
    .map((p) => ({ asOf: p.asOf, counts: normaliseCounts(p.counts) }))
    .sort((a, b) => compareIsoDates(a.asOf, b.asOf) || compareStrings(JSON.stringify(a.counts), JSON.stringify(b.counts)));
  for (const point of earlier) points.set(point.asOf, point.counts);
  points.set(ctx.asOf, now);
  const dates = [...points.keys()].sort(compareIsoDates).slice(-TREND_POINTS);
  if (dates.length >= 2) {
    const series = PACK_COLOUR_ORDER.map((colour) => ({
      colour,
      label: COLOUR_LABELS[colour],
      values: dates.map((d) => (points.get(d) ?? emptyCounts())[colour]),
    }));
    const first = longDate(dates[0]);
    const last = longDate(dates[dates.length - 1]);
    const movement = series.map((s) => `${s.colour} ${s.values[0]} to ${s.values[s.values.length - 1]}`);
    charts.push({
      id: 'rag-trend',
      kind: 'line',
      title: `RAG trend over the last ${dates.length} reporting dates`,
      altText: `Line chart of actions by RAG status from ${first} to ${last}: ${joinWords(movement)}.`,
      accessibilitySummary:
        `Line chart of the number of actions of each RAG colour at ${dates.length} reporting dates. ` +
        dates.map((d) => `${longDate(d)}: ${describeAllCounts(points.get(d) ?? emptyCounts())}`).join('; ') +
        '.',
      dates,
      dateLabels: dates.map((d) => shortDate(d)),
      series,
    });
  }
  return charts;
}

function buildRagKey(): RagKeyEntry[] {
  return [
    { colour: 'red', label: 'Red', meaning: 'Off track: overdue, blocked, or a milestone badly late. Needs the board’s intervention.' },
    {
      colour: 'amber',
      label: 'Amber',
      meaning: 'At risk: a milestone has slipped, updates are out of date, evidence was rejected, or the action is complete but awaiting evidence.',
    },
    { colour: 'green', label: 'Green', meaning: 'On track.' },
    { colour: 'blue', label: 'Blue', meaning: 'Complete and evidenced: every milestone done and evidence accepted by the board.' },
    { colour: 'grey', label: 'Grey', meaning: 'Not yet started, and nothing is due yet.' },
  ];
}

// ---- Meta and scrutiny parts -------------------------------------------------------------------------

function buildMeta(ctx: Context): PackMeta {
  const s = ctx.source;
  const documentType = ctx.scrutiny ? 'Progress report to the scrutiny committee' : 'Progress and exception report';
  const title = s.title?.trim() || `${s.plan.title}: ${ctx.scrutiny ? 'progress report' : 'progress and exception report'}`;
  return {
    title,
    documentType,
    organisationName: s.organisation.name,
    planTitle: s.plan.title,
    reportOfRole: s.plan.reportOfRole,
    asOf: s.asOf,
    asOfLabel: longDate(s.asOf),
    periodStart: s.periodStart,
    periodLabel: `${longDate(s.periodStart)} to ${longDate(s.asOf)}`,
    nextMeetingDate: s.nextMeetingDate,
    nextMeetingLabel: longDate(s.nextMeetingDate),
    previousAsOf: s.previous ? s.previous.asOf : null,
    previousAsOfLabel: s.previous ? longDate(s.previous.asOf) : null,
    generatedAt: s.generatedAt,
    language: 'en-GB',
    fileBaseName: `${slugify(s.plan.title, 50)}-${s.audience}-${s.asOf}`,
    runningHeader: planNamesOrganisation(s) ? s.plan.title : `${s.organisation.name} · ${s.plan.title}`,
    runningFooter: `${documentType} · position at ${longDate(s.asOf)}`,
    subject: `${documentType} for ${s.plan.title}, position at ${longDate(s.asOf)}`,
    keywords: ['improvement plan', 'progress report', 'RAG', s.audience === 'board' ? 'improvement board' : 'scrutiny committee'],
  };
}

interface ScrutinyInputs {
  headline: PackHeadline;
  exceptions: ExceptionRow[];
  upcomingMilestones: MilestoneRow[];
  overdueMilestones: MilestoneRow[];
  changes: ChangesSincePrevious;
  inspections: InspectionRollUp[];
  notices: NoticeRollUp[];
}

function inspectionPhrase(i: InspectionRollUp): string {
  const details = [i.overallJudgement ? `overall: ${i.overallJudgement}` : null, i.publishedLabel ? `published ${i.publishedLabel}` : null].filter(
    (d): d is string => d !== null,
  );
  return `the ${i.title}${details.length ? ` (${details.join(', ')})` : ''}`;
}

function noticePhrase(n: NoticeRollUp): string {
  return `the ${n.title}${n.deadlineLabel ? ` (deadline ${n.deadlineLabel})` : ''}`;
}

function buildScrutinyParts(ctx: Context, inputs: ScrutinyInputs): ScrutinyParts {
  const { headline, exceptions, upcomingMilestones, changes } = inputs;
  const responds = [...inputs.inspections.map(inspectionPhrase), ...inputs.notices.map(noticePhrase)];
  const purpose =
    `To update the committee on progress against the ${ctx.source.plan.title}${planNamesOrganisation(ctx.source) ? '' : ` of ${ctx.source.organisation.name}`}, ` +
    `as at ${longDate(ctx.asOf)}.` +
    (responds.length ? ` The plan responds to ${joinWords(responds)}.` : '');

  const reds = exceptions.filter((e) => e.colour === 'red');
  const countsNow = normaliseCounts(Object.fromEntries(headline.counts.map((c) => [c.colour, c.now])));
  const recommendations = [
    `That the committee notes the progress made against the improvement plan and its position at ${longDate(ctx.asOf)}: ` +
      `of ${plural(headline.total, 'action')}, ${describeCounts(countsNow)}.`,
    reds.length > 0
      ? `That the committee notes the ${plural(reds.length, 'key risk')} to delivery in section 5 and the action being taken on each.`
      : 'That the committee notes that no action is currently rated red.',
    'That the committee notes the next steps in section 6 and receives a further progress report at its next scheduled meeting.',
  ];

  const keyRisks: KeyRisk[] = reds.map((e) => {
    const action = ctx.actionsById.get(e.actionId);
    return {
      actionId: e.actionId,
      reference: e.reference,
      title: e.title,
      responsible: action ? action.responsible : e.owner,
      dueLabel: e.dueLabel,
      reasons: e.reasons,
      latestPosition: e.latestUpdate ? `${e.latestUpdate.dateLabel}: ${e.latestUpdate.narrative}` : null,
    };
  });

  const turnedBlue = new Set(changes.turnedBlue.map((c) => c.actionId));
  const candidates = ctx.actions.filter(
    (a) =>
      a.latestNarrative !== null &&
      a.source.latestUpdate !== null &&
      (turnedBlue.has(a.source.id) ||
        ((a.source.colour === 'blue' || a.source.colour === 'green') && inPeriod(ctx, a.source.latestUpdate.date))),
  );
  const rank = (a: ActionFacts): number => (turnedBlue.has(a.source.id) ? 0 : a.source.colour === 'blue' ? 1 : 2);
  const highlights: Highlight[] = candidates
    .sort((a, b) => rank(a) - rank(b) || compareReferences(a.source.reference, b.source.reference) || compareStrings(a.source.id, b.source.id))
    .slice(0, HIGHLIGHT_LIMIT)
    .map((a) => ({
      actionId: a.source.id,
      reference: a.source.reference,
      title: a.title,
      colour: a.source.colour,
      turnedBlue: turnedBlue.has(a.source.id),
      text:
        `${a.source.reference} ${a.title}` +
        (turnedBlue.has(a.source.id) ? ' (now complete and evidenced)' : ` (${COLOUR_LABELS[a.source.colour]})`) +
        `: ${trimText(a.latestNarrative ?? '', HIGHLIGHT_MAX_CHARS)}`,
    }));

  const nextSteps: NextStep[] = upcomingMilestones.map((m) => ({
    dueDate: m.dueDate,
    text: `By ${longDate(m.dueDate)}: ${m.title}. Action ${m.actionReference}; responsible: ${m.owner}.`,
  }));

  return { purpose, recommendations, keyRisks, highlights, nextSteps };
}

// ---- The document outline -------------------------------------------------------------------------

type ColumnSpec = [header: string, width: number, align?: TableAlign];

function table(
  id: string,
  caption: string,
  columns: ColumnSpec[],
  rows: PackTableCell[][],
  emptyText: string,
  options: { density?: 'normal' | 'compact'; rowHeaderColumn?: boolean } = {},
): PackBlock {
  const cols: PackTableColumn[] = columns.map(([header, width, align]) => ({ header, width, align: align ?? 'left' }));
  const value: PackTable = {
    id,
    caption,
    columns: cols,
    rows,
    emptyText,
    // Long tables are set in small type: a 5,000-action plan has tables of thousands of rows.
    density: options.density ?? (rows.length > COMPACT_TABLE_ROWS ? 'compact' : 'normal'),
    rowHeaderColumn: options.rowHeaderColumn ?? true,
  };
  return { kind: 'table', table: value };
}

function cell(text: string | number): PackTableCell {
  return { text: String(text) };
}

function ragCell(colour: RagColour, overridden = false, label?: string): PackTableCell {
  return { text: label ?? colourLabel(colour, overridden), rag: colour };
}

function paragraph(text: string, style: 'normal' | 'lead' | 'note' = 'normal'): PackBlock {
  return { kind: 'paragraph', text, style };
}

function bullets(items: string[]): PackBlock {
  return { kind: 'list', ordered: false, items };
}

function numbered(items: string[]): PackBlock {
  return { kind: 'list', ordered: true, items };
}

function section(
  id: string,
  number: string,
  heading: string,
  blocks: PackBlock[],
  subsections: PackSubsection[] = [],
  options: { appendix?: boolean; orientation?: 'portrait' | 'landscape' } = {},
): PackSection {
  const appendix = options.appendix ?? false;
  return {
    id,
    number,
    heading,
    displayHeading: appendix ? `Appendix ${number}: ${heading}` : `${number}. ${heading}`,
    appendix,
    orientation: options.orientation ?? 'portrait',
    blocks,
    subsections,
  };
}

function frontMatter(ctx: Context, meta: PackMeta): PackBlock[] {
  const rows = ctx.scrutiny
    ? [
        { label: 'Organisation', value: meta.organisationName },
        { label: 'Report of', value: meta.reportOfRole },
        { label: 'Subject', value: meta.planTitle },
        { label: 'Position as at', value: meta.asOfLabel },
        { label: 'Reporting period', value: meta.periodLabel },
        { label: 'Next meeting', value: meta.nextMeetingLabel },
      ]
    : [
        { label: 'Organisation', value: meta.organisationName },
        { label: 'Plan', value: meta.planTitle },
        { label: 'Report of', value: meta.reportOfRole },
        { label: 'Position as at', value: meta.asOfLabel },
        { label: 'Reporting period', value: meta.periodLabel },
        { label: 'Previous report', value: meta.previousAsOfLabel ?? 'None (first report)' },
        { label: 'Next board meeting', value: meta.nextMeetingLabel },
        { label: 'Generated', value: instantLabel(meta.generatedAt) },
      ];
  const blocks: PackBlock[] = [{ kind: 'details', rows }];
  if (ctx.scrutiny) {
    blocks.push(
      paragraph(
        'Officers are referred to by their role. The colours (RAG ratings) are explained in the RAG key appendix; every colour is also written as a word.',
        'note',
      ),
    );
  } else {
    blocks.push(paragraph('Board members only: this pack names action owners. Do not publish it; the scrutiny pack is the public version.', 'note'));
  }
  return blocks;
}

function countsTable(ctx: Context, parts: ModelParts): PackBlock {
  const { headline } = parts;
  const prevLabel = parts.meta.previousAsOfLabel;
  if (prevLabel === null) {
    return table(
      'rag-counts',
      `Actions by RAG status at ${parts.meta.asOfLabel}`,
      [
        ['RAG status', 3],
        ['Actions', 2, 'right'],
      ],
      [...headline.counts.map((c) => [ragCell(c.colour), cell(c.now)]), [cell('Total'), cell(headline.total)]],
      'There are no actions in the plan yet.',
    );
  }
  return table(
    'rag-counts',
    `Actions by RAG status at ${parts.meta.asOfLabel}, compared with ${prevLabel}`,
    [
      ['RAG status', 3],
      [`Now (${shortDate(ctx.asOf)})`, 2, 'right'],
      [`Previous (${shortDate(parts.meta.previousAsOf ?? ctx.asOf)})`, 2, 'right'],
      ['Change', 2, 'right'],
    ],
    [
      ...headline.counts.map((c) => [ragCell(c.colour), cell(c.now), cell(c.previous ?? ''), cell(c.delta === null ? '' : signed(c.delta))]),
      [
        cell('Total'),
        cell(headline.total),
        cell(headline.previousTotal ?? ''),
        cell(headline.previousTotal === null ? '' : signed(headline.total - headline.previousTotal)),
      ],
    ],
    'There are no actions in the plan yet.',
  );
}

function chartBlocks(parts: ModelParts): PackBlock[] {
  const blocks: PackBlock[] = parts.charts.map((c) => ({ kind: 'chart', chartId: c.id }));
  if (!parts.charts.some((c) => c.id === 'rag-trend')) {
    blocks.push(paragraph('The trend chart starts once there are two reporting dates to compare.', 'note'));
  }
  return blocks;
}

function reasonsText(reasons: readonly string[]): string {
  return reasons.join('; ');
}

/** Tables quote the start of an update; the tracker rows (JSON, spreadsheet) keep all of it. */
const TABLE_UPDATE_CHARS = 240;

function updateText(update: UpdateView | null): string {
  return update ? `${update.dateLabel}: ${trimText(update.narrative, TABLE_UPDATE_CHARS)}` : 'No update yet';
}

function workstreamTable(parts: ModelParts, label: string): PackBlock {
  return table(
    'workstream-roll-up',
    `${label} roll-up: overall colour and number of actions of each colour`,
    [
      [label, 8],
      ['Overall', 3],
      ['Red', 1.5, 'right'],
      ['Amber', 1.7, 'right'],
      ['Green', 1.7, 'right'],
      ['Blue', 1.5, 'right'],
      ['Grey', 1.5, 'right'],
      ['Total', 1.6, 'right'],
    ],
    parts.workstreams.map((w) => [
      cell(w.title),
      ragCell(w.rollUp.colour, false, w.rollUp.total === 0 ? 'Grey (none)' : w.rollUp.label),
      ...PACK_COLOUR_ORDER.map((colour) => cell(w.rollUp.counts[colour])),
      cell(w.rollUp.total),
    ]),
    `There are no ${label.toLowerCase()}s in the plan.`,
  );
}

function noticeTable(parts: ModelParts): PackBlock {
  return table(
    'notice-roll-up',
    'Each notice: deadline, status and the roll-up colour of its actions',
    [
      ['Notice', 8],
      ['Deadline', 3],
      ['Status', 2.5],
      ['Overall', 3],
      ['Actions by colour', 6],
    ],
    parts.notices.map((n) => [
      cell(n.title),
      cell(n.deadline ? shortDate(n.deadline) : 'None'),
      cell(n.status),
      ragCell(n.rollUp.colour, false, n.rollUp.label),
      cell(n.rollUp.countsText),
    ]),
    'No notice applies to this plan.',
  );
}

function findingsTable(id: string, caption: string, findings: FindingRollUp[]): PackBlock {
  return table(
    id,
    caption,
    [
      ['Ref', 2],
      ['Finding', 9],
      ['Theme', 3.5],
      ['Actions', 3.5],
      ['Overall', 2.8],
      ['Actions by colour', 5],
    ],
    findings.map((f) => [
      cell(f.reference),
      cell(f.title),
      cell([f.theme, f.score !== null ? `score ${f.score}` : null].filter((t): t is string => !!t).join(', ') || ''),
      cell(f.actionReferences.join(', ') || 'None yet'),
      ragCell(f.rollUp.colour, false, f.rollUp.total === 0 ? 'Grey (none)' : f.rollUp.label),
      cell(f.rollUp.countsText),
    ]),
    'No findings are recorded.',
  );
}

function findingsSubsections(parts: ModelParts): PackSubsection[] {
  const subsections: PackSubsection[] = [];
  for (const n of parts.notices) {
    subsections.push({
      id: `notice-${n.id}`,
      heading: n.title,
      blocks: [
        paragraph(
          `${n.kind}${n.deadlineLabel ? `, deadline ${n.deadlineLabel}` : ''}, status: ${n.status}. ` +
            `Overall ${n.rollUp.label.toLowerCase()}: ${n.rollUp.countsText}.`,
        ),
        findingsTable(`notice-findings-${n.id}`, `Findings under the ${n.title}`, n.findings),
      ],
    });
  }
  for (const i of parts.inspections) {
    const judgement = i.overallJudgement ? `, overall judgement: ${i.overallJudgement}` : '';
    subsections.push({
      id: `inspection-${i.id}`,
      heading: i.title,
      blocks: [
        paragraph(
          `${i.regulator} ${i.kind}${i.publishedLabel ? `, published ${i.publishedLabel}` : ''}${judgement}. ` +
            `Overall ${i.rollUp.label.toLowerCase()}: ${i.rollUp.countsText}.`,
        ),
        findingsTable(`inspection-findings-${i.id}`, `Findings of the ${i.title}`, i.findings),
      ],
    });
  }
  return subsections;
}

function ragKeyBlocks(parts: ModelParts): PackBlock[] {
  return [
    table(
      'rag-key',
      'RAG key: what each colour means',
      [
        ['Colour', 2],
        ['Meaning', 10],
      ],
      parts.ragKey.map((k) => [ragCell(k.colour, false, k.label), cell(k.meaning)]),
      '',
    ),
    paragraph(
      'Colours are computed from the plan by the organisation’s RAG policy at the reporting date. A colour marked "(override)" was set by the improvement board with a reason and an expiry date; the reason is shown as the colour’s reason.',
    ),
  ];
}

function trackerTable(ctx: Context, parts: ModelParts): PackBlock {
  const ownerHeader = ctx.scrutiny ? 'Responsible' : 'Owner';
  const streamHeader = ctx.scrutiny ? 'Priority' : 'Workstream';
  return table(
    'tracker',
    ctx.scrutiny ? 'Every action in the plan, by priority' : 'Every action in the plan, by workstream',
    [
      ['Ref', 2.2],
      ['Action', 12.5],
      [streamHeader, 5],
      [ownerHeader, 7],
      ['Due', 3.2],
      ['Status', 3.2],
      ['%', 1.6, 'right'],
      ['RAG', 3.4],
      ['Reasons', 8.5],
    ],
    parts.tracker.map((r) => [
      cell(r.reference),
      cell(r.title),
      cell(r.workstreamTitle),
      cell(ctx.scrutiny ? `${r.ownerRole}${r.leadAgency ? ` (${r.leadAgency})` : ''}` : ctx.actionsById.get(r.actionId)?.owner ?? ''),
      cell(shortDate(r.dueDate)),
      cell(r.statusLabel),
      cell(r.progressPercent),
      ragCell(r.colour, r.overridden),
      cell(reasonsText(r.reasons)),
    ]),
    'There are no actions in the plan yet.',
    { density: 'compact' },
  );
}

function milestoneTable(id: string, caption: string, rows: MilestoneRow[], overdue: boolean, ownerHeader: string, emptyText: string): PackBlock {
  const columns: ColumnSpec[] = [
    ['Action', 7],
    ['Milestone', 9],
    [ownerHeader, 6],
    ['Due', 3],
  ];
  if (overdue) columns.push(['Days overdue', 3.2, 'right']);
  return table(
    id,
    caption,
    columns,
    rows.map((m) => {
      const cells = [
        cell(`${m.actionReference} ${trimText(m.actionTitle, MILESTONE_ACTION_TITLE_CHARS)}`),
        cell(m.title),
        cell(m.owner),
        cell(m.dueLabel),
      ];
      if (overdue) cells.push(cell(m.daysOverdue ?? 0));
      return cells;
    }),
    emptyText,
  );
}

function changeTable(id: string, caption: string, changes: ColourChange[], emptyText: string): PackBlock {
  return table(
    id,
    caption,
    [
      ['Ref', 2],
      ['Action', 12],
      ['Previous', 3],
      ['Now', 3],
    ],
    changes.map((c) => [
      cell(c.reference),
      cell(c.title),
      c.from === null ? cell('New action') : ragCell(c.from),
      ragCell(c.to),
    ]),
    emptyText,
  );
}

function boardSections(ctx: Context, parts: ModelParts): PackSection[] {
  const wide = { orientation: 'landscape' as const };
  const sections: PackSection[] = [];
  sections.push(
    section('headline', '1', 'Headline position', [paragraph(parts.headline.summary, 'lead'), countsTable(ctx, parts), ...chartBlocks(parts)], [], wide),
  );
  sections.push(
    section(
      'exceptions',
      '2',
      'Exceptions: red and amber actions',
      [
        paragraph(
          parts.exceptions.length === 0
            ? 'No action is red or amber.'
            : `${plural(parts.exceptions.filter((e) => e.colour === 'red').length, 'action is', 'actions are')} red and ` +
                `${plural(parts.exceptions.filter((e) => e.colour === 'amber').length, 'action is', 'actions are')} amber. Red actions come first, then amber, each by due date.`,
        ),
        table(
          'exceptions',
          'Red and amber actions, with the reasons for their colour and the latest update',
          [
            ['Ref', 2],
            ['Action', 8],
            ['Owner', 6],
            ['Due', 3],
            ['RAG', 3.2],
            ['Reasons', 8],
            ['Latest update', 10],
          ],
          parts.exceptions.map((e) => [
            cell(e.reference),
            cell(e.title),
            cell(e.owner),
            cell(e.dueLabel),
            ragCell(e.colour, e.overridden),
            cell(reasonsText(e.reasons)),
            cell(updateText(e.latestUpdate)),
          ]),
          'There are no red or amber actions.',
        ),
      ],
      [
        {
          id: 'overdue-milestones',
          heading: 'Overdue milestones',
          blocks: [
            milestoneTable(
              'overdue-milestones',
              `Milestones not completed by their due date, at ${parts.meta.asOfLabel}, most overdue first`,
              parts.overdueMilestones,
              true,
              'Owner',
              'No milestones are overdue.',
            ),
          ],
        },
      ],
      wide,
    ),
  );
  sections.push(
    section(
      'changes',
      '3',
      'Changes since the previous report',
      [paragraph(parts.changes.summary)],
      parts.changes.previousAsOf === null
        ? []
        : [
            {
              id: 'new-reds',
              heading: 'Actions that turned red',
              blocks: [changeTable('new-reds', 'Actions red now that were not red at the previous report', parts.changes.newReds, 'No action turned red.')],
            },
            {
              id: 'turned-blue',
              heading: 'Actions that turned blue',
              blocks: [
                changeTable('turned-blue', 'Actions complete and evidenced since the previous report', parts.changes.turnedBlue, 'No action turned blue.'),
              ],
            },
            {
              id: 'other-changes',
              heading: 'Other colour changes',
              blocks: [
                changeTable(
                  'other-changes',
                  'Every other action whose colour changed',
                  parts.changes.all.filter((c) => c.to !== 'red' && c.to !== 'blue'),
                  'No other action changed colour.',
                ),
              ],
            },
          ],
      wide,
    ),
  );
  sections.push(
    section(
      'upcoming-milestones',
      '4',
      'Milestones due before the next meeting',
      [
        paragraph(
          `Milestones due between ${parts.meta.asOfLabel} and the next board meeting on ${parts.meta.nextMeetingLabel}: ${parts.upcomingMilestones.length}.`,
        ),
        milestoneTable(
          'upcoming-milestones',
          `Milestones due by ${parts.meta.nextMeetingLabel}`,
          parts.upcomingMilestones,
          false,
          'Owner',
          'No milestones are due before the next meeting.',
        ),
      ],
      [],
      wide,
    ),
  );
  sections.push(
    section(
      'evidence',
      '5',
      'Evidence in the period',
      [
        paragraph(parts.evidence.summary),
        table(
          'evidence',
          'Evidence reviewed in the period, and evidence awaiting review',
          [
            ['Action', 2.5],
            ['Evidence', 12],
            ['State', 3.5],
            ['Uploaded', 3],
            ['Reviewed', 3],
          ],
          (parts.evidence.items ?? []).map((e) => [
            cell(e.actionReference),
            cell(e.title),
            cell(e.stateLabel),
            cell(shortDate(e.uploadedOn)),
            cell(e.reviewedOn ? shortDate(e.reviewedOn) : ''),
          ]),
          'No evidence was reviewed in the period and none awaits review.',
        ),
      ],
      [],
      wide,
    ),
  );
  sections.push(
    section(
      'workstreams',
      '6',
      'Progress by workstream',
      [
        paragraph('A workstream is blue only when all its actions are blue; otherwise it takes the worst colour among its other actions.'),
        workstreamTable(parts, 'Workstream'),
      ],
      [],
      wide,
    ),
  );
  sections.push(
    section(
      'findings',
      '7',
      'Progress against regulator findings and notices',
      [paragraph('Each finding takes the roll-up colour of the actions that address it.')],
      findingsSubsections(parts),
      wide,
    ),
  );
  sections.push(
    section('tracker', 'A', 'Full action tracker', [trackerTable(ctx, parts)], [], { appendix: true, orientation: 'landscape' }),
  );
  sections.push(section('rag-key', 'B', 'RAG key', ragKeyBlocks(parts), [], { appendix: true, orientation: 'landscape' }));
  return sections;
}

function scrutinySections(ctx: Context, parts: ModelParts): PackSection[] {
  const scrutiny = parts.scrutiny;
  if (!scrutiny) throw new Error('scrutinySections needs the scrutiny parts');
  const sections: PackSection[] = [];
  sections.push(section('purpose', '1', 'Purpose of the report', [paragraph(scrutiny.purpose)]));
  sections.push(section('recommendations', '2', 'Recommendations', [numbered(scrutiny.recommendations)]));

  sections.push(
    section(
      'summary',
      '3',
      'Summary',
      [paragraph(parts.headline.summary), countsTable(ctx, parts), ...chartBlocks(parts), paragraph(parts.evidence.summary), paragraph(parts.changes.summary)],
      [
        {
          id: 'highlights',
          heading: 'Highlights in the period',
          blocks: [
            scrutiny.highlights.length === 0
              ? paragraph('No action was completed or reported on track with an update in the period.')
              : bullets(scrutiny.highlights.map((h) => h.text)),
          ],
        },
      ],
    ),
  );

  const byWorkstream = new Map<string, ExceptionRow[]>();
  for (const e of parts.exceptions) {
    const action = ctx.actionsById.get(e.actionId);
    if (!action) continue;
    const list = byWorkstream.get(action.workstream.id);
    if (list) list.push(e);
    else byWorkstream.set(action.workstream.id, [e]);
  }
  const prioritySubsections: PackSubsection[] = parts.workstreams.map((w) => {
    const attention = byWorkstream.get(w.id) ?? [];
    const blocks: PackBlock[] = [
      paragraph(
        w.rollUp.total === 0
          ? 'This priority has no actions yet.'
          : `Overall ${w.rollUp.label.toLowerCase()}. Of its ${plural(w.rollUp.total, 'action')}, ${w.rollUp.countsText}.`,
      ),
    ];
    if (attention.length > 0) {
      blocks.push(paragraph('Actions needing attention:'));
      blocks.push(bullets(attention.map((e) => `${e.reference} ${e.title} (${e.colourLabel}, due ${e.dueLabel}): ${reasonsText(e.reasons)}`)));
    }
    return { id: `priority-${w.id}`, heading: w.title, blocks };
  });
  prioritySubsections.push({
    id: 'notices',
    heading: 'Progress against notices',
    blocks: [noticeTable(parts)],
  });
  sections.push(
    section(
      'progress-by-priority',
      '4',
      'Progress by priority',
      [
        paragraph('A priority is blue only when all its actions are blue; otherwise it takes the worst colour among its other actions.'),
        workstreamTable(parts, 'Priority'),
      ],
      prioritySubsections,
    ),
  );

  sections.push(
    section('key-risks', '5', 'Key risks', [
      paragraph(
        scrutiny.keyRisks.length === 0
          ? 'No action is currently rated red.'
          : `${plural(scrutiny.keyRisks.length, 'action is', 'actions are')} rated red. Each is set out with the reasons for its rating and the latest position.`,
      ),
      table(
        'key-risks',
        'Red actions: reasons and latest position',
        [
          ['Ref', 2],
          ['Action', 7],
          ['Responsible', 5],
          ['Due', 3],
          ['Why it is red', 7],
          ['Latest position', 9],
        ],
        scrutiny.keyRisks.map((r) => [
          cell(r.reference),
          cell(r.title),
          cell(r.responsible),
          cell(r.dueLabel),
          cell(reasonsText(r.reasons)),
          cell(r.latestPosition ?? 'No update yet'),
        ]),
        'There are no red actions.',
      ),
    ]),
  );

  const nextStepBlocks: PackBlock[] = [
    paragraph(`Before the next meeting on ${parts.meta.nextMeetingLabel}, these milestones are due:`),
    scrutiny.nextSteps.length === 0 ? paragraph('No milestones are due before the next meeting.') : bullets(scrutiny.nextSteps.map((s) => s.text)),
  ];
  if (parts.overdueMilestones.length > 0) {
    nextStepBlocks.push(
      paragraph(
        `${plural(parts.overdueMilestones.length, 'milestone is', 'milestones are')} overdue; the improvement board is following ${parts.overdueMilestones.length === 1 ? 'it' : 'them'} up:`,
      ),
      milestoneTable(
        'overdue-milestones',
        'Overdue milestones, most overdue first',
        parts.overdueMilestones,
        true,
        'Responsible',
        'No milestones are overdue.',
      ),
    );
  }
  sections.push(section('next-steps', '6', 'Next steps', nextStepBlocks));

  sections.push(
    section(
      'findings',
      'A',
      'Progress against regulator findings and notices',
      [paragraph('Each finding takes the roll-up colour of the actions that address it.')],
      findingsSubsections(parts),
      { appendix: true },
    ),
  );
  sections.push(section('tracker', 'B', 'Action tracker', [trackerTable(ctx, parts)], [], { appendix: true, orientation: 'landscape' }));
  sections.push(section('rag-key', 'C', 'RAG key', ragKeyBlocks(parts), [], { appendix: true }));
  return sections;
}

/** "Wigan Council improvement plan" already names the organisation: do not repeat it. */
function planNamesOrganisation(s: PackSource): boolean {
  return s.plan.title.toLowerCase().includes(s.organisation.name.toLowerCase());
}
