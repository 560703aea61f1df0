import type { CalendarDate } from '../../common/dates/calendar-date';
import type { PackAudience } from '../../vocabulary/pack-audience';
import type { ActionStatus } from '../../vocabulary/action-status';
import type { EvidenceReviewState } from '../../vocabulary/evidence-review-state';
import type { RagColour, RagCounts } from '../../vocabulary/rag-colour';
import type { ReportWordingSettings } from '../../report-wording/report-wording';

/**
 * The input of a progress pack: plain, JSON-able data gathered by the pack job at the reporting
 * date (no entities, no Date objects), so the model builder stays a pure function and a pack can be
 * rebuilt from a stored source byte for byte.
 *
 * Dates are calendar dates 'YYYY-MM-DD' (Europe/London), instants are ISO 8601 strings.
 */

export interface PackSourceOrganisation {
  name: string;
}

export interface PackSourcePlan {
  title: string;
  /** An officer's role, never a name: "Report of" on a scrutiny report. */
  reportOfRole: string;
  /** The council's own target date for the plan (e.g. "fully complete by Summer 2026"); not a regulator's deadline. */
  targetDate?: CalendarDate | null;
}

/** Colour counts of every action at one reporting date (a previous pack or a RAG snapshot). */
export interface PackSourceCountsAt {
  asOf: CalendarDate;
  counts: RagCounts;
}

export interface PackSourceWorkstream {
  id: string;
  title: string;
  sortOrder: number;
}

export interface PackSourceInspection {
  id: string;
  /** 'CQC', 'Ofsted', ... */
  regulator: string;
  /** e.g. 'Local authority assessment', 'ILACS focused visit'. */
  kind: string;
  title: string;
  /** On the regulator's own scale, e.g. 'Requires improvement'. */
  overallJudgement: string | null;
  publishedDate: CalendarDate | null;
  /** The kind's key ('cqc_la_assessment', 'jtai', ...), for how its results are printed. */
  kindKey?: string;
  startDate?: CalendarDate | null;
  endDate?: CalendarDate | null;
  reportReference?: string | null;
  /** CQC LA assessment: the nine quality statements with their scores, in the framework's order. */
  qualityStatements?: { theme: string; label: string; score: number }[] | null;
  /** Ofsted ILACS: each judgement with its grade, in Ofsted's order. */
  judgements?: { label: string; grade: string }[] | null;
  /** A JTAI: the inspectorates that inspected jointly. */
  inspectorates?: string[] | null;
}

export interface PackSourceNotice {
  id: string;
  /** e.g. 'Section 50 notification', 'DfE improvement notice'. */
  kind: string;
  title: string;
  deadline: CalendarDate | null;
  /** Free text from the notice record, e.g. 'open', 'lifted'. */
  status: string;
  /** The kind's key ('section_50', 'ministerial_letter', 'dfe_improvement_notice', ...). */
  kindKey?: string;
  issuedOn?: CalendarDate | null;
  /** What the notice (or notification) says is failing, as recorded. */
  failings?: string;
  /** What must be done; for a ministerial letter, its expectations. */
  requirements?: string;
}

export interface PackSourceFinding {
  id: string;
  /** Null for an expectation that came only with a notice (e.g. a minister's letter). */
  inspectionId: string | null;
  noticeId: string | null;
  /** The finding's reference in the report, e.g. 'QS6.1'. */
  reference: string;
  title: string;
  /** Theme or quality statement, e.g. 'Safeguarding'. */
  theme?: string | null;
  /** Where the regulator scores, e.g. 1 (CQC quality statements score 1-4). */
  score?: number | null;
  /** Actions addressing this finding. The model takes the union with PackSourceAction.findingIds. */
  actionIds: string[];
}

export interface PackSourceUpdate {
  date: CalendarDate;
  narrative: string;
}

export interface PackSourceAction {
  id: string;
  reference: string;
  title: string;
  workstreamId: string;
  /** Personal data: shown in board packs only, never in scrutiny packs. */
  ownerName: string;
  /** Job title or team, shown instead of the name in scrutiny packs. */
  ownerRole: string;
  /** Lead organisation or partner, e.g. 'Cheshire Police'; null when the council leads. */
  leadAgency: string | null;
  startDate: CalendarDate | null;
  dueDate: CalendarDate;
  status: ActionStatus;
  /** 0-100. */
  progressPercent: number;
  /** The colour at asOf, as the RAG policy (or an active override) set it. */
  colour: RagColour;
  /** Every reason, in words, in the policy's order. An override's reason is its only reason. */
  reasons: string[];
  overridden: boolean;
  /**
   * When an override set the colour: the rules' own answer beneath it and who set it, when, until
   * when (overrides never hide the rules' answer). Absent or null otherwise.
   */
  override?: PackSourceOverride | null;
  /** Colour in the previous pack or snapshot; null for an action that was not in it. */
  previousColour: RagColour | null;
  latestUpdate: PackSourceUpdate | null;
  findingIds: string[];
  /** The day the action was completed (complete or embedded), when recorded. */
  completedOn?: CalendarDate | null;
}

/** An override in force at asOf, beside the colour the rules gave. */
export interface PackSourceOverride {
  /** What the RAG policy alone gave at asOf, and its reasons in words. */
  computedColour: RagColour;
  computedReasons: string[];
  /** Personal data: board packs only. */
  setByName: string;
  /** Job title, agency or role: what scrutiny packs show instead of the name. */
  setByRole: string;
  setOn: CalendarDate;
  /** The last day it applies. */
  expiresOn: CalendarDate;
}

export interface PackSourceMilestone {
  id: string;
  actionId: string;
  title: string;
  dueDate: CalendarDate;
  completedOn: CalendarDate | null;
}

export interface PackSourceEvidence {
  id: string;
  actionId: string;
  /** Shown in board packs only; scrutiny packs give counts. */
  title: string;
  state: EvidenceReviewState;
  uploadedOn: CalendarDate;
  reviewedOn: CalendarDate | null;
  /** The reviewer's comment (board packs only; scrutiny packs never show it). */
  reviewComment?: string | null;
  /** The reviewer's role, never a name. */
  reviewerRole?: string | null;
}

/** A meeting on the plan's calendar: the one the pack is for, or the next one of a committee of its audience. */
export interface PackSourceMeeting {
  committeeName: string;
  meetsOn: CalendarDate;
  /** True when the pack was generated for this meeting; false when it is the next one on the calendar. */
  forThisPack: boolean;
}

export interface PackSource {
  audience: PackAudience;
  /** The reporting date. */
  asOf: CalendarDate;
  /** When the source was gathered (ISO 8601); printed in the pack, never read as "now". */
  generatedAt: string;
  /** Overrides the default title built from the plan title and the audience. */
  title?: string;
  organisation: PackSourceOrganisation;
  plan: PackSourcePlan;
  /** The previous pack or snapshot, for "since the last report"; null for the first pack. */
  previous: PackSourceCountsAt | null;
  /** Up to 12 earlier reporting dates, oldest first; the model adds asOf itself. */
  trend: PackSourceCountsAt[];
  /** From the meeting calendar; null when no meeting is scheduled (the pack says so, never invents one). */
  nextMeeting: PackSourceMeeting | null;
  /** Start of the reporting period; "in the period" means periodStart to asOf, both included. */
  periodStart: CalendarDate;
  workstreams: PackSourceWorkstream[];
  inspections: PackSourceInspection[];
  notices: PackSourceNotice[];
  findings: PackSourceFinding[];
  actions: PackSourceAction[];
  milestones: PackSourceMilestone[];
  evidence: PackSourceEvidence[];
  /** The organisation's report wording (null or absent: the defaults). */
  wording?: Partial<ReportWordingSettings> | null;
}
