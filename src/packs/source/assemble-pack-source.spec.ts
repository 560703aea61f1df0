import { buildPackModel } from '../model/build-pack-model';
import { assemblePackSource, evidenceAt, ownerRole, periodStartFor } from './assemble-pack-source';
import type { ActionSourceRow, PackRequest, PackSourceRows } from './pack-source-rows';

const request: PackRequest = { audience: 'board', asOf: '2026-11-23', title: 'Wirral Council improvement plan: progress and exception report', generatedAt: '2026-11-23T10:00:00.000Z' };

function action(id: string, extra: Partial<ActionSourceRow> = {}): ActionSourceRow {
  return {
    id,
    reference: id.toUpperCase(),
    title: `Action ${id}`,
    workstreamId: 'ws-1',
    ownerName: 'Priya Raman',
    ownerJobTitle: 'Head of Safeguarding Adults',
    ownerPartnerAgency: null,
    leadAgency: null,
    startDate: '2026-01-05',
    dueDate: '2026-12-31',
    status: 'in_progress',
    progressPercent: 40,
    colour: 'green',
    reasons: [{ code: 'on_track', colour: 'green', text: 'on track' }],
    overridden: false,
    computedColour: null,
    computedReasons: null,
    overrideSetByName: null,
    overrideSetByJobTitle: null,
    overrideSetByPartnerAgency: null,
    overrideSetByRole: null,
    overrideSetOn: null,
    overrideExpiresOn: null,
    previousColour: null,
    latestUpdateDate: null,
    latestUpdateNarrative: null,
    findingIds: ['f-1'],
    ...extra,
  };
}

function rows(extra: Partial<PackSourceRows> = {}): PackSourceRows {
  return {
    organisationName: 'Wirral Council',
    planTitle: 'Wirral Council improvement plan',
    requesterJobTitle: 'Director of Adult Social Services',
    previous: null,
    previousCounts: [],
    trend: [],
    workstreams: [{ id: 'ws-1', title: 'Improved safeguarding practice', sortOrder: 1 }],
    inspections: [
      {
        id: 'i-1',
        kind: 'cqc_la_assessment',
        title: 'CQC assessment of adult social care',
        overallJudgement: 'Requires improvement',
        publishedDate: '2025-06-20',
        regulatorCode: 'cqc',
        regulatorName: 'Care Quality Commission',
        regulatorBuiltIn: true,
      },
    ],
    notices: [{ id: 'n-1', kind: 'section_50', title: 'Section 50 notice: adult safeguarding', deadline: '2026-12-31', status: 'open' }],
    findings: [
      { id: 'f-1', inspectionId: 'i-1', noticeId: 'n-1', reference: 'QS-1', title: 'Safeguarding', theme: 'safeguarding', score: 1, regulatorCode: 'cqc', regulatorBuiltIn: true },
      { id: 'f-2', inspectionId: 'i-1', noticeId: null, reference: 'QS-2', title: 'Pathway', theme: 'made up theme', score: 2, regulatorCode: 'cqc', regulatorBuiltIn: true },
    ],
    actions: [action('a1'), action('a2', { colour: 'red', findingIds: ['f-1', 'f-2', 'f-gone'] })],
    milestones: [],
    evidence: [],
    people: [],
    nextMeeting: null,
    ...extra,
  };
}

describe('ownerRole', () => {
  it('is the job title, else the partner agency, else a neutral role, never a name', () => {
    expect(ownerRole({ ownerJobTitle: ' Principal Social Worker ', ownerPartnerAgency: 'Merseyside Police' })).toBe('Principal Social Worker');
    expect(ownerRole({ ownerJobTitle: '  ', ownerPartnerAgency: 'Merseyside Police' })).toBe('Merseyside Police');
    expect(ownerRole({ ownerJobTitle: null, ownerPartnerAgency: null })).toBe('Action owner');
  });
});

describe('periodStartFor', () => {
  it('starts the day after the previous pack', () => {
    expect(periodStartFor('2026-11-23', { asOf: '2026-11-10', fromPack: true })).toBe('2026-11-11');
  });

  it('looks back at least a board cycle when the previous date is only a snapshot', () => {
    expect(periodStartFor('2026-11-23', { asOf: '2026-11-22', fromPack: false })).toBe('2026-10-26');
    expect(periodStartFor('2026-11-23', { asOf: '2026-09-30', fromPack: false })).toBe('2026-10-01');
  });

  it('is a board cycle back for a first report', () => {
    expect(periodStartFor('2026-11-23', null)).toBe('2026-10-26');
  });
});

describe('evidenceAt', () => {
  const base = { id: 'e-1', actionId: 'a1', title: 'Audit report', uploadedOn: '2026-11-01' };
  it('keeps a decision taken by asOf', () => {
    expect(evidenceAt({ ...base, state: 'accepted', reviewedOn: '2026-11-20' }, '2026-11-23')).toMatchObject({ state: 'accepted', reviewedOn: '2026-11-20' });
  });
  it('shows a decision taken after asOf as still awaited then', () => {
    expect(evidenceAt({ ...base, state: 'rejected', reviewedOn: '2026-11-24' }, '2026-11-23')).toMatchObject({ state: 'submitted', reviewedOn: null });
  });
});

describe('assemblePackSource', () => {
  it('replaces the name of anyone in the organisation by their role in scrutiny packs only', () => {
    const people = [
      { name: 'Priya Raman', role: 'owner' as const, jobTitle: 'Head of Safeguarding Adults', partnerAgency: null },
      { name: 'Helen Carter', role: 'board' as const, jobTitle: null, partnerAgency: null },
      { name: 'Tom Whitfield', role: 'owner' as const, jobTitle: null, partnerAgency: 'Merseyside Police' },
    ];
    const withNames = rows({
      people,
      actions: [
        action('a1', {
          title: 'Audit led by Tom Whitfield',
          reasons: [{ text: 'Held amber by Helen Carter until the audit reports' }],
          latestUpdateDate: '2026-11-20',
          latestUpdateNarrative: 'Helen Carter and Priya Raman reviewed the audit with Tom Whitfield.',
        }),
      ],
      milestones: [{ id: 'm-1', actionId: 'a1', title: 'Sign-off by Helen Carter', dueDate: '2026-12-01', completedOn: null }],
    });
    const scrutiny = assemblePackSource({ ...request, audience: 'scrutiny' }, withNames);
    expect(scrutiny.actions[0].title).toBe('Audit led by the Merseyside Police');
    expect(scrutiny.actions[0].reasons).toEqual(['Held amber by the improvement board member until the audit reports']);
    expect(scrutiny.actions[0].latestUpdate?.narrative).toBe(
      'The improvement board member and the Head of Safeguarding Adults reviewed the audit with the Merseyside Police.',
    );
    expect(scrutiny.milestones[0].title).toBe('Sign-off by the improvement board member');
    const json = JSON.stringify(buildPackModel(scrutiny));
    for (const person of people) expect(json).not.toContain(person.name);

    const board = assemblePackSource(request, withNames);
    expect(board.actions[0].latestUpdate?.narrative).toContain('Helen Carter');
  });

  it('shapes the rows into a source the model builds from', () => {
    const source = assemblePackSource(request, rows());
    expect(source).toMatchObject({
      audience: 'board',
      asOf: '2026-11-23',
      generatedAt: '2026-11-23T10:00:00.000Z',
      organisation: { name: 'Wirral Council' },
      plan: { title: 'Wirral Council improvement plan', reportOfRole: 'Director of Adult Social Services' },
      previous: null,
      nextMeeting: null,
      periodStart: '2026-10-26',
    });
    expect(source.inspections[0]).toMatchObject({ regulator: 'CQC', kind: 'CQC local authority assessment' });
    expect(source.notices[0].kind).toBe('Section 50 notification');
    expect(source.findings.map((f) => [f.id, f.theme, f.actionIds])).toEqual([
      ['f-1', 'Safeguarding', ['a1', 'a2']],
      ['f-2', 'made up theme', ['a2']],
    ]);
    // A link to a finding that is not in the pack (deleted since) is dropped, not warned about in the pack.
    expect(source.actions[1].findingIds).toEqual(['f-1', 'f-2']);
    expect(source.actions[0]).toMatchObject({ ownerName: 'Priya Raman', ownerRole: 'Head of Safeguarding Adults', reasons: ['on track'], latestUpdate: null });
    expect(buildPackModel(source).dataWarnings).toEqual([]);
  });

  it('falls back to a role for "Report of" when the requester has no job title', () => {
    expect(assemblePackSource(request, rows({ requesterJobTitle: null })).plan.reportOfRole).toBe('Programme Lead');
  });

  it('gives the previous counts and up to 11 earlier trend dates, oldest first', () => {
    const trend = Array.from({ length: 14 }, (_, i) => ({ asOf: `2026-11-${String(i + 1).padStart(2, '0')}`, colour: 'green' as const, count: i }));
    const source = assemblePackSource(
      request,
      rows({
        previous: { asOf: '2026-11-14', fromPack: false },
        previousCounts: [
          { asOf: '2026-11-14', colour: 'red', count: 2 },
          { asOf: '2026-11-14', colour: 'green', count: 3 },
        ],
        trend: [...trend].reverse(),
      }),
    );
    expect(source.previous).toEqual({ asOf: '2026-11-14', counts: { red: 2, amber: 0, green: 3, blue: 0, grey: 0 } });
    expect(source.trend.map((p) => p.asOf)).toEqual(trend.slice(3).map((p) => p.asOf));
    expect(source.trend[0].counts.green).toBe(3);
  });

  it('gives the latest update up to asOf as the action\'s update', () => {
    const source = assemblePackSource(request, rows({ actions: [action('a1', { latestUpdateDate: '2026-11-20', latestUpdateNarrative: 'Audit done' })] }));
    expect(source.actions[0].latestUpdate).toEqual({ date: '2026-11-20', narrative: 'Audit done' });
  });
});
