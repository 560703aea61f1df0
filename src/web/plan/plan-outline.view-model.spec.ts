import type { FindingDto } from '../../findings/dto/finding.dto';
import type { InspectionDto } from '../../inspections/dto/inspection.dto';
import type { NoticeDto } from '../../notices/dto/notice.dto';
import { planOutlinePage } from './plan-outline.view-model';

const inspection = { id: 'i1', title: 'CQC assessment 2025', regulator: { id: 'r1', code: 'cqc', name: 'Care Quality Commission' }, kindLabel: 'CQC local authority assessment', startDate: '2025-03-03', endDate: '2025-03-14', publishedDate: '2025-06-20', reportReference: null, overallJudgement: 'Requires improvement' } as InspectionDto;
const notice = { id: 'n1', kindLabel: 'Section 50 notification', title: 'Section 50', inspectionId: 'i1', issuedOn: '2025-07-01', deadline: null, status: 'downgraded', requirements: '' } as unknown as NoticeDto;
const counts = (red: number, amber: number, green: number, grey: number, blue: number) => ({ red, amber, green, grey, blue });
const noActions = { colour: null, total: 0, counts: counts(0, 0, 0, 0, 0), notComputed: 0 };
const finding = (id: string, reference: string, noticeId: string | null = null, rag: FindingDto['rag'] = noActions) =>
  ({ id, inspectionId: 'i1', noticeId, reference, title: `Finding ${reference}`, typeLabel: 'Area for priority action', theme: 'safeguarding', themeLabel: 'Safeguarding', score: 1, rag }) as FindingDto;

describe('plan outline view model', () => {
  it('groups findings under their inspection, with notices and the actions answering each', () => {
    const page = planOutlinePage({
      plan: { id: 'p1', title: 'Plan', status: 'closed' },
      role: 'board',
      inspections: [inspection],
      notices: [notice],
      findings: [finding('f10', 'QS-10'), finding('f2', 'QS-2', 'n1', { colour: 'red', total: 1, counts: counts(1, 0, 0, 0, 0), notComputed: 0 })],
      links: [{ findingId: 'f2', actionId: 'a1', reference: 'A1.1', title: 'Audit', status: 'blocked', colour: 'red', ownerName: 'Owner One', total: 1 }],
    });
    expect(page.closed).toBe(true);
    expect(page.unansweredCount).toBe(1);
    const [i] = page.inspections;
    expect(i.rows.find((r) => r.key.text === 'Dates')?.value.text).toBe('3 March 2025 to 14 March 2025');
    expect(i.rows.find((r) => r.key.text === 'Report reference')?.value.text).toBe('Not given');
    expect(i.findings.map((f) => f.reference)).toEqual(['QS-2', 'QS-10']);
    expect(i.findings[0]).toMatchObject({ about: 'Area for priority action; Safeguarding; score 1 of 4', notice: { anchor: 'notice-n1', title: 'Section 50' } });
    expect(i.findings[0].actions).toEqual([{ href: '/actions/a1', reference: 'A1.1', title: 'Audit', colour: 'red', status: 'Blocked', owner: 'Owner One' }]);
    expect(i.findings[0].rollUp).toEqual({ colour: 'red', counts: '1 red' });
    expect(i.findings[0].more).toBeNull();
    expect(i.findings[1].rollUp).toBeNull();
    expect(i.notices[0]).toMatchObject({ status: 'Downgraded', findings: [{ anchor: 'finding-f2', reference: 'QS-2', title: 'Finding QS-2' }] });
    expect(page.otherNotices).toEqual([]);
  });

  it("words a finding's roll-up in display order, with the actions not yet coloured", () => {
    const rolled = (rag: FindingDto['rag']) =>
      planOutlinePage({ plan: { id: 'p1', title: 'Plan', status: 'active' }, role: 'board', inspections: [inspection], notices: [], findings: [finding('f1', 'QS-1', null, rag)], links: [] })
        .inspections[0].findings[0].rollUp;
    expect(rolled({ colour: 'amber', total: 6, counts: counts(0, 2, 1, 0, 3), notComputed: 1 })).toEqual({ colour: 'amber', counts: '2 amber, 1 green, 3 blue, 1 not worked out yet' });
    expect(rolled({ colour: 'blue', total: 2, counts: counts(0, 0, 0, 0, 2), notComputed: 0 })).toEqual({ colour: 'blue', counts: '2 blue' });
    expect(rolled({ colour: null, total: 0, counts: counts(0, 0, 0, 0, 0), notComputed: 2 })).toEqual({ colour: null, counts: '2 not worked out yet' });
  });

  it('links to the actions list filtered by the finding when more actions answer it than are listed', () => {
    const link = (n: number) => ({ findingId: 'f1', actionId: `a${n}`, reference: `A${n}`, title: `Action ${n}`, status: 'in_progress' as const, colour: 'green' as const, ownerName: 'Owner One', total: 1234 });
    const page = planOutlinePage({
      plan: { id: 'p1', title: 'Plan', status: 'active' },
      role: 'board',
      inspections: [inspection],
      notices: [],
      findings: [finding('f1', 'QS-1'), finding('f2', 'QS-2')],
      links: [link(1), link(2), { ...link(3), findingId: 'f2', total: 1 }],
    });
    const [f1, f2] = page.inspections[0].findings;
    expect(f1.actions.map((a) => a.reference)).toEqual(['A1', 'A2']);
    expect(f1.more).toEqual({ text: 'See all 1,234 actions answering QS-1', href: '/plans/p1/actions?finding=f1' });
    expect(f2.more).toBeNull();
    expect(page.unansweredCount).toBe(0);
  });

  it('offers "Add an inspection" and "Add a finding to this inspection" to the plan’s managers while it is open', () => {
    const page = (status: string, manage?: boolean) => planOutlinePage({ plan: { id: 'p1', title: 'Plan', status }, role: 'board', inspections: [inspection], notices: [], findings: [], links: [], manage });
    expect(page('active', true)).toMatchObject({ addInspectionHref: '/plans/p1/inspections/new', inspections: [{ addFindingHref: '/plans/p1/findings/new?inspection=i1' }] });
    for (const closedOrReader of [page('closed', true), page('active', false), page('active')]) {
      expect(closedOrReader).toMatchObject({ addInspectionHref: null, inspections: [{ addFindingHref: null }] });
    }
  });

  it('offers each inspection’s "Change" and "Delete" to the plan’s managers while it is open', () => {
    const page = (status: string, manage?: boolean) => planOutlinePage({ plan: { id: 'p1', title: 'Plan', status }, role: 'board', inspections: [inspection], notices: [], findings: [], links: [], manage });
    expect(page('active', true).inspections[0]).toMatchObject({ changeHref: '/inspections/i1/edit', deleteHref: '/inspections/i1/delete' });
    for (const closedOrReader of [page('closed', true), page('active', false), page('active')]) {
      expect(closedOrReader.inspections[0]).toMatchObject({ changeHref: null, deleteHref: null });
    }
  });

  it('offers each finding’s "Change" and "Delete" to the plan’s managers while it is open', () => {
    const page = (status: string, manage?: boolean) =>
      planOutlinePage({ plan: { id: 'p1', title: 'Plan', status }, role: 'board', inspections: [inspection], notices: [], findings: [finding('f1', 'QS-1')], links: [], manage });
    expect(page('active', true).inspections[0].findings[0]).toMatchObject({ changeHref: '/findings/f1/edit', deleteHref: '/findings/f1/delete' });
    for (const closedOrReader of [page('closed', true), page('active', false), page('active')]) {
      expect(closedOrReader.inspections[0].findings[0]).toMatchObject({ changeHref: null, deleteHref: null });
    }
  });

  it('offers "Add a notice", "Add a workstream", each notice’s "Change", "Change status" and "Delete" and each workstream’s "Change" and "Delete" (not the regulator deadlines’ RD’s) to the plan’s managers while it is open', () => {
    const ws = { id: 'w1', code: 'KO1', title: 'Workstream KO1', description: '', leadRole: null, sortOrder: 1, version: 1, createdAt: '', updatedAt: '' };
    const page = (status: string, manage?: boolean) =>
      planOutlinePage({
        plan: { id: 'p1', title: 'Plan', status },
        role: 'board',
        inspections: [inspection],
        notices: [notice, { ...notice, id: 'n2', inspectionId: null }],
        findings: [],
        links: [],
        workstreams: [ws, { ...ws, id: 'rd', code: 'RD', title: 'Regulator deadlines' }],
        manage,
      });
    expect(page('active', true)).toMatchObject({
      addNoticeHref: '/plans/p1/notices/new',
      addWorkstreamHref: '/plans/p1/workstreams/new',
      inspections: [{ notices: [{ changeHref: '/notices/n1/edit', changeStatusHref: '/notices/n1/status', deleteHref: '/notices/n1/delete' }] }],
      otherNotices: [{ changeHref: '/notices/n2/edit', changeStatusHref: '/notices/n2/status', deleteHref: '/notices/n2/delete' }],
      workstreams: [{ changeHref: '/workstreams/w1/edit', deleteHref: '/workstreams/w1/delete' }, { changeHref: '/workstreams/rd/edit', deleteHref: null }],
    });
    for (const closedOrReader of [page('closed', true), page('active', false), page('active')]) {
      expect(closedOrReader).toMatchObject({
        addNoticeHref: null,
        addWorkstreamHref: null,
        inspections: [{ notices: [{ changeHref: null, changeStatusHref: null, deleteHref: null }] }],
        otherNotices: [{ changeHref: null, changeStatusHref: null, deleteHref: null }],
        workstreams: [{ changeHref: null, deleteHref: null }, { changeHref: null, deleteHref: null }],
      });
    }
  });

  it('shows each notice’s status history from the grouped read, oldest first, and its kind apart from its title', () => {
    const history = new Map([
      [
        'n1',
        [
          { fromStatus: null, toStatus: 'open', changedOn: '2025-07-01', changedById: 'u1', changedByName: 'Avery Boardman', note: '', recordedAt: '2025-07-02T09:00:00.000Z' },
          { fromStatus: 'open', toStatus: 'downgraded', changedOn: '2026-11-20', changedById: null, changedByName: null, note: 'After the monitoring visit', recordedAt: '2026-11-20T09:00:00.000Z' },
        ],
      ],
    ]) as Parameters<typeof planOutlinePage>[0]['statusHistories'];
    const titled = { ...notice, title: 'Section 50 notice: failure to discharge Care Act safeguarding duties' };
    const page = planOutlinePage({ plan: { id: 'p1', title: 'Plan', status: 'active' }, role: 'owner', inspections: [inspection], notices: [titled], statusHistories: history, findings: [], links: [] });
    const [n] = page.inspections[0].notices;
    expect(n).toMatchObject({ kind: 'Section 50 notification', title: 'Section 50 notice: failure to discharge Care Act safeguarding duties', status: 'Downgraded' });
    expect(n.history).toEqual([
      { status: 'Open', changedOn: '2025-07-01', by: 'recorded by Avery Boardman', note: '' },
      { status: 'Downgraded', changedOn: '2026-11-20', by: null, note: 'After the monitoring visit' },
    ]);
    // A notice with no history in the read (none written before history was kept) shows none.
    expect(planOutlinePage({ plan: { id: 'p1', title: 'Plan', status: 'active' }, role: 'owner', inspections: [inspection], notices: [notice], findings: [], links: [] }).inspections[0].notices[0].history).toEqual([]);
  });

  it('lists the plan’s workstreams in the order given, each with its anchor', () => {
    const ws = (id: string, code: string, leadRole: string | null) => ({ id, code, title: `Workstream ${code}`, description: '', leadRole, sortOrder: 1, version: 1, createdAt: '', updatedAt: '' });
    const page = planOutlinePage({ plan: { id: 'p1', title: 'Plan', status: 'active' }, role: 'owner', inspections: [], notices: [], findings: [], links: [], workstreams: [ws('w1', 'KO1', 'Principal Social Worker'), ws('w2', 'KO2', null)] });
    expect(page.workstreams).toEqual([
      { anchor: 'workstream-w1', code: 'KO1', title: 'Workstream KO1', description: '', leadRole: 'Principal Social Worker', changeHref: null, deleteHref: null },
      { anchor: 'workstream-w2', code: 'KO2', title: 'Workstream KO2', description: '', leadRole: null, changeHref: null, deleteHref: null },
    ]);
    expect(planOutlinePage({ plan: { id: 'p1', title: 'Plan', status: 'active' }, role: 'owner', inspections: [], notices: [], findings: [], links: [] }).workstreams).toEqual([]);
  });
});
