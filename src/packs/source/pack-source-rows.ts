import type { CalendarDate } from '../../common/dates/calendar-date';
import type { ActionStatus } from '../../vocabulary/action-status';
import type { EvidenceReviewState } from '../../vocabulary/evidence-review-state';
import type { PackAudience } from '../../vocabulary/pack-audience';
import type { RagColour } from '../../vocabulary/rag-colour';
import type { ReportWordingSettings } from '../../report-wording/report-wording';

/**
 * What the pack source repository reads, row by row, before it is shaped into a PackSource.
 * Plain data: dates are 'YYYY-MM-DD' strings, so shaping is a pure function tested without a database.
 */

export interface PackRequest {
  audience: PackAudience;
  asOf: CalendarDate;
  title: string;
  /** ISO 8601; the pack row's createdAt, so a retried job prints the same time. */
  generatedAt: string;
}

export interface ColourCountRow {
  asOf: CalendarDate;
  colour: RagColour;
  count: number;
}

/** The date changes are measured from, and where it came from. */
export interface PreviousDate {
  asOf: CalendarDate;
  /** True: the previous ready pack of the same audience; false: the latest snapshot date before asOf. */
  fromPack: boolean;
}

export interface WorkstreamSourceRow {
  id: string;
  title: string;
  sortOrder: number;
}

export interface InspectionSourceRow {
  id: string;
  kind: string;
  title: string;
  overallJudgement: string | null;
  publishedDate: CalendarDate | null;
  startDate?: CalendarDate | null;
  endDate?: CalendarDate | null;
  reportReference?: string | null;
  qualityStatementScores?: Record<string, number> | null;
  judgements?: Record<string, string> | null;
  regulatorCode: string;
  regulatorName: string;
  regulatorBuiltIn: boolean;
}

export interface NoticeSourceRow {
  id: string;
  kind: string;
  title: string;
  deadline: CalendarDate | null;
  status: string;
  issuedOn?: CalendarDate | null;
  failings?: string;
  requirements?: string;
}

export interface FindingSourceRow {
  id: string;
  inspectionId: string | null;
  noticeId: string | null;
  reference: string;
  title: string;
  theme: string | null;
  score: number | null;
  regulatorCode: string | null;
  regulatorBuiltIn: boolean;
}

export interface ActionSourceRow {
  id: string;
  reference: string;
  title: string;
  workstreamId: string;
  ownerName: string;
  ownerJobTitle: string | null;
  ownerPartnerAgency: string | null;
  leadAgency: string | null;
  startDate: CalendarDate | null;
  dueDate: CalendarDate;
  status: ActionStatus;
  progressPercent: number;
  /** The snapshot at asOf. */
  colour: RagColour;
  reasons: { code?: string; colour?: RagColour; text: string }[];
  overridden: boolean;
  /** When overridden: the rules' own colour and reasons, and who set the override (else nulls). */
  computedColour: RagColour | null;
  computedReasons: { code?: string; colour?: RagColour; text: string }[] | null;
  overrideSetByName: string | null;
  overrideSetByJobTitle: string | null;
  overrideSetByPartnerAgency: string | null;
  overrideSetByRole: PersonSourceRow['role'] | null;
  overrideSetOn: CalendarDate | null;
  overrideExpiresOn: CalendarDate | null;
  /** The snapshot at the previous date, if the action had one. */
  previousColour: RagColour | null;
  latestUpdateDate: CalendarDate | null;
  latestUpdateNarrative: string | null;
  findingIds: string[];
  completedOn?: CalendarDate | null;
}

export interface MilestoneSourceRow {
  id: string;
  actionId: string;
  title: string;
  dueDate: CalendarDate;
  completedOn: CalendarDate | null;
}

export interface EvidenceSourceRow {
  id: string;
  actionId: string;
  title: string;
  /** The review state now; shaped to the state at asOf. */
  state: EvidenceReviewState;
  uploadedOn: CalendarDate;
  reviewedOn: CalendarDate | null;
  reviewComment?: string | null;
  reviewerName?: string | null;
  reviewerJobTitle?: string | null;
  reviewerPartnerAgency?: string | null;
  reviewerRole?: PersonSourceRow['role'] | null;
}

/** A user of the organisation, for taking names out of free text in scrutiny packs. */
export interface PersonSourceRow {
  name: string;
  role: 'admin' | 'board' | 'owner' | 'scrutiny';
  jobTitle: string | null;
  partnerAgency: string | null;
}

export interface PackSourceRows {
  organisationName: string;
  /** The title of the plan the pack reports on. */
  planTitle: string;
  /** The job title of the board member who asked for the pack ("Report of"). */
  requesterJobTitle: string | null;
  planTargetDate?: CalendarDate | null;
  wording?: Partial<ReportWordingSettings> | null;
  previous: PreviousDate | null;
  previousCounts: ColourCountRow[];
  /** Snapshot dates before asOf, any order. */
  trend: ColourCountRow[];
  workstreams: WorkstreamSourceRow[];
  inspections: InspectionSourceRow[];
  notices: NoticeSourceRow[];
  findings: FindingSourceRow[];
  actions: ActionSourceRow[];
  milestones: MilestoneSourceRow[];
  evidence: EvidenceSourceRow[];
  /** Every user of the organisation (scrutiny packs only; empty for board packs). */
  people: PersonSourceRow[];
  /** The meeting the pack is for, else the plan's next meeting for its audience; null when none is scheduled. */
  nextMeeting: MeetingSourceRow | null;
}

/** A meeting from the calendar, with its committee's name. */
export interface MeetingSourceRow {
  committeeName: string;
  meetsOn: CalendarDate;
  forThisPack: boolean;
}
