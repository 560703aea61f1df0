import { daysBetween, londonToday } from '../../common/dates/calendar-date';
import type { EvidenceDetailDto } from '../../evidence/dto/evidence.dto';
import type { EvidenceActionSummary, EvidenceQueueItem } from '../../evidence/evidence.service';
import type { FieldError, FormErrors } from '../common/forms/form-errors';
import type { PlanNavigation } from '../common/view/plan-navigation';
import { planPaths, ROW_PAGE } from '../common/web-paths';

/** One row of the review queue, as the table shows it. */
export interface EvidenceQueueRow {
  href: string;
  fileName: string;
  title: string;
  action: string;
  uploadedBy: string;
  uploadedAt: string;
  waitingDays: number;
  waitingText: string;
}

export interface EvidenceQueueViewModel {
  pageTitle: string;
  planNav: PlanNavigation;
  rows: EvidenceQueueRow[];
}

/** "Evidence to review": the plan's submitted evidence, oldest first (the service excludes the reader's own uploads). */
export function evidenceQueuePage(planNav: PlanNavigation, items: readonly EvidenceQueueItem[], now: Date): EvidenceQueueViewModel {
  const today = londonToday(now);
  return {
    pageTitle: 'Evidence to review',
    planNav,
    rows: items.map(({ evidence, action }) => {
      const waitingDays = Math.max(0, daysBetween(londonToday(new Date(evidence.uploadedAt)), today));
      return {
        href: ROW_PAGE.evidence(evidence.id),
        fileName: evidence.fileName,
        title: evidence.title,
        action: actionLabel(action),
        uploadedBy: evidence.uploadedBy.name,
        uploadedAt: evidence.uploadedAt,
        waitingDays,
        waitingText: waitingDays === 0 ? 'Today' : waitingDays === 1 ? '1 day' : `${waitingDays} days`,
      };
    }),
  };
}

function actionLabel(action: Pick<EvidenceActionSummary, 'reference' | 'title'>): string {
  return [action.reference, action.title].filter((s) => s !== '').join(' ');
}

export interface EvidenceReviewForm {
  decision: string;
  comment: string;
}

export interface EvidenceReviewViewModel {
  pageTitle: string;
  planNav: PlanNavigation;
  backLink: string;
  errors: FormErrors;
  evidenceId: string;
  formAction: string;
  title: string;
  rows: { key: { text: string }; value: { text: string } }[];
  downloadHref: string;
  /** The review form shows only while the item is submitted and the reader did not upload it. */
  canReview: boolean;
  /** Why there is no form, when there is none. */
  noFormReason: string | null;
  form: EvidenceReviewForm;
  version: number;
  history: { decision: string; reviewer: string; reviewedAt: string; comment: string }[];
}

const STATE_WORDS: Readonly<Record<string, string>> = Object.freeze({ submitted: 'Awaiting review', accepted: 'Accepted', rejected: 'Rejected' });

/** One evidence item to review: what it is, the file, and accept or reject with a comment. */
export function evidenceReviewPage(
  planNav: PlanNavigation,
  item: { evidence: EvidenceDetailDto; action: EvidenceActionSummary; planClosed?: boolean },
  reviewerId: string,
  form: EvidenceReviewForm = { decision: '', comment: '' },
  errors: FormErrors = [],
): EvidenceReviewViewModel {
  const { evidence, action } = item;
  const own = evidence.uploadedBy.id === reviewerId;
  const submitted = evidence.reviewState === 'submitted' && evidence.withdrawnAt === null;
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  return {
    pageTitle: `Review evidence: ${evidence.title}`,
    planNav,
    backLink: planPaths(planNav.planId).evidenceReview,
    errors,
    evidenceId: evidence.id,
    formAction: ROW_PAGE.evidence(evidence.id),
    title: evidence.title,
    rows: [
      row('Action', actionLabel(action)),
      row('File', evidence.fileName),
      row('Description', evidence.description || 'None given'),
      row('Uploaded by', evidence.uploadedBy.name),
      row('Status', STATE_WORDS[evidence.reviewState] ?? evidence.reviewState),
      ...(evidence.reviewComment ? [row('Review comment', evidence.reviewComment)] : []),
    ],
    downloadHref: `${ROW_PAGE.evidence(evidence.id)}/download`,
    canReview: submitted && !own && !item.planClosed,
    noFormReason: !submitted
      ? 'This evidence has already been reviewed.'
      : item.planClosed
        ? 'This plan is closed: its evidence can be read, not reviewed.'
        : own
          ? 'You uploaded this evidence, so another board member must review it.'
          : null,
    form,
    version: evidence.version,
    history: evidence.reviews.map((r) => ({ decision: STATE_WORDS[r.decision] ?? r.decision, reviewer: r.reviewer.name, reviewedAt: r.reviewedAt, comment: r.comment })),
  };
}

/** The form's own checks: a decision, and a comment the owner can act on when rejecting. */
export function evidenceReviewErrors(form: EvidenceReviewForm): FieldError[] {
  if (form.decision !== 'accepted' && form.decision !== 'rejected') return [{ field: 'decision', text: 'Select whether to accept or reject the evidence' }];
  if (form.decision === 'rejected' && form.comment.trim() === '') return [{ field: 'comment', text: 'Enter a comment saying what the owner should change' }];
  if (form.comment.length > 5000) return [{ field: 'comment', text: 'Comment must be 5,000 characters or fewer' }];
  return [];
}
