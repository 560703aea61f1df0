import type { MessageKind } from '../notification-kinds';
import type { MessageDataByKind } from './message-data';

/** One realistic input per message kind, for tests and the benchmark. */
export const SAMPLE_ACTION = { id: 'a0000000-0000-4000-8000-000000000014', reference: 'A1.4', title: 'Review the safeguarding pathway end to end' };
export const SAMPLE_MILESTONE = { id: 'm0000000-0000-4000-8000-000000000001', title: 'Audit fieldwork complete' };
const action = SAMPLE_ACTION;
const milestone = SAMPLE_MILESTONE;
export const SAMPLE_PLAN_ID = 'b0000000-0000-4000-8000-000000000001';
const planId = SAMPLE_PLAN_ID;
const meeting = { committeeName: 'Improvement Board', meetingDate: '2026-12-11', papersDeadline: '2026-12-04' };

export const SAMPLES: { [K in MessageKind]: MessageDataByKind[K] } = {
  milestone_due_14d: { action, milestone, dueDate: '2026-12-07' },
  milestone_due_7d: { action, milestone, dueDate: '2026-11-30' },
  milestone_due_1d: { action, milestone, dueDate: '2026-11-24' },
  action_due_14d: { action, dueDate: '2026-12-07' },
  action_due_7d: { action, dueDate: '2026-11-30' },
  action_due_1d: { action, dueDate: '2026-11-24' },
  milestone_overdue: { action, milestone, dueDate: '2026-11-22', daysOverdue: 1, reminder: 1 },
  action_overdue: { action, dueDate: '2026-11-02', daysOverdue: 21, reminder: 4 },
  update_due: {
    planId,
    meeting,
    sinceMeetingDate: '2026-11-13',
    actions: [
      { ...action, lastUpdateOn: '2026-10-02' },
      { id: 'a0000000-0000-4000-8000-000000000011', reference: 'A1.1', title: 'Review all 1,303 online safeguarding referrals', lastUpdateOn: null },
    ],
  },
  evidence_rejected: {
    action,
    milestone,
    evidence: { id: 'e0000000-0000-4000-8000-000000000001', fileName: 'audit-tool-v2.xlsx' },
    reviewerRole: 'Head of Quality Assurance',
    comment: 'The audit tool does not cover section 42 enquiries.\nPlease add them and re-upload.',
    reviewedOn: '2026-11-23',
  },
  owner_weekly_digest: {
    planId,
    weekStarting: '2026-11-23',
    today: '2026-11-23',
    overdue: [{ action, milestone, dueDate: '2026-11-16' }],
    dueSoon: [{ action: { ...action, id: 'a0000000-0000-4000-8000-000000000011', reference: 'A1.1', title: 'Review all referrals' }, dueDate: '2026-11-30' }],
    updateDue: { planId, meeting, sinceMeetingDate: null, actions: [{ ...action, lastUpdateOn: null }] },
  },
  evidence_review_digest: {
    planId,
    today: '2026-11-23',
    items: [
      { evidenceId: 'e0000000-0000-4000-8000-000000000002', fileName: 'training-records.csv', action, submittedOn: '2026-11-20' },
      { evidenceId: 'e0000000-0000-4000-8000-000000000003', fileName: 'board-minutes.pdf', action, submittedOn: '2026-11-10' },
    ],
  },
  pack_ready: { pack: { id: 'p0000000-0000-4000-8000-000000000001', title: 'Adult social care improvement plan: scrutiny report', audience: 'scrutiny', asOf: '2026-11-30', formats: ['pdf', 'docx', 'xlsx'] } },
  override_expiring: {
    planId,
    today: '2026-11-23',
    items: [
      { action, colour: 'amber', expiresOn: '2026-11-26' },
      { action: { ...action, id: 'a0000000-0000-4000-8000-000000000022', reference: 'A2.2' }, colour: 'green', expiresOn: '2026-11-24' },
    ],
  },
  scrutiny_pack_published: {
    committeeName: 'Protecting the Most Vulnerable Committee',
    pack: { id: 'p0000000-0000-4000-8000-000000000002', title: 'Adult social care improvement plan: progress report', asOf: '2026-11-30' },
    meetingDate: '2026-12-15',
  },
};

