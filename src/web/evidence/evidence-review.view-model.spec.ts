import type { EvidenceDetailDto, EvidenceDto } from '../../evidence/dto/evidence.dto';
import type { PlanNavigation } from '../common/view/plan-navigation';
import { evidenceQueuePage, evidenceReviewErrors, evidenceReviewPage } from './evidence-review.view-model';

const planNav: PlanNavigation = { planId: 'plan-1', planTitle: 'Adult social care improvement plan', closed: false, items: [] };

function evidence(overrides: Partial<EvidenceDto> = {}): EvidenceDto {
  return {
    id: 'ev-1',
    actionId: 'act-1',
    milestoneId: null,
    title: 'Case file audit',
    description: '',
    fileName: 'audit.pdf',
    contentType: 'application/pdf',
    sizeBytes: 1000,
    sha256: 'x',
    uploadedBy: { id: 'owner-1', name: 'Olu Owner' },
    uploadedAt: '2026-11-20T09:00:00.000Z',
    reviewState: 'submitted',
    reviewedBy: null,
    reviewedAt: null,
    reviewComment: null,
    supersedesId: null,
    supersededById: null,
    withdrawnAt: null,
    withdrawnBy: null,
    version: 1,
    contentUrl: '/api/v1/evidence/ev-1/content',
    ...overrides,
  };
}
const action = { id: 'act-1', planId: 'plan-1', reference: 'A1.2', title: 'Audit case files' };
const detail = (overrides: Partial<EvidenceDto> = {}): EvidenceDetailDto => ({ ...evidence(overrides), reviews: [] });

describe('evidenceQueuePage', () => {
  it('lists each item with its action, uploader and how long it has waited (London days)', () => {
    const vm = evidenceQueuePage(planNav, [{ evidence: evidence(), action }, { evidence: evidence({ id: 'ev-2', uploadedAt: '2026-11-23T08:00:00.000Z' }), action }], new Date('2026-11-23T10:00:00Z'));
    expect(vm.planNav).toBe(planNav);
    expect(vm.rows.map((r) => [r.href, r.action, r.uploadedBy, r.waitingDays, r.waitingText])).toEqual([
      ['/evidence/ev-1', 'A1.2 Audit case files', 'Olu Owner', 3, '3 days'],
      ['/evidence/ev-2', 'A1.2 Audit case files', 'Olu Owner', 0, 'Today'],
    ]);
  });
});

describe('evidenceReviewPage', () => {
  it('offers the form to another board member while the item is submitted', () => {
    const vm = evidenceReviewPage(planNav, { evidence: detail(), action }, 'board-1');
    expect(vm).toMatchObject({ canReview: true, noFormReason: null, downloadHref: '/evidence/ev-1/download', formAction: '/evidence/ev-1', backLink: '/plans/plan-1/evidence-review' });
  });

  it('never to the uploader, nor once reviewed, and says why', () => {
    expect(evidenceReviewPage(planNav, { evidence: detail(), action }, 'owner-1')).toMatchObject({ canReview: false, noFormReason: expect.stringContaining('You uploaded') });
    expect(evidenceReviewPage(planNav, { evidence: detail({ reviewState: 'accepted' }), action }, 'board-1')).toMatchObject({ canReview: false, noFormReason: expect.stringContaining('already') });
  });

  it('not in a closed plan (the API would answer 409), and says so', () => {
    expect(evidenceReviewPage(planNav, { evidence: detail(), action, planClosed: true }, 'board-1')).toMatchObject({ canReview: false, noFormReason: 'This plan is closed: its evidence can be read, not reviewed.' });
  });
});

describe('evidenceReviewErrors', () => {
  it.each([
    [{ decision: '', comment: '' }, 'decision'],
    [{ decision: 'rejected', comment: '  ' }, 'comment'],
    [{ decision: 'maybe', comment: 'x' }, 'decision'],
  ])('%j: an error on %s', (form, field) => {
    expect(evidenceReviewErrors(form).map((e) => e.field)).toEqual([field]);
  });

  it('accepts without a comment, rejects with one', () => {
    expect(evidenceReviewErrors({ decision: 'accepted', comment: '' })).toEqual([]);
    expect(evidenceReviewErrors({ decision: 'rejected', comment: 'Add the Q3 files' })).toEqual([]);
  });
});
