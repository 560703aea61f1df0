import { planNamesOrganisation, type ActionFacts, type Context } from './pack-context';
import { inPeriod, upcomingUntil } from './pack-exceptions';
import type {
  ChangesSincePrevious,
  ExceptionRow,
  Highlight,
  InspectionRollUp,
  KeyRisk,
  MilestoneRow,
  NextStep,
  NoticeRollUp,
  PackHeadline,
  PackMeta,
  ScrutinyParts,
} from './pack-model';
import { normaliseCounts } from './pack-roll-ups';
import { compareReferences, compareStrings, describeCounts, joinWords, longDate, plural, slugify, trimText } from './pack-text';
import { PACK_AUDIENCE_INFO } from '../../vocabulary/pack-audience';
import { RAG_COLOUR_INFO } from '../../vocabulary/rag-colour';
import { plainRole, resolveReportWording } from '../../report-wording/report-wording';
import { buildAchieved } from './committee-report';

/** The document's meta data and the parts only a scrutiny report has (purpose, recommendations, risks...). */

/** What a pack says when the calendar holds no meeting after its reporting date. */
export const NO_MEETING_LABEL = 'No meeting scheduled';

/** Narrative highlights in scrutiny packs are shorter still. */
const HIGHLIGHT_MAX_CHARS = 280;
const HIGHLIGHT_LIMIT = 10;

// ---- Meta and scrutiny parts -------------------------------------------------------------------------

export function buildMeta(ctx: Context): PackMeta {
  const s = ctx.source;
  const audience = PACK_AUDIENCE_INFO[s.audience];
  const documentType = audience.documentType;
  const title = s.title?.trim() || `${s.plan.title}: ${audience.reportName}`;
  return {
    title,
    documentType,
    organisationName: s.organisation.name,
    planTitle: s.plan.title,
    reportOfRole: reportOf(ctx),
    asOf: s.asOf,
    asOfLabel: longDate(s.asOf),
    periodStart: s.periodStart,
    periodLabel: `${longDate(s.periodStart)} to ${longDate(s.asOf)}`,
    nextMeetingDate: s.nextMeeting?.meetsOn ?? null,
    nextMeetingCommittee: s.nextMeeting?.committeeName ?? null,
    nextMeetingLabel: s.nextMeeting ? `${longDate(s.nextMeeting.meetsOn)}, ${s.nextMeeting.committeeName}` : NO_MEETING_LABEL,
    nextMeetingHeading: s.nextMeeting?.forThisPack ? 'Meeting' : 'Next meeting',
    upcomingUntil: upcomingUntil(s),
    upcomingUntilLabel: longDate(upcomingUntil(s)),
    previousAsOf: s.previous ? s.previous.asOf : null,
    previousAsOfLabel: s.previous ? longDate(s.previous.asOf) : null,
    generatedAt: s.generatedAt,
    language: 'en-GB',
    fileBaseName: `${slugify(s.plan.title, 50)}-${s.audience}-${s.asOf}`,
    runningHeader: planNamesOrganisation(s) ? s.plan.title : `${s.organisation.name} · ${s.plan.title}`,
    runningFooter: `${documentType} · position at ${longDate(s.asOf)}`,
    subject: `${documentType} for ${s.plan.title}, position at ${longDate(s.asOf)}`,
    keywords: ['improvement plan', 'progress report', 'RAG', audience.body],
  };
}

/** "Report of": the organisation's setting for scrutiny reports, else the requester's role; never a bracketed gloss. */
function reportOf(ctx: Context): string {
  const wording = ctx.scrutiny ? resolveReportWording(ctx.source.wording) : null;
  return wording?.reportOfRole ?? plainRole(ctx.source.plan.reportOfRole);
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
  return `the ${n.title}${n.deadlineLabel ? ` (requirements due ${n.deadlineLabel})` : ''}`;
}

/** What is being done about a red action: its next open milestone and its owner's latest position. */
function beingDone(ctx: Context, actionId: string, latest: string | null): string {
  const next = ctx.milestones
    .filter((m) => m.actionId === actionId && (m.completedOn === null || m.completedOn > ctx.asOf))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id))[0];
  const parts: string[] = [];
  if (latest) parts.push(latest);
  if (next) parts.push(`Next milestone: ${ctx.text(next.title)}, due ${longDate(next.dueDate)}.`);
  return parts.length > 0 ? parts.join(' ') : 'No update or open milestone is recorded.';
}

export function buildScrutinyParts(ctx: Context, inputs: ScrutinyInputs): ScrutinyParts {
  const { headline, exceptions, upcomingMilestones, changes } = inputs;
  const wording = resolveReportWording(ctx.source.wording);
  const responds = [...inputs.inspections.map(inspectionPhrase), ...inputs.notices.map(noticePhrase)];
  const computedPurpose =
    `To update the committee on progress against the ${ctx.source.plan.title}${planNamesOrganisation(ctx.source) ? '' : ` of ${ctx.source.organisation.name}`}, ` +
    `as at ${longDate(ctx.asOf)}.` +
    (responds.length ? ` The plan responds to ${joinWords(responds)}.` : '');

  const reds = exceptions.filter((e) => e.colour === 'red');
  const countsNow = normaliseCounts(Object.fromEntries(headline.counts.map((c) => [c.colour, c.now])));
  const recommendations = [
    `That the committee notes the progress made against the improvement plan and its position at ${longDate(ctx.asOf)}: ` +
      `of ${plural(headline.total, 'action')}, ${describeCounts(countsNow)}.`,
    ...(wording.recommendations ?? [
      reds.length > 0
        ? `That the committee notes the ${plural(reds.length, 'key risk')} to delivery and the action being taken on each.`
        : 'That the committee notes that no action is currently rated red.',
      'That the committee notes the next steps and receives a further progress report at its next scheduled meeting.',
    ]),
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
      beingDone: beingDone(ctx, e.actionId, e.latestUpdate ? e.latestUpdate.narrative : null),
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
        (turnedBlue.has(a.source.id) ? ' (now complete and evidenced)' : ` (${RAG_COLOUR_INFO[a.source.colour].label})`) +
        `: ${trimText(a.latestNarrative ?? '', HIGHLIGHT_MAX_CHARS)}`,
    }));

  const nextSteps: NextStep[] = upcomingMilestones.map((m) => ({
    dueDate: m.dueDate,
    text: `By ${longDate(m.dueDate)}: ${m.title}. Action ${m.actionReference}; responsible: ${m.owner}.`,
  }));

  const meeting = ctx.source.nextMeeting;
  return {
    committeeName: meeting ? meeting.committeeName : wording.committeeName,
    meetingDate: meeting?.meetsOn ?? null,
    meetingDateLabel: meeting ? longDate(meeting.meetsOn) : 'Not yet scheduled',
    reportOf: reportOf(ctx),
    contactOfficer: wording.contactOfficerRole,
    contactMailbox: wording.contactMailbox,
    purpose: wording.purpose ?? computedPurpose,
    recommendations,
    reasonsForRecommendations: wording.reasonsForRecommendations,
    achieved: buildAchieved(ctx),
    keyRisks,
    highlights,
    nextSteps,
    implications: {
      financial: wording.financialImplications,
      legal: wording.legalImplications,
      equality: wording.equalityImplications,
      safeguarding: wording.safeguardingImplications,
    },
    glossary: wording.glossary,
  };
}
