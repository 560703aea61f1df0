import { ActionsService } from '../src/actions/actions.service';
import { ActionQueryDto } from '../src/actions/dto/action-query.dto';
import { ActionEntity } from '../src/actions/entities/action.entity';
import type { AuthUser } from '../src/common/request-context/request-context';
import { UsersRepository } from '../src/users/users.repository';
import { actionBody, createAction, seedFinding, seedInspection, seedNotice, seedWorkstream } from './support/actions-fixtures';
import { seedPlanBasics } from './support/plan-fixtures';
import { bearer, TestApp, TestOrganisation, TestUser, inPlan } from './support/test-app';

describe('actions: list filters, sort and pagination', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let other: TestOrganisation;
  let board: TestUser;
  let owner1: TestUser;
  let owner2: TestUser;
  const ids: Record<string, string> = {};
  let f1: string, f2: string, f3: string, notice: string, cqcInspection: string, ofstedInspection: string, ws1: string, ws2: string;
  let otherFinding: string;

  beforeAll(async () => {
    t = await TestApp.start(); // London today: 2026-11-23
    org = await t.createOrganisation('Cheshire East Council');
    other = await t.createOrganisation('Cheshire West Council');
    board = await t.createUser(org, 'board');
    owner1 = await t.createUser(org, 'owner');
    owner2 = await t.createUser(org, 'owner');
    const ds = t.dataSource;
    cqcInspection = await seedInspection(ds, org.id, 'cqc');
    ofstedInspection = await seedInspection(ds, org.id, 'ofsted');
    notice = await seedNotice(ds, org.id, cqcInspection);
    f1 = await seedFinding(ds, org.id, cqcInspection, { noticeId: notice });
    f2 = await seedFinding(ds, org.id, cqcInspection);
    f3 = await seedFinding(ds, org.id, ofstedInspection);
    ws1 = await seedWorkstream(ds, org.id, 'KO1');
    ws2 = await seedWorkstream(ds, org.id, 'KO2');
    const plan = { inspectionId: cqcInspection, findingId: f1, workstreamId: ws1 };
    const make = async (reference: string, extra: Record<string, unknown>) => {
      ids[reference] = (await createAction(t, board, actionBody(plan, owner1.id, { reference, startDate: '2026-01-05', ...extra }))).id;
    };
    await make('A1.2', { title: 'Front door audit', findingIds: [f1], workstreamId: ws1, ownerId: owner1.id, dueDate: '2026-03-31', status: 'in_progress' });
    await make('A1.10', { title: 'Practice standards', findingIds: [f1, f2], workstreamId: ws1, ownerId: owner1.id, dueDate: '2026-12-31', status: 'not_started' });
    await make('A1.9', { title: 'Supervision policy', findingIds: [f2], workstreamId: ws2, ownerId: owner2.id, dueDate: '2026-06-30', status: 'blocked' });
    await make('A2.1', { title: 'Care leavers offer', findingIds: [f3], workstreamId: ws2, ownerId: owner2.id, dueDate: '2026-10-31', status: 'complete' });
    await make('X_1', { title: 'Clear 100% of the backlog', findingIds: [f2], workstreamId: ws2, ownerId: owner1.id, dueDate: '2027-03-31', status: 'in_progress' });
    const repo = ds.getRepository(ActionEntity);
    await repo.update(ids['A1.2'], { ragColour: 'red' });
    await repo.update(ids['A1.9'], { ragColour: 'red' });
    await repo.update(ids['A2.1'], { ragColour: 'blue' });
    await repo.update(ids['X_1'], { ragColour: 'green' });
    // Another organisation's plan, with the same references, must never show.
    const otherPlan = await seedPlanBasics(ds, other.id);
    otherFinding = otherPlan.findingId;
    await createAction(t, other.admin, actionBody(otherPlan, other.admin.id, { reference: 'A1.2', dueDate: '2026-03-31' }));
  });

  afterAll(() => t.close());

  const refs = async (query: string, user: TestUser = board) => {
    const res = await t.http().get(inPlan(user.planId, `actions?${query}`)).set(bearer(user)).expect(200);
    return res.body.items.map((i: { reference: string }) => i.reference) as string[];
  };

  it('sorts references naturally by default (A1.2, A1.9, A1.10), and descending with -reference', async () => {
    expect(await refs('')).toEqual(['A1.2', 'A1.9', 'A1.10', 'A2.1', 'X_1']);
    expect(await refs('sort=-reference')).toEqual(['X_1', 'A2.1', 'A1.10', 'A1.9', 'A1.2']);
  });

  it('sorts by due date, either way', async () => {
    expect(await refs('sort=dueDate')).toEqual(['A1.2', 'A1.9', 'A2.1', 'A1.10', 'X_1']);
    expect(await refs('sort=-dueDate')).toEqual(['X_1', 'A1.10', 'A2.1', 'A1.9', 'A1.2']);
  });

  it('paginates with the total across pages', async () => {
    const p1 = await t.http().get(inPlan(board.planId, 'actions?pageSize=2&page=1')).set(bearer(board)).expect(200);
    expect(p1.body).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(p1.body.items.map((i: { reference: string }) => i.reference)).toEqual(['A1.2', 'A1.9']);
    const p3 = await t.http().get(inPlan(board.planId, 'actions?pageSize=2&page=3')).set(bearer(board)).expect(200);
    expect(p3.body).toMatchObject({ total: 5, items: [expect.objectContaining({ reference: 'X_1' })] });
    const beyond = await t.http().get(inPlan(board.planId, 'actions?pageSize=2&page=9')).set(bearer(board)).expect(200);
    expect(beyond.body).toMatchObject({ total: 5, items: [] });
    const filtered = await t.http().get(inPlan(board.planId, `actions?pageSize=1&workstreamId=${ws1}`)).set(bearer(board)).expect(200);
    expect(filtered.body).toMatchObject({ total: 2, items: [expect.objectContaining({ reference: 'A1.2' })] });
    await t.http().get(inPlan(board.planId, 'actions?pageSize=201')).set(bearer(board)).expect(400);
  });

  it('list items carry workstream, owner and the stored RAG', async () => {
    const res = await t.http().get(inPlan(owner2.planId, 'actions?pageSize=1')).set(bearer(owner2)).expect(200);
    expect(res.body.items[0]).toMatchObject({
      reference: 'A1.2',
      workstream: { id: ws1, code: 'KO1' },
      owner: { id: owner1.id },
      rag: { colour: 'red', reasons: [], overridden: false },
    });
  });

  it('filters by workstream', async () => {
    expect(await refs(`workstreamId=${ws2}`)).toEqual(['A1.9', 'A2.1', 'X_1']);
  });

  it('filters by finding (an action answering it through any of its links, once)', async () => {
    expect(await refs(`findingId=${f1}`)).toEqual(['A1.2', 'A1.10']);
    expect(await refs(`findingId=${f2}`)).toEqual(['A1.9', 'A1.10', 'X_1']);
    expect(await refs(`findingId=${otherFinding}`)).toEqual([]);
  });

  it('filters by notice and by inspection, through findings', async () => {
    expect(await refs(`noticeId=${notice}`)).toEqual(['A1.2', 'A1.10']);
    expect(await refs(`inspectionId=${cqcInspection}`)).toEqual(['A1.2', 'A1.9', 'A1.10', 'X_1']);
    expect(await refs(`inspectionId=${ofstedInspection}`)).toEqual(['A2.1']);
    expect(await refs(`inspectionId=${ofstedInspection}&noticeId=${notice}`)).toEqual([]);
  });

  it('filters by regulator code', async () => {
    expect(await refs('regulator=ofsted')).toEqual(['A2.1']);
    expect(await refs('regulator=CQC')).toEqual(['A1.2', 'A1.9', 'A1.10', 'X_1']);
    expect(await refs('regulator=hmicfrs')).toEqual([]);
  });

  it('filters by owner', async () => {
    expect(await refs(`ownerId=${owner2.id}`)).toEqual(['A1.9', 'A2.1']);
  });

  it('filters by one or several statuses, repeated or comma-separated', async () => {
    expect(await refs('status=blocked')).toEqual(['A1.9']);
    expect(await refs('status=in_progress&status=blocked')).toEqual(['A1.2', 'A1.9', 'X_1']);
    expect(await refs('status=complete,not_started')).toEqual(['A1.10', 'A2.1']);
  });

  it('filters by one or several stored RAG colours', async () => {
    expect(await refs('ragColour=red')).toEqual(['A1.2', 'A1.9']);
    expect(await refs('ragColour=blue,green')).toEqual(['A2.1', 'X_1']);
  });

  it('filters by due before and due after (both strict)', async () => {
    expect(await refs('dueBefore=2026-06-30')).toEqual(['A1.2']);
    expect(await refs('dueAfter=2026-06-30')).toEqual(['A1.10', 'A2.1', 'X_1']);
    expect(await refs('dueAfter=2026-03-31&dueBefore=2026-12-31')).toEqual(['A1.9', 'A2.1']);
  });

  it('filters overdue at a date: due before it and not complete or embedded', async () => {
    // A2.1 was due 2026-10-31 but is complete: not overdue.
    expect(await refs('overdueAt=2026-11-23')).toEqual(['A1.2', 'A1.9']);
    expect(await refs('overdueAt=2026-06-30')).toEqual(['A1.2']);
    expect(await refs('overdueAt=2027-12-31')).toEqual(['A1.2', 'A1.9', 'A1.10', 'X_1']);
  });

  it('searches reference and title, case-insensitively, with wildcards taken literally', async () => {
    expect(await refs('q=audit')).toEqual(['A1.2']);
    expect(await refs('q=a1.1')).toEqual(['A1.10']);
    expect(await refs(`q=${encodeURIComponent('100%')}`)).toEqual(['X_1']);
    expect(await refs(`q=${encodeURIComponent('%')}`)).toEqual(['X_1']);
    expect(await refs('q=_')).toEqual(['X_1']);
    expect(await refs(`q=${encodeURIComponent('A_.')}`)).toEqual([]);
  });

  it('combines filters', async () => {
    expect(await refs(`workstreamId=${ws2}&status=blocked,complete&ragColour=red`)).toEqual(['A1.9']);
  });

  it('refuses malformed filters with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['status=finished', 'status'],
      ['ragColour=purple', 'ragColour'],
      ['dueBefore=31-12-2026', 'dueBefore'],
      ['overdueAt=2026-02-30', 'overdueAt'],
      ['workstreamId=ws1', 'workstreamId'],
      ['sort=title', 'sort'],
      ['colour=red', 'colour'],
    ]) {
      const res = await t.http().get(inPlan(board.planId, `actions?${query}`)).set(bearer(board)).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it("never lists another organisation's actions", async () => {
    expect(await refs('', other.admin)).toEqual(['A1.2']);
    const res = await t.http().get(inPlan(other.admin.planId, `actions?q=A1.2`)).set(bearer(other.admin)).expect(200);
    expect(res.body.items[0].id).not.toBe(ids['A1.2']);
  });

  // The API sends the page's JSON as PostgreSQL writes it (ActionsService.listJson); the web pages
  // read the same page as rows mapped to ActionSummaryDto (ActionsService.list). The two must be
  // the same text, byte for byte: every field, its order, nulls, calendar dates, timestamps, RAG.
  describe('the JSON text PostgreSQL writes for the page', () => {
    beforeAll(async () => {
      const ds = t.dataSource;
      const repo = ds.getRepository(ActionEntity);
      const reasons = [
        { code: 'overdue', colour: 'red', text: 'overdue by 12 days: "due" 2026-03-31, \\ back\nslash' },
        { code: 'evidence_rejected', colour: 'amber', text: 'é ✓ \u2028 \u0001 tab\tend' },
      ];
      await repo.update(ids['A1.2'], {
        title: 'Front door "audit"\nline two \\ é 😀 \u0007',
        leadAgency: 'Cheshire Police',
        completedOn: '2026-02-28',
        effectivenessCheckDue: '2026-08-31',
        embeddedOn: '2026-09-30',
        ragReasons: reasons as ActionEntity['ragReasons'],
        ragOverridden: true,
        ragComputedColour: 'amber',
        ragComputedReasons: [reasons[1]] as ActionEntity['ragReasons'],
        ragPolicyVersion: 3,
        ragAsOf: '2026-11-22',
        ragComputedAt: new Date('2026-11-22T23:59:58.123Z'),
      });
      // Overridden without a computed colour: computed is null; reasons NULL-free but empty.
      await repo.update(ids['A1.9'], { ragOverridden: true, ragComputedColour: null, ragComputedReasons: null, ragComputedAt: new Date('2026-01-01T00:00:00Z') });
      // A1.10 keeps no colour at all (rag null), no lead agency (null).
      await ds.query(`UPDATE "user" SET job_title = NULL, partner_agency = 'NHS "Cheshire"' WHERE id = $1`, [owner1.id]);
      await ds.query(`UPDATE "user" SET job_title = 'Head of Quality', partner_agency = NULL WHERE id = $1`, [owner2.id]);
    });

    // The query string, and the ActionQueryDto the validation pipe makes of it.
    const queries: [string, Partial<ActionQueryDto>][] = [
      ['', {}],
      ['pageSize=50', { pageSize: 50 }],
      ['sort=-dueDate', { sort: '-dueDate' }],
      ['sort=dueDate&pageSize=2&page=2', { sort: 'dueDate', pageSize: 2, page: 2 }],
      ['sort=-reference', { sort: '-reference' }],
      ['pageSize=2&page=9', { pageSize: 2, page: 9 }],
      ['status=in_progress,blocked', { status: ['in_progress', 'blocked'] }],
      ['ragColour=red', { ragColour: ['red'] }],
      ['overdueAt=2026-11-23', { overdueAt: '2026-11-23' }],
      // Text searches: alone (the page's ids from action_search), two characters (pairs), with another filter, none found.
      ['q=a', { q: 'a' }],
      ['q=A1&sort=-reference', { q: 'A1', sort: '-reference' }],
      ['q=o&status=in_progress,blocked&sort=dueDate', { q: 'o', status: ['in_progress', 'blocked'], sort: 'dueDate' }],
      ['q=zzz', { q: 'zzz' }],
    ];

    it.each(queries)('GET actions?%s: the same bytes as the rows mapped and serialised', async (query, fields) => {
      const res = await t.http().get(inPlan(board.planId, `actions?${query}`)).set(bearer(board)).expect(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      // Never revalidated (no-store): no ETag hashed from every body.
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.etag).toBeUndefined();
      const service = t.app.get(ActionsService);
      const found = (await t.app.get(UsersRepository).findActiveWithPlans(board.id))!;
      const user: AuthUser = { ...found.user, plans: found.plans };
      const dto = Object.assign(new ActionQueryDto(), fields);
      const expected = JSON.stringify(await service.list(user, board.planId, dto));
      if (query !== 'pageSize=2&page=9' && query !== 'q=zzz') expect((JSON.parse(expected) as { items: unknown[] }).items.length).toBeGreaterThan(0);
      expect(res.text).toBe(expected);
      expect(await service.listJson(user, board.planId, dto)).toBe(expected);
    });

    it('shows what the fixture set: overridden colours, computed colour, nulls and dates as calendar dates', async () => {
      const res = await t.http().get(inPlan(board.planId, 'actions')).set(bearer(board)).expect(200);
      const byRef = Object.fromEntries((res.body.items as { reference: string }[]).map((i) => [i.reference, i])) as Record<string, Record<string, unknown>>;
      expect(byRef['A1.2']).toMatchObject({
        title: 'Front door "audit"\nline two \\ é 😀 \u0007',
        leadAgency: 'Cheshire Police',
        startDate: '2026-01-05',
        dueDate: '2026-03-31',
        completedOn: '2026-02-28',
        owner: { id: owner1.id, jobTitle: null, partnerAgency: 'NHS "Cheshire"' },
        rag: {
          colour: 'red',
          overridden: true,
          computed: { colour: 'amber', reasons: [{ code: 'evidence_rejected', colour: 'amber', text: 'é ✓ \u2028 \u0001 tab\tend' }] },
          override: null,
          policyVersion: 3,
          asOf: '2026-11-22',
          computedAt: '2026-11-22T23:59:58.123Z',
        },
      });
      expect(byRef['A1.9']).toMatchObject({ owner: { jobTitle: 'Head of Quality', partnerAgency: null }, rag: { colour: 'red', overridden: true, computed: null } });
      expect(byRef['A1.10']).toMatchObject({ rag: null, leadAgency: null });
      expect(Object.keys(byRef['A1.2'])).toEqual([
        'id', 'reference', 'title', 'workstream', 'owner', 'leadAgency', 'startDate', 'dueDate', 'status', 'progressPercent',
        'completedOn', 'effectivenessCheckDue', 'embeddedOn', 'rag', 'version', 'createdAt', 'updatedAt',
      ]);
    });
  });
});
