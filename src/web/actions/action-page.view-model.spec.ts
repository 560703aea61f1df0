import type { ActionDto } from '../../actions/dto/action.dto';
import type { EvidenceDto } from '../../evidence/dto/evidence.dto';
import type { RagSnapshotDto } from '../../rag/history/dto/rag-history.dto';
import { actionPage, ActionPageInput, colourView } from './action-page.view-model';

const ACTION_ID = '11111111-1111-4111-8111-111111111111';
const PLAN = { id: '22222222-2222-4222-8222-222222222222', title: 'Adult Social Care Improvement Plan' };

function anAction(extra: Partial<ActionDto> = {}): ActionDto {
  return {
    id: ACTION_ID,
    reference: 'A1.3',
    title: 'Review every safeguarding referral',
    description: 'Audit the cases.',
    successMeasures: '',
    workstream: { id: 'w', code: 'KO1', title: 'Improved safeguarding practice' },
    owner: { id: 'owner-1', name: 'Rowan Ownwell', jobTitle: 'Head of Safeguarding', partnerAgency: 'Exampleshire Police' },
    leadAgency: null,
    startDate: '2026-01-05',
    dueDate: '2026-12-31',
    status: 'in_progress',
    progressPercent: 40,
    completedOn: null,
    effectivenessCheckDue: null,
    embeddedOn: null,
    rag: { colour: 'red', reasons: [{ code: 'overdue', colour: 'red', text: 'overdue by 12 days' }], overridden: false, computed: null, override: null, policyVersion: 1, asOf: '2026-11-23', computedAt: null },
    version: 3,
    createdAt: '',
    updatedAt: '',
    findings: [{ id: 'f', reference: 'QS-SAFE-1', title: 'Safeguarding <shortfalls>' }],
    milestones: [
      { id: 'm1', actionId: ACTION_ID, title: 'Audit done', dueDate: '2026-10-30', completedOn: '2026-10-29', allowAfterActionDue: false, sortOrder: 0, version: 1, createdAt: '', updatedAt: '' },
      { id: 'm2', actionId: ACTION_ID, title: 'Report', dueDate: '2026-12-15', completedOn: null, allowAfterActionDue: false, sortOrder: 1, version: 1, createdAt: '', updatedAt: '' },
    ],
    latestUpdate: null,
    evidence: { submitted: 0, accepted: 0, rejected: 0, withdrawn: 0 },
    ...extra,
  };
}

function anEvidence(extra: Partial<EvidenceDto> = {}): EvidenceDto {
  return {
    id: 'e1',
    actionId: ACTION_ID,
    milestoneId: null,
    title: 'Audit report',
    description: '',
    fileName: 'audit.pdf',
    contentType: 'application/pdf',
    sizeBytes: 2048,
    sha256: 'x',
    uploadedBy: { id: 'owner-1', name: 'Rowan Ownwell' },
    uploadedAt: '2026-11-20T10:00:00Z',
    reviewState: 'submitted',
    reviewedBy: null,
    reviewedAt: null,
    reviewComment: null,
    supersedesId: null,
    supersededById: null,
    withdrawnAt: null,
    withdrawnBy: null,
    version: 1,
    contentUrl: '',
    ...extra,
  };
}

const input = (extra: Partial<ActionPageInput> = {}): ActionPageInput => ({
  action: anAction(),
  plan: PLAN,
  role: 'owner',
  userId: 'owner-1',
  can: { closed: false, contribute: true, manage: false },
  updates: [],
  evidence: [],
  history: [],
  ...extra,
});

describe('actionPage', () => {
  it('lists the details, with the findings escaped, and the plan navigation on "Actions"', () => {
    const vm = actionPage(input());
    expect(vm.pageTitle).toBe('A1.3: Review every safeguarding referral');
    expect(vm.planNav.items.find((i) => i.current)?.text).toBe('Actions');
    const row = (key: string) => vm.rows.find((r) => r.key.text === key)?.value;
    expect(row('Owner')).toEqual({ text: 'Rowan Ownwell, Head of Safeguarding, Exampleshire Police' });
    expect(row('Status')).toEqual({ text: 'In progress' });
    expect(row('Due date')).toEqual({ text: '31 December 2026' });
    expect(row('Findings it answers')).toEqual({ html: '<ul class="govuk-list"><li>QS-SAFE-1: Safeguarding &lt;shortfalls&gt;</li></ul>' });
    expect(row('Lead agency')).toEqual({ text: 'Not given' });
    expect(row('Success measures')).toEqual({ text: 'None given' });
    const given = actionPage(input({ action: { ...anAction(), leadAgency: 'Exampleshire Police', successMeasures: 'Every referral screened within 24 hours' } }));
    expect(given.rows.find((r) => r.key.text === 'Lead agency')?.value).toEqual({ text: 'Exampleshire Police' });
    expect(given.rows.find((r) => r.key.text === 'Success measures')?.value).toEqual({ text: 'Every referral screened within 24 hours' });
  });

  it("gives the owner the forms of their action, not the override; only open milestones can be completed", () => {
    const vm = actionPage(input());
    expect(vm.links).toEqual({
      edit: `/actions/${ACTION_ID}/edit`,
      addMilestone: null,
      addUpdate: `/actions/${ACTION_ID}/updates/new`,
      uploadEvidence: `/actions/${ACTION_ID}/evidence/new`,
      override: null,
      removeOverride: null,
    });
    expect(vm.milestones.map((m) => m.completeHref)).toEqual([null, `/actions/${ACTION_ID}/milestones/m2/complete`]);
    expect(vm.milestones.map((m) => m.changeHref)).toEqual([null, null]);
    expect(vm.milestones[0].completed).toBe('29 October 2026');
  });

  it('hides every form when the plan is closed, and from someone who does not work on the action', () => {
    for (const can of [
      { closed: true, contribute: true, manage: true },
      { closed: false, contribute: false, manage: false },
    ]) {
      const vm = actionPage(input({ can, evidence: can.contribute ? [anEvidence()] : null }));
      expect(Object.values(vm.links).every((l) => l === null)).toBe(true);
      expect(vm.milestones.every((m) => m.completeHref === null && m.changeHref === null)).toBe(true);
      expect((vm.evidence ?? []).every((e) => e.withdrawAction === null)).toBe(true);
    }
  });

  it('offers the board the override, and its removal when one is in force', () => {
    const overridden = anAction({
      rag: {
        colour: 'amber',
        reasons: [{ code: 'override', colour: 'amber', text: 'Override: recovery plan agreed' }],
        overridden: true,
        computed: { colour: 'red', reasons: [{ code: 'overdue', colour: 'red', text: 'overdue by 12 days' }] },
        override: {
          id: 'o',
          colour: 'amber',
          reason: 'Recovery plan agreed',
          setAt: '2026-11-23T10:00:00Z',
          setBy: { id: 'b', name: 'Avery Boardman', role: 'board', jobTitle: null },
          expiresOn: '2027-01-31',
          endedAt: null,
        },
        policyVersion: 1,
        asOf: '2026-11-23',
        computedAt: null,
      },
    });
    const vm = actionPage(input({ action: overridden, role: 'board', userId: 'b', can: { closed: false, contribute: true, manage: true } }));
    expect(vm.links.override).toBe(`/actions/${ACTION_ID}/override`);
    expect(vm.links.addMilestone).toBe(`/actions/${ACTION_ID}/milestones/new`);
    // The board re-plans the open milestone only.
    expect(vm.milestones.map((m) => m.changeHref)).toEqual([null, `/actions/${ACTION_ID}/milestones/m2/change`]);
    expect(vm.links.removeOverride).toBe(`/actions/${ACTION_ID}/override/remove`);
    expect(vm.colour).toEqual({
      colour: 'amber',
      reasons: ['Override: recovery plan agreed'],
      overridden: true,
      computed: { colour: 'red', reasons: ['overdue by 12 days'] },
      override: { reason: 'Recovery plan agreed', setBy: 'Avery Boardman (Improvement board member)', setOn: '23 November 2026 at 10:00am', until: '31 January 2027' },
      asOf: '23 November 2026',
    });
  });

  it('shows evidence with its review state; the reviewer comment only for rejected items; withdraw for the uploader of unreviewed items', () => {
    const vm = actionPage(
      input({
        evidence: [
          anEvidence(),
          anEvidence({ id: 'e2', reviewState: 'rejected', reviewComment: 'Names are not redacted', reviewedBy: { id: 'b', name: 'Avery Boardman' } }),
          anEvidence({ id: 'e3', uploadedBy: { id: 'b', name: 'Avery Boardman' } }),
        ],
      }),
    );
    expect(vm.evidence!.map((e) => [e.state, e.rejectedComment, e.withdrawAction !== null])).toEqual([
      ['Awaiting review', null, true],
      ['Rejected', 'Names are not redacted', false],
      ['Awaiting review', null, false],
    ]);
    expect(vm.evidence![0]).toMatchObject({ size: '2 KB', uploadedOn: '20 November 2026', downloadHref: `/actions/${ACTION_ID}/evidence/e1/file` });
  });

  it('lists the colour history with override marks and the computed colour beside', () => {
    const snapshot: RagSnapshotDto = {
      asOf: '2026-10-31',
      colour: 'green',
      reasons: [{ code: 'override', colour: 'green', text: 'Override: agreed' }],
      overridden: true,
      computed: { colour: 'amber', reasons: [{ code: 'x', colour: 'amber', text: 'milestone slipped' }] },
      override: { id: 'o', colour: 'green', reason: 'agreed', setAt: '', setBy: { id: 'b', name: 'Avery Boardman', role: 'admin', jobTitle: null }, expiresOn: '2026-12-01', endedAt: null },
      policyVersion: 1,
      computedAt: '',
    };
    expect(actionPage(input({ history: [snapshot] })).history).toEqual([
      {
        date: '31 October 2026',
        asOf: '2026-10-31',
        colour: 'green',
        reasons: ['Override: agreed'],
        overridden: true,
        computed: { colour: 'amber', reasons: ['milestone slipped'] },
        overrideBy: 'Avery Boardman (Administrator)',
      },
    ]);
  });

  it('says when no colour has been worked out yet', () => {
    expect(colourView(null)).toBeNull();
  });
});
