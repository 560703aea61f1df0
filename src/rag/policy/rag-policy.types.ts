import type { CalendarDate } from '../../common/dates/calendar-date';
import type { ActionStatus } from '../../vocabulary/action-status';
import type { EvidenceReviewState } from '../../vocabulary/evidence-review-state';
import type { RagColour } from '../../vocabulary/rag-colour';

/** Which rules an organisation uses, and their thresholds. Stored per organisation, versioned. */
export interface RagPolicySettings {
  /** A milestone overdue by more than this many days is Red; by 1 day or more, Amber. */
  redAfterDays: number;
  /** A started action with no progress update for more than this many days is Amber. */
  staleAfterDays: number;
  rules: {
    overdueAction: boolean;
    overdueMilestones: boolean;
    blocked: boolean;
    staleUpdates: boolean;
    rejectedEvidence: boolean;
    progressAgainstTime: boolean;
  };
  /** Progress behind the share of time elapsed by more than this many points is Amber. */
  progressAmberPoints: number;
  /** ... and by more than this many points, Red. */
  progressRedPoints: number;
}

/** The default policy of DESIGN.md. Progress against time is off: not every council uses it. */
export const DEFAULT_RAG_POLICY: Readonly<RagPolicySettings> = Object.freeze({
  redAfterDays: 28,
  staleAfterDays: 42,
  rules: Object.freeze({
    overdueAction: true,
    overdueMilestones: true,
    blocked: true,
    staleUpdates: true,
    rejectedEvidence: true,
    progressAgainstTime: false,
  }),
  progressAmberPoints: 15,
  progressRedPoints: 30,
});

export interface RagMilestoneFacts {
  title: string;
  dueDate: CalendarDate;
  completedOn: CalendarDate | null;
}

export interface RagEvidenceFacts {
  state: EvidenceReviewState;
  submittedOn: CalendarDate;
}

export interface RagOverride {
  colour: RagColour;
  reason: string;
  /** The last day the override applies; from the next day the computed colour is back. */
  expiresOn: CalendarDate;
}

/**
 * What the policy needs to know about one action, as the caller knows it at the reporting
 * date. The policy takes these as given: it does not filter by date.
 */
export interface RagActionFacts {
  reference: string;
  title: string;
  status: ActionStatus;
  startDate: CalendarDate | null;
  dueDate: CalendarDate;
  /** 0-100. */
  progressPercent: number;
  /** Date of the newest progress update, if any. */
  lastUpdateDate: CalendarDate | null;
  milestones: RagMilestoneFacts[];
  /** Withdrawn evidence is already excluded. */
  evidence: RagEvidenceFacts[];
  override: RagOverride | null;
}

export type RagReasonCode =
  | 'override'
  | 'complete_blue'
  | 'complete_awaiting_evidence'
  | 'complete_milestone_open'
  | 'overdue'
  | 'milestone_overdue_red'
  | 'milestone_overdue_amber'
  | 'blocked'
  | 'stale'
  | 'evidence_rejected'
  | 'behind_time_amber'
  | 'behind_time_red'
  | 'not_started_yet'
  | 'on_track';

/** One rule that fired, with the colour it asks for and the words shown to the board. */
export interface RagReason {
  code: RagReasonCode;
  colour: RagColour;
  text: string;
}

export interface RagResult {
  colour: RagColour;
  /** Every rule that fired, in the policy's order (not only the worst). */
  reasons: RagReason[];
  /** True when an active override set the colour. */
  overridden: boolean;
  /** When overridden: what the rules alone give (shown beside the override, never hidden by it). */
  computed?: { colour: RagColour; reasons: RagReason[] };
}
