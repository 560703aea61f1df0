/** Where a piece of evidence stands in review by a board member who did not upload it. */
export type EvidenceReviewState = 'submitted' | 'accepted' | 'rejected';

export interface EvidenceReviewStateInfo {
  key: EvidenceReviewState;
  label: string;
  description: string;
}

export const EVIDENCE_REVIEW_STATE_INFO: Readonly<Record<EvidenceReviewState, EvidenceReviewStateInfo>> = Object.freeze({
  submitted: { key: 'submitted', label: 'Awaiting review', description: 'uploaded, not yet reviewed' },
  accepted: { key: 'accepted', label: 'Accepted', description: 'a board member accepted it as evidence of the work' },
  rejected: { key: 'rejected', label: 'Rejected', description: 'a board member rejected it, with a comment the owner can act on' },
});

export const EVIDENCE_REVIEW_STATES: readonly EvidenceReviewState[] = Object.freeze(Object.keys(EVIDENCE_REVIEW_STATE_INFO) as EvidenceReviewState[]);

/** What a reviewer decides: the states a review moves evidence to. */
export type EvidenceReviewDecision = Exclude<EvidenceReviewState, 'submitted'>;

export const EVIDENCE_REVIEW_DECISIONS: readonly EvidenceReviewDecision[] = Object.freeze(['accepted', 'rejected'] as const);
