import createClient, { type Client } from 'openapi-fetch';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { AddressInfo } from 'node:net';
import { errorBodyChecker } from '../src/common/openapi/error-body-schema.testing';
import { buildOfflineOpenApiDocument } from '../src/openapi-document';
import type { paths } from './client/api';
import { makePdf } from './support/evidence-fixtures';
import { TEST_PASSWORD, TestApp, type TestOrganisation, type TestUser } from './support/test-app';

/**
 * What an integrator does: take the OpenAPI document the server publishes, generate a typed client
 * (openapi-typescript, committed as test/client/api.d.ts) and drive a board cycle with it through
 * openapi-fetch over real HTTP. Every path, parameter and body below is checked by `tsc` against the
 * generated types, so a drift between the document and the server fails the build or this test.
 */

/** The routes the cycle uses, in one place: a plan's lists and creates under /plans/{planId}, single rows flat. */
const ROUTES = {
  login: '/auth/login',
  plans: '/plans',
  member: '/plans/{planId}/members/{userId}',
  regulators: '/regulators',
  inspections: '/plans/{planId}/inspections',
  findings: '/plans/{planId}/findings',
  workstreams: '/plans/{planId}/workstreams',
  actions: '/plans/{planId}/actions',
  action: '/actions/{id}',
  actionUpdates: '/actions/{id}/updates',
  actionEvidence: '/actions/{id}/evidence',
  evidenceReview: '/evidence/{id}/review',
  recompute: '/plans/{planId}/rag/recompute',
  job: '/jobs/{id}',
  packs: '/plans/{planId}/packs',
  pack: '/packs/{id}',
  packFile: '/packs/{id}/files/{format}',
} as const satisfies Record<string, keyof paths>;

const TODAY = '2026-11-23';

describe('the typed client generated from the OpenAPI document', () => {
  let t: TestApp;
  let served: OpenAPIObject;
  let baseUrl: string;
  let org: TestOrganisation;
  let board: TestUser;
  let reviewer: TestUser;
  let owner: TestUser;
  let cyclePlanId: string;

  /** A client signed in through the API itself, as an integrator's would be. */
  async function signedIn(user: TestUser): Promise<Client<paths>> {
    const anonymous = createClient<paths>({ baseUrl });
    const { data, error } = await anonymous.POST(ROUTES.login, { body: { email: user.email, password: TEST_PASSWORD } });
    if (!data) throw new Error(`login failed: ${JSON.stringify(error)}`);
    return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${data.accessToken}` } });
  }

  async function waitForJob(client: Client<paths>, jobId: string): Promise<void> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { data } = await client.GET(ROUTES.job, { params: { path: { id: jobId } } });
      if (data?.state === 'completed') return;
      if (data?.state === 'failed') throw new Error(`job ${jobId} failed: ${data.failedReason}`);
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${data?.state}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    t = await TestApp.start({ worker: true, now: `${TODAY}T10:00:00Z` });
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    served = (await (await fetch(`http://127.0.0.1:${port}/api/docs-json`)).json()) as OpenAPIObject;
    // The base URL is the document's own server, as a client generator would take it.
    baseUrl = new URL(served.servers![0].url, `http://127.0.0.1:${port}`).toString().replace(/\/$/, '');
    org = await t.createOrganisation('Warrington Borough Council');
    board = await t.createUser(org, 'board');
    reviewer = await t.createUser(org, 'board');
    owner = await t.createUser(org, 'owner');
  }, 120_000);
  afterAll(() => t?.close());

  it('is generated from the document the server publishes (the offline export is the same document)', async () => {
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    expect(served).toEqual(await buildOfflineOpenApiDocument());
  });

  it('walks a board cycle: plan, update, evidence, review, RAG, pack', async () => {
    // 0. The council's administrator opens a plan and gives people their roles in it.
    const admin = await signedIn(org.admin);
    const plan = await admin.POST(ROUTES.plans, {
      body: { title: 'Adult social care improvement plan 2026', serviceArea: 'adult_social_care', programmeLead: 'Director of Adult Social Services' },
    });
    expect(plan.response.status).toBe(201);
    const planId = plan.data!.id;
    cyclePlanId = planId;
    for (const [user, role] of [[board, 'board'], [reviewer, 'board'], [owner, 'owner']] as const) {
      const member = await admin.PUT(ROUTES.member, { params: { path: { planId, userId: user.id } }, body: { role } });
      expect(member.response.status).toBe(200);
    }
    const lead = await signedIn(board);

    // 1. The plan: an inspection, its finding, a workstream and an action with a milestone.
    const regulators = await lead.GET(ROUTES.regulators, { params: { query: {} } });
    const cqc = regulators.data!.items.find((r) => r.code === 'cqc')!;
    const inPlan = { params: { path: { planId } } };
    const inspection = await lead.POST(ROUTES.inspections, {
      ...inPlan,
      body: { regulatorId: cqc.id, kind: 'cqc_la_assessment', title: 'CQC assessment of adult social care 2025', startDate: '2025-03-03' },
    });
    expect(inspection.response.status).toBe(201);
    const finding = await lead.POST(ROUTES.findings, {
      ...inPlan,
      body: { inspectionId: inspection.data!.id, reference: 'QS-SAFE-01', title: 'Safeguarding: significant shortfalls', type: 'area_for_priority_action' },
    });
    const workstream = await lead.POST(ROUTES.workstreams, { ...inPlan, body: { code: 'KO1', title: 'Improved safeguarding practice' } });
    const created = await lead.POST(ROUTES.actions, {
      ...inPlan,
      body: {
        reference: 'A1.1',
        title: 'Review every case raised through the online safeguarding form',
        workstreamId: workstream.data!.id,
        findingIds: [finding.data!.id],
        ownerId: owner.id,
        startDate: '2026-09-01',
        dueDate: '2027-03-31',
        milestones: [{ title: 'Audit fieldwork complete', dueDate: '2027-01-31' }],
      },
    });
    expect(created.response.status).toBe(201);
    const action = created.data!;

    // 2. The lead updates it, with the version read (optimistic locking); its owner posts a progress update.
    const updated = await lead.PATCH(ROUTES.action, { params: { path: { id: action.id } }, body: { status: 'in_progress', version: action.version } });
    expect(updated.data).toMatchObject({ status: 'in_progress', version: action.version + 1 });
    const ownerClient = await signedIn(owner);
    const progress = await ownerClient.POST(ROUTES.actionUpdates, {
      params: { path: { id: action.id } },
      body: { narrative: 'Half of the cases reviewed; no new risks found.', progressPercent: 50 },
    });
    expect(progress.response.status).toBe(201);

    // 3. The owner uploads evidence (multipart: openapi-typescript types a binary field as a string, so the file goes in through the serializer).
    const pdf = await makePdf('Case review audit, November 2026');
    const uploaded = await ownerClient.POST(ROUTES.actionEvidence, {
      params: { path: { id: action.id } },
      body: { title: 'Case review audit', file: 'case-review-audit.pdf' },
      bodySerializer: (body) => {
        const form = new FormData();
        form.append('title', body.title);
        form.append('file', new Blob([pdf], { type: 'application/pdf' }), body.file);
        return form;
      },
    });
    expect(uploaded.error).toBeUndefined();
    expect(uploaded.response.status).toBe(201);
    expect(uploaded.data).toMatchObject({ reviewState: 'submitted', sizeBytes: pdf.length });

    // 4. Another board member reviews it.
    const reviewed = await (await signedIn(reviewer)).POST(ROUTES.evidenceReview, {
      params: { path: { id: uploaded.data!.id } },
      body: { decision: 'accepted', comment: 'Covers every case on the list' },
    });
    expect(reviewed.data).toMatchObject({ reviewState: 'accepted' });

    // 5. Recompute RAG (202 and a job to poll).
    const recompute = await lead.POST(ROUTES.recompute, { ...inPlan, body: { asOf: TODAY } });
    expect(recompute.response.status).toBe(202);
    await waitForJob(lead, recompute.data!.jobId);
    const coloured = await lead.GET(ROUTES.action, { params: { path: { id: action.id } } });
    expect(coloured.data!.rag).toMatchObject({ colour: 'green', reasons: [expect.objectContaining({ text: 'on track' })] });

    // 6. Generate the board pack, poll its job, and download the PDF.
    const requested = await lead.POST(ROUTES.packs, { ...inPlan, body: { audience: 'board', asOf: TODAY, formats: ['pdf'] } });
    expect(requested.response.status).toBe(202);
    await waitForJob(lead, requested.data!.jobId);
    const pack = await lead.GET(ROUTES.pack, { params: { path: { id: requested.data!.id } } });
    expect(pack.data).toMatchObject({ state: 'ready', files: [expect.objectContaining({ format: 'pdf' })] });
    const file = await lead.GET(ROUTES.packFile, { params: { path: { id: requested.data!.id, format: 'pdf' } }, parseAs: 'arrayBuffer' });
    expect(file.response.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(file.data as ArrayBuffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 240_000);

  it('gets error bodies that validate against the documented error schema (400, 401, 404, 409)', async () => {
    const check = errorBodyChecker(served);
    const lead = await signedIn(board);
    const anonymous = createClient<paths>({ baseUrl });
    // The plan the cycle above opened and filled.
    const planId = cyclePlanId;
    const actions = await lead.GET(ROUTES.actions, { params: { path: { planId }, query: {} } });
    const action = actions.data!.items[0];

    const invalid = await lead.POST(ROUTES.actions, {
      params: { path: { planId } },
      body: { reference: 'A9', title: 'x', workstreamId: action.workstream.id, findingIds: [], ownerId: owner.id, dueDate: 'next spring' },
    });
    const unauthenticated = await anonymous.GET(ROUTES.actions, { params: { path: { planId }, query: {} } });
    const missing = await lead.GET(ROUTES.action, { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } });
    const stale = await lead.PATCH(ROUTES.action, { params: { path: { id: action.id } }, body: { title: 'Stale edit', version: action.version - 1 } });
    const seen = [invalid, unauthenticated, missing, stale].map(({ response, error }) => ({ status: response.status, code: error?.code, problems: check(error) }));
    expect(seen).toEqual([
      { status: 400, code: 'validation_failed', problems: [] },
      { status: 401, code: 'unauthenticated', problems: [] },
      { status: 404, code: 'not_found', problems: [] },
      { status: 409, code: 'stale_version', problems: [] },
    ]);
    expect(invalid.error!.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'dueDate' })]));
    // A public operation with no error of its own still answers a malformed JSON body with the error body (its documented 400).
    const malformed = await t.http().get('/api/v1/health').set('Content-Type', 'application/json').send('{"oops"');
    expect({ status: malformed.status, code: malformed.body.code, problems: check(malformed.body) }).toEqual({ status: 400, code: 'malformed_json', problems: [] });
  });
});
