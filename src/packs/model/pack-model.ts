import type { CalendarDate } from '../../common/dates/calendar-date';
import type { ActionStatus } from '../../vocabulary/action-status';
import type { EvidenceReviewState } from '../../vocabulary/evidence-review-state';
import type { PackAudience } from '../../vocabulary/pack-audience';
import type { RagColour, RagCounts } from '../../vocabulary/rag-colour';

/**
 * The output of buildPackModel: everything a pack says, already computed and worded, so the
 * renderers (PDF, DOCX, XLSX, JSON) only lay it out and cannot disagree on a number.
 *
 * Two layers: the domain parts (headline, roll-ups, exceptions, tracker...) for JSON consumers
 * and the spreadsheet, and `sections`, the document outline with ready-made blocks (paragraphs,
 * lists, tables, charts) that the PDF and DOCX renderers walk in order.
 */

export const PACK_MODEL_VERSION = 1;

export interface PackMeta {
  title: string;
  /** e.g. 'Progress and exception report' or 'Report to the scrutiny committee'. */
  documentType: string;
  organisationName: string;
  planTitle: string;
  reportOfRole: string;
  asOf: CalendarDate;
  asOfLabel: string;
  periodStart: CalendarDate;
  /** '1 October 2025 to 31 October 2025'. */
  periodLabel: string;
  /** The meeting the pack is for, or the next one on the calendar; null when none is scheduled. */
  nextMeetingDate: CalendarDate | null;
  nextMeetingCommittee: string | null;
  /** '5 May 2026, Adult Social Care Improvement Board', or 'No meeting scheduled'. */
  nextMeetingLabel: string;
  /** 'Meeting' (the pack is for it) or 'Next meeting'. */
  nextMeetingHeading: string;
  /** "Due before the next meeting" runs to this date: the meeting's, else four weeks after asOf. */
  upcomingUntil: CalendarDate;
  upcomingUntilLabel: string;
  previousAsOf: CalendarDate | null;
  previousAsOfLabel: string | null;
  /** As given in the source; the model never reads the clock. */
  generatedAt: string;
  language: 'en-GB';
  /** A safe file name without extension, e.g. 'adult-social-care-improvement-plan-board-2025-10-31'. */
  fileBaseName: string;
  /** Short line for page headers. */
  runningHeader: string;
  /** Short line for page footers. */
  runningFooter: string;
  /** Document properties (PDF Subject, DOCX description). */
  subject: string;
  keywords: string[];
}

export interface ColourCountLine {
  colour: RagColour;
  label: string;
  now: number;
  previous: number | null;
  /** now - previous; null without a previous pack. */
  delta: number | null;
}

export interface PackHeadline {
  total: number;
  previousTotal: number | null;
  counts: ColourCountLine[];
  /** Actions whose colour is a board override. */
  overriddenCount: number;
  overdueMilestoneCount: number;
  /** One paragraph in words. */
  summary: string;
}

export interface RollUpView {
  colour: RagColour;
  label: string;
  counts: RagCounts;
  total: number;
  /** "2 red, 1 amber and 3 blue" (or "no actions yet"). */
  countsText: string;
}

export interface WorkstreamRollUp {
  id: string;
  title: string;
  sortOrder: number;
  rollUp: RollUpView;
  actionReferences: string[];
}

export interface FindingRollUp {
  id: string;
  reference: string;
  title: string;
  theme: string | null;
  score: number | null;
  rollUp: RollUpView;
  actionReferences: string[];
}

export interface NoticeRollUp {
  id: string;
  kind: string;
  title: string;
  deadline: CalendarDate | null;
  deadlineLabel: string | null;
  status: string;
  rollUp: RollUpView;
  findings: FindingRollUp[];
}

export interface InspectionRollUp {
  id: string;
  regulator: string;
  kind: string;
  title: string;
  overallJudgement: string | null;
  publishedDate: CalendarDate | null;
  publishedLabel: string | null;
  rollUp: RollUpView;
  findings: FindingRollUp[];
}

export interface UpdateView {
  date: CalendarDate;
  dateLabel: string;
  /** Trimmed; in scrutiny packs owner names are replaced by their roles. */
  narrative: string;
}

/** An override beside the rules' own answer (see pack-override.ts). */
export interface OverrideView {
  computedColour: RagColour;
  computedColourLabel: string;
  computedReasons: string[];
  /** Board: 'Name, role'; scrutiny: 'the role', never a name. */
  setBy: string;
  setOn: CalendarDate;
  setOnLabel: string;
  expiresOn: CalendarDate;
  expiresOnLabel: string;
  /** The two sentences printed after the override's reason: the rules' colour, and who, when, until when. */
  lines: string[];
}

/** A red or amber action. */
export interface ExceptionRow {
  actionId: string;
  reference: string;
  title: string;
  workstreamTitle: string;
  colour: RagColour;
  /** 'Red' or 'Red (override)'. */
  colourLabel: string;
  overridden: boolean;
  /** When overridden: the rules' answer and who set the override (its lines are also in reasons). */
  override: OverrideView | null;
  previousColour: RagColour | null;
  /** Board: 'Name, role'; scrutiny: the role (and lead agency), never a name. */
  owner: string;
  dueDate: CalendarDate;
  dueLabel: string;
  reasons: string[];
  latestUpdate: UpdateView | null;
}

export interface MilestoneRow {
  actionId: string;
  actionReference: string;
  actionTitle: string;
  title: string;
  dueDate: CalendarDate;
  dueLabel: string;
  /** Overdue milestones: days past due at asOf. */
  daysOverdue: number | null;
  /** Upcoming milestones: days from asOf to due. */
  daysUntilDue: number | null;
  owner: string;
}

export interface EvidenceRow {
  actionReference: string;
  title: string;
  state: EvidenceReviewState;
  stateLabel: string;
  uploadedOn: CalendarDate;
  reviewedOn: CalendarDate | null;
}

export interface EvidenceSummary {
  /** Reviewed (accepted) between periodStart and asOf. */
  accepted: number;
  rejected: number;
  /** Submitted on or before asOf and not yet reviewed, whenever uploaded. */
  awaitingReview: number;
  submittedInPeriod: number;
  summary: string;
  /** Board packs only: scrutiny packs give counts, never evidence titles. */
  items: EvidenceRow[] | null;
}

export interface ColourChange {
  actionId: string;
  reference: string;
  title: string;
  from: RagColour | null;
  to: RagColour;
  /** 'Amber to Red', 'new action, Red'. */
  changeLabel: string;
  direction: 'worse' | 'better' | 'other';
}

export interface ChangesSincePrevious {
  previousAsOf: CalendarDate | null;
  newReds: ColourChange[];
  turnedBlue: ColourChange[];
  /** Every action whose colour differs from the previous pack, by reference. */
  all: ColourChange[];
  worseCount: number;
  betterCount: number;
  summary: string;
}

export interface TrackerRow {
  actionId: string;
  reference: string;
  title: string;
  workstreamId: string;
  workstreamTitle: string;
  /** Null in scrutiny packs. */
  ownerName: string | null;
  ownerRole: string;
  leadAgency: string | null;
  startDate: CalendarDate | null;
  dueDate: CalendarDate;
  status: ActionStatus;
  statusLabel: string;
  progressPercent: number;
  colour: RagColour;
  colourLabel: string;
  overridden: boolean;
  override: OverrideView | null;
  previousColour: RagColour | null;
  reasons: string[];
  findingReferences: string[];
  milestonesOpen: number;
  milestonesOverdue: number;
  evidenceAccepted: number;
  latestUpdate: UpdateView | null;
}

export interface KeyRisk {
  actionId: string;
  reference: string;
  title: string;
  /** Role and lead agency, never a name. */
  responsible: string;
  dueLabel: string;
  reasons: string[];
  latestPosition: string | null;
  /** What is being done about it: the latest position and the next milestone. */
  beingDone: string;
}

export interface Highlight {
  actionId: string;
  reference: string;
  title: string;
  colour: RagColour;
  turnedBlue: boolean;
  text: string;
}

export interface NextStep {
  dueDate: CalendarDate;
  text: string;
}

/** A completed (or blue) action with its closing narrative: what was achieved. */
export interface AchievedAction {
  actionId: string;
  reference: string;
  title: string;
  workstreamId: string;
  colour: RagColour;
  completedOn: CalendarDate | null;
  /** 'Complete and evidenced' (blue) or 'Complete, awaiting evidence'. */
  stateLabel: string;
  /** The latest update, in full (it is how the owner closed the action). */
  narrative: string | null;
  text: string;
}

/** The committee-report parts of a scrutiny pack; null in board packs. */
export interface ScrutinyParts {
  committeeName: string;
  meetingDate: CalendarDate | null;
  /** '5 May 2026' or 'Not yet scheduled'. */
  meetingDateLabel: string;
  /** An officer's role, without a bracketed gloss. */
  reportOf: string;
  contactOfficer: string;
  contactMailbox: string | null;
  purpose: string;
  recommendations: string[];
  reasonsForRecommendations: string;
  achieved: AchievedAction[];
  keyRisks: KeyRisk[];
  highlights: Highlight[];
  nextSteps: NextStep[];
  implications: { financial: string; legal: string; equality: string; safeguarding: string };
  glossary: { term: string; meaning: string }[];
}

/** An evidence item rejected by a board reviewer, with the reviewer's role and comment. */
export interface RejectedEvidenceRow {
  actionReference: string;
  actionTitle: string;
  title: string;
  reviewedOn: CalendarDate | null;
  reviewedLabel: string;
  reviewerRole: string;
  comment: string;
}

/** An override in force, with the colour the rules give underneath. */
export interface OverrideRow {
  actionId: string;
  reference: string;
  title: string;
  colour: RagColour;
  override: OverrideView;
  reason: string;
}

/** What the board is asked to decide at its meeting. */
export interface BoardDecision {
  kind: 'override_expiring' | 'blocked_action' | 'evidence_waiting';
  reference: string;
  text: string;
}

/** The board pack's answers to the board's questions; null in scrutiny packs. */
export interface BoardParts {
  /** Overrides expiring on or before this date ask for a decision (the next meeting, or 4 weeks). */
  overridesExpiringBy: CalendarDate;
  /** Evidence submitted longer ago than this many days asks for a reviewer. */
  evidenceWaitingDays: number;
  decisions: BoardDecision[];
  rejectedEvidence: RejectedEvidenceRow[];
  overrides: OverrideRow[];
  /** Actions completed in the period, and milestones completed in it. */
  completedActions: AchievedAction[];
  completedMilestones: { actionReference: string; title: string; completedOn: CalendarDate; completedLabel: string }[];
}

export type PackChartId = 'rag-counts' | 'rag-trend';

export interface ChartBase {
  id: PackChartId;
  title: string;
  /** Short alternative text for the image. */
  altText: string;
  /** Longer description in words for screen readers and the DOCX/XLSX description. */
  accessibilitySummary: string;
}

export interface BarChartModel extends ChartBase {
  kind: 'bar';
  bars: { colour: RagColour; label: string; value: number }[];
}

export interface LineChartModel extends ChartBase {
  kind: 'line';
  dates: CalendarDate[];
  dateLabels: string[];
  series: { colour: RagColour; label: string; values: number[] }[];
}

export type ChartModel = BarChartModel | LineChartModel;

export interface RagKeyEntry {
  colour: RagColour;
  label: string;
  meaning: string;
}

// ---- The document outline ------------------------------------------------------------------

export type TableAlign = 'left' | 'right' | 'centre';

export interface PackTableColumn {
  header: string;
  /** Relative share of the table width. */
  width: number;
  align: TableAlign;
}

export interface PackTableCell {
  text: string;
  /** Set on RAG cells: the renderer shades the cell and keeps the word. */
  rag?: RagColour;
}

export interface PackTable {
  id: string;
  caption: string;
  columns: PackTableColumn[];
  rows: PackTableCell[][];
  /** Said instead of the table when there are no rows. */
  emptyText: string;
  /** 'compact' for long appendix tables: smaller type, tighter rows. */
  density: 'normal' | 'compact';
  /** The first column names the row (a reference): a row header for screen readers. */
  rowHeaderColumn: boolean;
}

export type PackBlock =
  | { kind: 'paragraph'; text: string; style: 'normal' | 'lead' | 'note' }
  | { kind: 'list'; ordered: boolean; items: string[] }
  /** Label and value pairs, e.g. the front sheet of a committee report. */
  | { kind: 'details'; rows: { label: string; value: string }[] }
  | { kind: 'table'; table: PackTable }
  | { kind: 'chart'; chartId: PackChartId };

export interface PackSubsection {
  id: string;
  heading: string;
  blocks: PackBlock[];
}

export interface PackSection {
  id: string;
  /** '1', '2'... for the body, 'A', 'B'... for appendices. */
  number: string;
  heading: string;
  /** The heading as printed: '1. Purpose of the report', 'Appendix A: Action tracker'. */
  displayHeading: string;
  appendix: boolean;
  /** Wide tables (the full tracker) are laid out landscape. */
  orientation: 'portrait' | 'landscape';
  blocks: PackBlock[];
  subsections: PackSubsection[];
}

export interface PackModel {
  modelVersion: typeof PACK_MODEL_VERSION;
  audience: PackAudience;
  meta: PackMeta;
  /** Shown above the first section (front sheet). */
  frontMatter: PackBlock[];
  headline: PackHeadline;
  workstreams: WorkstreamRollUp[];
  notices: NoticeRollUp[];
  inspections: InspectionRollUp[];
  exceptions: ExceptionRow[];
  overdueMilestones: MilestoneRow[];
  upcomingMilestones: MilestoneRow[];
  evidence: EvidenceSummary;
  changes: ChangesSincePrevious;
  tracker: TrackerRow[];
  scrutiny: ScrutinyParts | null;
  board: BoardParts | null;
  charts: ChartModel[];
  ragKey: RagKeyEntry[];
  sections: PackSection[];
  /** Inconsistencies in the source (an unknown workstream id...), by reference, never by name. */
  dataWarnings: string[];
}
