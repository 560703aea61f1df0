import { addDays, compareDates, minDate, type CalendarDate } from '../../common/dates/calendar-date';
import { CQC_LA_THEMES, findingThemesFor, JTAI_HEADINGS, OFSTED_ILACS_JUDGEMENTS } from '../../inspections/regulator-scales';
import type {
  PackSource,
  PackSourceAction,
  PackSourceCountsAt,
  PackSourceEvidence,
  PackSourceFinding,
  PackSourceInspection,
  PackSourceOverride,
} from '../model/pack-source';
import type { PublicationCheck } from '../publication/publication-check';
import { screenPackSource, splitFullName } from '../publication/screen-pack-source';
import type { KnownPerson } from '../../publication/redact-names';
import type { ActionSourceRow, ColourCountRow, EvidenceSourceRow, PackRequest, PackSourceRows, PersonSourceRow } from './pack-source-rows';
import { inspectionKindInfo } from '../../vocabulary/inspection-kind';
import { plainRole } from '../../report-wording/report-wording';
import { noticeKindLabel } from '../../vocabulary/notice-kind';
import { emptyCounts, type RagCounts } from '../../vocabulary/rag-colour';

/** A board cycle: a first report looks back this far (the next meeting comes from the calendar). */
export const BOARD_CYCLE_DAYS = 28;
/** The model adds asOf itself to the trend, which then shows 12 dates like the dashboard. */
export const TREND_EARLIER_DATES = 11;
export const FALLBACK_OWNER_ROLE = 'Action owner';
export const FALLBACK_REPORT_OF_ROLE = 'Programme Lead';

/** How a person without a job title or agency is referred to in a scrutiny pack, by their role here. */
const ROLE_WORDS: Record<PersonSourceRow['role'], string> = {
  owner: FALLBACK_OWNER_ROLE,
  board: 'improvement board member',
  admin: 'administrator',
  scrutiny: 'committee member',
};

/** The inspectorates of a joint targeted area inspection. */
export const JTAI_INSPECTORATES = ['Ofsted', 'CQC', 'HMICFRS', 'HMI Probation'];

/** The nine quality statements in the framework's order, with their scores (none when not all are scored). */
export function qualityStatementsOf(scores: Record<string, number> | null): PackSourceInspection['qualityStatements'] {
  if (!scores) return null;
  const out = CQC_LA_THEMES.flatMap((t) => t.statements.map((q) => ({ theme: t.label, label: q.label, score: scores[q.key] })));
  return out.some((q) => typeof q.score !== 'number') ? null : out;
}

/** The ILACS judgements in Ofsted's order, overall effectiveness last. */
export function judgementsOf(judgements: Record<string, string> | null): PackSourceInspection['judgements'] {
  if (!judgements) return null;
  const out = OFSTED_ILACS_JUDGEMENTS.filter((j) => typeof judgements[j.key] === 'string').map((j) => ({ label: j.label, grade: judgements[j.key] }));
  return out.length > 0 ? out : null;
}

const BUILT_IN_REGULATOR_LABELS: Record<string, string> = { cqc: 'CQC', ofsted: 'Ofsted', hmicfrs: 'HMICFRS' };

const blank = (value: string | null | undefined): value is null | undefined => value === null || value === undefined || value.trim() === '';

/** Job title, else partner agency, else a neutral role: never the person's name. */
export function ownerRole(row: Pick<ActionSourceRow, 'ownerJobTitle' | 'ownerPartnerAgency'>): string {
  if (!blank(row.ownerJobTitle)) return plainRole(row.ownerJobTitle) || row.ownerJobTitle.trim();
  if (!blank(row.ownerPartnerAgency)) return row.ownerPartnerAgency.trim();
  return FALLBACK_OWNER_ROLE;
}

/** Like ownerRole, for anyone in the organisation. */
export function personRole(person: PersonSourceRow): string {
  if (!blank(person.jobTitle)) return plainRole(person.jobTitle) || person.jobTitle.trim();
  if (!blank(person.partnerAgency)) return person.partnerAgency.trim();
  return ROLE_WORDS[person.role];
}

/** The organisation's users as the redactor knows them: names split, each with the role a scrutiny pack prints. */
export function knownPeople(people: readonly PersonSourceRow[]): KnownPerson[] {
  return people.map((p) => ({ ...splitFullName(p.name), role: personRole(p) }));
}

/** Counts per date, oldest first. */
export function countsByDate(rows: readonly ColourCountRow[]): PackSourceCountsAt[] {
  const byDate = new Map<CalendarDate, RagCounts>();
  for (const row of rows) {
    let counts = byDate.get(row.asOf);
    if (!counts) byDate.set(row.asOf, (counts = emptyCounts()));
    counts[row.colour] += row.count;
  }
  return [...byDate.entries()].sort(([a], [b]) => compareDates(a, b)).map(([asOf, counts]) => ({ asOf, counts }));
}

/**
 * Start of the reporting period. Since a previous pack: the day after it. Otherwise at least one
 * board cycle back, and back to the day after the previous snapshot when that is earlier still (a
 * plan recomputed only monthly), so "in the period" never misses a day since the last comparison.
 */
export function periodStartFor(asOf: CalendarDate, previous: PackSourceRows['previous']): CalendarDate {
  const cycleStart = addDays(asOf, -BOARD_CYCLE_DAYS);
  if (!previous) return cycleStart;
  const dayAfter = addDays(previous.asOf, 1);
  return previous.fromPack ? dayAfter : minDate(dayAfter, cycleStart);
}

/** The review state at asOf: a decision taken after the reporting date was still awaited then. */
export function evidenceAt(row: EvidenceSourceRow, asOf: CalendarDate): PackSourceEvidence {
  const reviewedLater = row.reviewedOn !== null && compareDates(row.reviewedOn, asOf) > 0;
  return {
    id: row.id,
    actionId: row.actionId,
    title: row.title,
    state: reviewedLater ? 'submitted' : row.state,
    uploadedOn: row.uploadedOn,
    reviewedOn: reviewedLater ? null : row.reviewedOn,
    reviewComment: reviewedLater ? null : (row.reviewComment ?? null),
    reviewerRole:
      reviewedLater || !row.reviewerName
        ? null
        : personRole({ name: row.reviewerName, role: row.reviewerRole ?? 'board', jobTitle: row.reviewerJobTitle ?? null, partnerAgency: row.reviewerPartnerAgency ?? null }),
  };
}

function themeLabel(theme: string | null, regulatorCode: string | null, builtIn: boolean): string | null {
  if (blank(theme)) return null;
  const themes = regulatorCode ? [...(findingThemesFor({ code: regulatorCode, builtIn }) ?? []), ...JTAI_HEADINGS] : JTAI_HEADINGS;
  return themes.find((t) => t.key === theme)?.label ?? theme;
}

/** The override beside the rules' answer (snapshots written before these were kept have none). */
function overrideOf(row: ActionSourceRow): PackSourceOverride | null {
  if (!row.overridden || row.computedColour === null || row.overrideSetByName === null || row.overrideSetOn === null || row.overrideExpiresOn === null) {
    return null;
  }
  return {
    computedColour: row.computedColour,
    computedReasons: (row.computedReasons ?? []).map((r) => r.text),
    setByName: row.overrideSetByName,
    setByRole: personRole({ name: row.overrideSetByName, role: row.overrideSetByRole ?? 'board', jobTitle: row.overrideSetByJobTitle, partnerAgency: row.overrideSetByPartnerAgency }),
    setOn: row.overrideSetOn,
    expiresOn: row.overrideExpiresOn,
  };
}

function toAction(row: ActionSourceRow, knownFindings: ReadonlySet<string>): PackSourceAction {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    workstreamId: row.workstreamId,
    ownerName: row.ownerName,
    ownerRole: ownerRole(row),
    leadAgency: blank(row.leadAgency) ? null : row.leadAgency.trim(),
    startDate: row.startDate,
    dueDate: row.dueDate,
    status: row.status,
    progressPercent: row.progressPercent,
    colour: row.colour,
    reasons: (row.reasons ?? []).map((r) => r.text),
    overridden: row.overridden,
    override: overrideOf(row),
    previousColour: row.previousColour,
    latestUpdate: row.latestUpdateDate !== null && row.latestUpdateNarrative !== null ? { date: row.latestUpdateDate, narrative: row.latestUpdateNarrative } : null,
    findingIds: row.findingIds.filter((id) => knownFindings.has(id)),
    completedOn: row.completedOn ?? null,
  };
}

/**
 * Shapes the rows read at a reporting date into the pack model's input. Pure: the same rows (in
 * any order) give a source from which buildPackModel makes the same model.
 */
export function assemblePackSource(request: PackRequest, rows: PackSourceRows): PackSource {
  return assembleCheckedPackSource(request, rows).source;
}

/**
 * As assemblePackSource, with safe publication for scrutiny packs: every free-text field screened
 * (names -> roles, contact details removed) against the organisation's users, and the publication
 * check that records it. Board packs are internal: no screening, no check.
 */
export function assembleCheckedPackSource(request: PackRequest, rows: PackSourceRows): { source: PackSource; check: PublicationCheck | null } {
  const source = assembleUnscreened(request, rows);
  if (request.audience !== 'scrutiny') return { source, check: null };
  const knownTerms = [rows.organisationName, ...rows.people.map((p) => p.partnerAgency ?? ''), ...source.actions.map((a) => a.leadAgency ?? '')].filter(
    (term) => term.trim() !== '',
  );
  return screenPackSource(source, knownPeople(rows.people), { knownTerms: [...new Set(knownTerms)] });
}

function assembleUnscreened(request: PackRequest, rows: PackSourceRows): PackSource {
  const asOf = request.asOf;
  const findingIds = new Set(rows.findings.map((f) => f.id));
  const actions = rows.actions.map((row) => toAction(row, findingIds));

  // A finding's actions are those in this pack that answer it: the links, seen from the other side.
  const actionsByFinding = new Map<string, string[]>();
  for (const action of actions) {
    for (const findingId of action.findingIds) {
      const list = actionsByFinding.get(findingId);
      if (list) list.push(action.id);
      else actionsByFinding.set(findingId, [action.id]);
    }
  }
  const findings: PackSourceFinding[] = rows.findings.map((f) => ({
    id: f.id,
    inspectionId: f.inspectionId,
    noticeId: f.noticeId,
    reference: f.reference,
    title: f.title,
    theme: themeLabel(f.theme, f.regulatorCode, f.regulatorBuiltIn),
    score: f.score,
    actionIds: [...(actionsByFinding.get(f.id) ?? [])].sort(),
  }));

  const previousCounts = rows.previous ? countsByDate(rows.previousCounts).find((p) => p.asOf === rows.previous?.asOf) : undefined;
  const previous = rows.previous ? { asOf: rows.previous.asOf, counts: previousCounts?.counts ?? emptyCounts() } : null;
  const trend = countsByDate(rows.trend).filter((p) => compareDates(p.asOf, asOf) < 0).slice(-TREND_EARLIER_DATES);
  const planTitle = rows.planTitle;

  return {
    audience: request.audience,
    asOf,
    generatedAt: request.generatedAt,
    title: request.title,
    organisation: { name: rows.organisationName },
    plan: {
      title: planTitle,
      reportOfRole: blank(rows.requesterJobTitle) ? FALLBACK_REPORT_OF_ROLE : rows.requesterJobTitle.trim(),
      targetDate: rows.planTargetDate ?? null,
    },
    previous,
    trend,
    nextMeeting: rows.nextMeeting ? { committeeName: rows.nextMeeting.committeeName, meetsOn: rows.nextMeeting.meetsOn, forThisPack: rows.nextMeeting.forThisPack } : null,
    periodStart: periodStartFor(asOf, rows.previous),
    workstreams: rows.workstreams.map((w) => ({ id: w.id, title: w.title, sortOrder: w.sortOrder })),
    inspections: rows.inspections.map((i) => ({
      id: i.id,
      regulator: (i.regulatorBuiltIn ? BUILT_IN_REGULATOR_LABELS[i.regulatorCode] : undefined) ?? i.regulatorName,
      kind: inspectionKindInfo(i.kind)?.label ?? i.kind,
      title: i.title,
      overallJudgement: i.overallJudgement,
      publishedDate: i.publishedDate,
      kindKey: i.kind,
      startDate: i.startDate ?? null,
      endDate: i.endDate ?? null,
      reportReference: i.reportReference ?? null,
      qualityStatements: i.kind === 'cqc_la_assessment' ? qualityStatementsOf(i.qualityStatementScores ?? null) : null,
      judgements: i.kind === 'ofsted_ilacs_full' || i.kind === 'ofsted_ilacs_short' ? judgementsOf(i.judgements ?? null) : null,
      inspectorates: i.kind === 'jtai' ? JTAI_INSPECTORATES : null,
    })),
    notices: rows.notices.map((n) => ({
      id: n.id,
      kind: noticeKindLabel(n.kind),
      title: n.title,
      deadline: n.deadline,
      status: n.status,
      kindKey: n.kind,
      issuedOn: n.issuedOn ?? null,
      failings: n.failings ?? '',
      requirements: n.requirements ?? '',
    })),
    findings,
    actions,
    milestones: rows.milestones.map((m) => ({ id: m.id, actionId: m.actionId, title: m.title, dueDate: m.dueDate, completedOn: m.completedOn })),
    evidence: rows.evidence.map((e) => evidenceAt(e, asOf)),
    wording: rows.wording ?? null,
  };
}
