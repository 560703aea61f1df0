import type { CalendarDate } from '../../common/dates/calendar-date';
import type { OverrideView, PackModel, UpdateView } from './pack-model';
import { overrideView } from './pack-override';
import type {
  PackSource,
  PackSourceAction,
  PackSourceEvidence,
  PackSourceFinding,
  PackSourceMilestone,
  PackSourceWorkstream,
} from './pack-source';
import { assertCalendarDate, compareReferences, compareStrings, createNameRedactor, shortDate, trimText } from './pack-text';
import { RAG_COLOURS } from '../../vocabulary/rag-colour';

/**
 * The pack model's working context: the source validated, sorted and cross-linked once (actions
 * with their workstream, findings, milestones and evidence counts), with names redacted for
 * scrutiny. Every part of the model is built from this.
 */

/** Longest narrative kept in the model (latest updates): packs summarise, the tracker holds the rest. */
const UPDATE_MAX_CHARS = 400;

// ---- Internal facts --------------------------------------------------------------------------

interface WorkstreamInfo {
  id: string;
  title: string;
  sortOrder: number;
  index: number;
}

export interface ActionFacts {
  source: PackSourceAction;
  /** Redacted in scrutiny packs. */
  title: string;
  workstream: WorkstreamInfo;
  /** Board: 'Name, role (agency)'; scrutiny: 'role (agency)'. */
  owner: string;
  /** Role and agency, never a name. */
  responsible: string;
  /** The colour's reasons; for an override, followed by the rules' answer and who set it. */
  reasons: string[];
  override: OverrideView | null;
  latestUpdate: UpdateView | null;
  /** Narrative of the latest update, untrimmed but redacted (for highlights). */
  latestNarrative: string | null;
  findings: PackSourceFinding[];
  milestonesOpen: number;
  milestonesOverdue: number;
  evidenceAccepted: number;
}

export interface Context {
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

/** The parts of the model the document outline is built from. */
export type ModelParts = Omit<PackModel, 'modelVersion' | 'audience' | 'frontMatter' | 'sections' | 'dataWarnings'>;

// ---- Validation and context --------------------------------------------------------------------

const COLOURS = new Set<string>(RAG_COLOURS);

export function validateSource(source: PackSource): void {
  if (source.audience !== 'board' && source.audience !== 'scrutiny') {
    throw new RangeError(`Unknown pack audience: '${String(source.audience)}'`);
  }
  assertCalendarDate(source.asOf, 'asOf');
  assertCalendarDate(source.periodStart, 'periodStart');
  if (source.nextMeeting) assertCalendarDate(source.nextMeeting.meetsOn, 'nextMeeting.meetsOn');
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
export function isOpenAt(milestone: PackSourceMilestone, asOf: CalendarDate): boolean {
  return milestone.completedOn === null || milestone.completedOn > asOf;
}

export function createContext(source: PackSource): Context {
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
    const override = action.overridden && action.override ? overrideView(action.override, scrutiny, redact) : null;
    return {
      source: action,
      title: redact(action.title),
      workstream,
      owner: scrutiny ? responsible : `${action.ownerName}, ${responsible}`,
      responsible,
      reasons: [...action.reasons.map((reason) => capitalise(redact(reason))), ...(override?.lines ?? [])],
      override,
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

/** "Wigan Council improvement plan" already names the organisation: do not repeat it. */
export function planNamesOrganisation(s: PackSource): boolean {
  return s.plan.title.toLowerCase().includes(s.organisation.name.toLowerCase());
}
