import { seedAction, seedPlanBasics, type PlanFixture } from './support/plan-fixtures';
import { binaryParser, docxParagraphs, pdfText, POPPLER } from './support/packs-readers';
import { insertEvidence } from './support/rag-fixtures';
import { waitForJob as waitForJobOf, waitForPack as waitForPackOf } from './support/wait-for';
import { bearer, inPlan, TestApp, type TestOrganisation, type TestUser } from './support/test-app';

/**
 * Issue 13, read as a committee clerk and a board chair would: the scrutiny pack is a complete
 * committee report (in PDF and DOCX, sections in order, what was achieved with its closing narrative,
 * the organisation's wording), Section 50 is a notification followed by the minister's letter with
 * no regulator deadline, and the board pack asks its decisions, shows rejected evidence with the
 * reviewer's role and comment, every override over the rules' colour, and what was completed.
 */
const TODAY = '2026-11-23';
const CLOSING = 'All 1,303 cases reviewed. No instances of harm identified.';

const SCRUTINY_SECTIONS = [
  '1. Purpose of the report',
  '2. Recommendations',
  '3. Reasons for the recommendations',
  '4. Background',
  '5. Summary',
  '6. Progress by key outcome',
  '7. Key risks and what is being done',
  '8. Implications',
  '9. Next steps',
  'Appendix A: Action tracker',
  'Appendix B: Progress against regulator findings and notices',
  'Appendix C: RAG key',
  'Appendix D: Glossary',
];

const flat = (text: string) => text.replace(/\s+/g, ' ');

function expectInOrder(text: string, items: readonly string[]): void {
  const at = items.map((h) => text.indexOf(h));
  expect(items.filter((_, i) => at[i] < 0)).toEqual([]);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
}

describe('the committee report and the board questions (real PostgreSQL, worker in process)', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let board: TestUser;
  let reviewer: TestUser;
  let owner: TestUser;
  const ids: Record<string, string> = {};
  const texts: Record<string, string> = {};
  const itPoppler = POPPLER ? it : it.skip;

  const download = async (id: string, format: string): Promise<Buffer> =>
    (await t.http().get(`/api/v1/packs/${id}/files/${format}`).set(bearer(board)).buffer(true).parse(binaryParser).expect(200)).body as Buffer;

  async function pack(audience: 'board' | 'scrutiny'): Promise<string> {
    const res = await t.http().post(inPlan(board.planId, 'packs')).set(bearer(board)).send({ audience, asOf: TODAY }).expect(202);
    const done = await waitForPackOf<{ state: string; failureReason: string | null }>(t, board, res.body.id as string);
    expect(done).toMatchObject({ state: 'ready', failureReason: null });
    return res.body.id as string;
  }

  beforeAll(async () => {
    t = await TestApp.start({ worker: true, now: `${TODAY}T10:00:00Z` });
    org = await t.createOrganisation('Eastmoor Borough Council');
    board = await t.createUser(org, 'board', { name: 'Nadia Fenwick', jobTitle: 'Director of Adult Social Services (DASS)' });
    reviewer = await t.createUser(org, 'board', { name: 'Oscar Pellow', jobTitle: 'Head of Quality Assurance' });
    owner = await t.createUser(org, 'owner', { name: 'Ruth Amberley', jobTitle: 'Head of Safeguarding Adults' });
    const ds = t.dataSource;
    const plan: PlanFixture = await seedPlanBasics(ds, org.id);
    await ds.query(`UPDATE plan SET target_date = '2026-07-31' WHERE id = $1`, [plan.planId]);
    await ds.query(
      `UPDATE inspection SET quality_statement_scores = $2 WHERE id = $1`,
      [
        plan.inspectionId,
        JSON.stringify({
          assessing_needs: 2,
          supporting_healthier_lives: 2,
          equity_in_experience_and_outcomes: 2,
          care_provision_integration_continuity: 2,
          partnerships_and_communities: 3,
          safe_pathways_systems_transitions: 2,
          safeguarding: 1,
          governance_management_sustainability: 2,
          learning_improvement_innovation: 2,
        }),
      ],
    );
    const notice = async (kind: string, title: string, issued: string, failings: string, requirements: string) =>
      (
        await ds.query(
          `INSERT INTO notice (plan_id, organisation_id, kind, title, inspection_id, issued_on, deadline, failings, requirements, version)
           VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, 1) RETURNING id`,
          [plan.planId, org.id, kind, title, plan.inspectionId, issued, failings, requirements],
        )
      )[0].id as string;
    const s50 = await notice('section_50', 'Section 50 notification on adult safeguarding', '2025-07-01', 'The council is failing to discharge its safeguarding duties under the Care Act 2014.', '');
    await notice('ministerial_letter', 'Letter from the Minister for Care', '2025-07-20', '', 'Review every concern raised through the online form and report progress quarterly.');
    await ds.query(`UPDATE finding SET notice_id = $1 WHERE id = $2`, [s50, plan.findingId]);

    const update = (actionId: string, date: string, narrative: string) =>
      ds.query(
        `INSERT INTO progress_update (organisation_id, action_id, author_id, update_date, narrative, status_at_time, progress_percent_at_time)
         VALUES ($1, $2, $3, $4, $5, 'in_progress', 60)`,
        [org.id, actionId, owner.id, date, narrative],
      );
    const a1 = await seedAction(ds, org.id, plan, {
      ownerId: owner.id,
      reference: 'A1',
      title: 'Review every online safeguarding referral',
      status: 'complete',
      progressPercent: 100,
      milestones: [{ title: 'Cases reviewed', dueDate: '2026-11-10', completedOn: '2026-11-09' }],
    });
    await ds.query(`UPDATE action SET completed_on = '2026-11-12' WHERE id = $1`, [a1.id]);
    await update(a1.id, '2026-11-12', CLOSING);
    await insertEvidence(ds, { organisationId: org.id, actionId: a1.id, uploadedById: owner.id, uploadedAt: '2026-11-12T09:00:00Z', state: 'accepted', title: 'Case review report' });
    await ds.query(`UPDATE evidence SET reviewed_at = '2026-11-13T09:00:00Z', reviewed_by_id = $1 WHERE action_id = $2`, [reviewer.id, a1.id]);

    const a2 = await seedAction(ds, org.id, plan, { ownerId: owner.id, reference: 'A2', title: 'Train staff in Making Safeguarding Personal', status: 'blocked' });
    await update(a2.id, '2026-11-18', 'Training provider contract ended; a new provider is being procured.');
    const rejected = await insertEvidence(ds, { organisationId: org.id, actionId: a2.id, uploadedById: owner.id, uploadedAt: '2026-11-02T09:00:00Z', state: 'rejected', title: 'Attendance records' });
    await ds.query(`UPDATE evidence SET reviewed_at = '2026-11-05T09:00:00Z', reviewed_by_id = $1, review_comment = $2 WHERE id = $3`, [
      reviewer.id,
      'Attendance is shown but not against the staff list; add the denominator.',
      rejected,
    ]);

    const a3 = await seedAction(ds, org.id, plan, { ownerId: owner.id, reference: 'A3', title: 'Audit section 42 enquiries with police input', milestones: [{ title: 'Audit sample', dueDate: '2026-10-01' }] });
    await insertEvidence(ds, { organisationId: org.id, actionId: a3.id, uploadedById: owner.id, uploadedAt: '2026-10-20T09:00:00Z', title: 'Audit tool' });
    ids.a3 = a3.id;

    await t.http().put('/api/v1/organisation/report-wording').set(bearer(org.admin)).send({
      committeeName: 'Adult Social Care and Public Health Committee',
      contactOfficerRole: 'Head of Adult Social Care Improvement',
      contactMailbox: 'asc.improvement@eastmoor.example.gov.uk',
      financialImplications: 'The programme is funded from the transformation reserve agreed by Cabinet in March.',
    }).expect(200);

    // A month ago and today, as the nightly runs would have left them (the trend needs two dates).
    for (const asOf of ['2026-10-26', TODAY]) {
      const recompute = await t.http().post(inPlan(board.planId, 'rag/recompute')).set(bearer(board)).send({ asOf }).expect(202);
      await waitForJobOf(t, board, recompute.body.jobId as string);
    }
    await t.http().post(`/api/v1/actions/${ids.a3}/rag-override`).set(bearer(board)).send({ colour: 'amber', reason: 'Audit rescheduled with the police', expiresOn: '2026-12-01' }).expect(201);
    const again = await t.http().post(inPlan(board.planId, 'rag/recompute')).set(bearer(board)).send({ asOf: TODAY }).expect(202);
    await waitForJobOf(t, board, again.body.jobId as string);

    ids.scrutiny = await pack('scrutiny');
    ids.board = await pack('board');
  }, 240_000);

  afterAll(() => t?.close());

  itPoppler('the scrutiny PDF is a committee report: front sheet, every section in order, the achievement and the wording', async () => {
    const text = flat(pdfText(await download(ids.scrutiny, 'pdf')));
    texts.scrutinyPdf = text;
    expectInOrder(text, ['Committee Adult Social Care and Public Health Committee', 'Date of meeting', 'Report of Director of Adult Social Services', 'Contact officer Head of Adult Social Care Improvement, asc.improvement@eastmoor.example.gov.uk', ...SCRUTINY_SECTIONS]);
    expect(text).not.toContain('(DASS)');
    expect(text).toContain(CLOSING);
    expect(text).toContain('The programme is funded from the transformation reserve agreed by Cabinet in March.');
    expect(text).toContain('Section 42 enquiry');
    expect(text).toContain('Making Safeguarding Personal');
    // CQC: nine quality statement scores and the percentage.
    expect(text).toContain('The 9 quality statements scored 18 out of 36 (50%)');
    // Section 50: the notification and the minister's letter, no regulator deadline; the target date is the council's.
    expect(text).toContain('the CQC’s notification to the Secretary of State under section 50 of the Health and Social Care Act 2008');
    expect(text).toContain('the minister’s letter setting out expectations of the council. It sets no regulator deadline.');
    expect(text).toContain('“Review every concern raised through the online form and report progress quarterly.”');
    expect(text).toContain('The target date of the plan, 31 July 2026, is the council’s own; no regulator deadline applies.');
    expect(text).not.toMatch(/Section 50[^.]*deadline \d/);
    for (const name of ['Nadia', 'Fenwick', 'Oscar', 'Pellow', 'Ruth', 'Amberley']) expect(text).not.toContain(name);
  });

  it('the scrutiny DOCX has the same sections in order and the 1,303-case result', async () => {
    const paragraphs = await docxParagraphs(await download(ids.scrutiny, 'docx'));
    const text = flat(paragraphs.join('\n'));
    expectInOrder(text, SCRUTINY_SECTIONS);
    expect(text).toContain(CLOSING);
    expect(text).toContain('Head of Adult Social Care Improvement');
    expect(text).toContain('The programme is funded from the transformation reserve agreed by Cabinet in March.');
  });

  it('the scrutiny JSON model carries the committee report parts', async () => {
    const model = JSON.parse((await download(ids.scrutiny, 'json')).toString('utf8'));
    expect(model.scrutiny).toMatchObject({
      committeeName: 'Adult Social Care and Public Health Committee',
      reportOf: 'Director of Adult Social Services',
      contactMailbox: 'asc.improvement@eastmoor.example.gov.uk',
    });
    expect(model.scrutiny.achieved[0]).toMatchObject({ reference: 'A1', narrative: CLOSING, completedOn: '2026-11-12' });
  });

  itPoppler('the board PDF asks its decisions, shows rejected evidence with the reviewer and comment, the override over the rules and what was completed', async () => {
    const text = flat(pdfText(await download(ids.board, 'pdf')));
    expectInOrder(text, ['1. Headline position', 'RAG trend', '2. Decisions required of the board', '3. Exceptions: red and amber actions', '4. Completed in the period', 'Appendix A: Full action tracker']);
    // Decisions: the override lapsing soon, the blocked action, the evidence waiting more than 14 days.
    expect(text).toMatch(/A3 Audit section 42 enquiries with police input: the amber override expires on 1 December 2026; underneath, the rules give red/);
    expect(text).toContain('A2 Train staff in Making Safeguarding Personal is blocked');
    expect(text).toMatch(/A3: “Audit tool”, submitted 20 October 2026, has waited 34 days for review/);
    // Rejected evidence: the reviewer's role and comment.
    expect(text).toContain('Rejected evidence: the reviewer’s comments');
    expect(text).toContain('Head of Quality Assurance');
    expect(text).toContain('Attendance is shown but not against the staff list; add the denominator.');
    // Every override with the rules' colour underneath.
    expect(text).toContain('Overrides in force, with the colour the rules give');
    expect(text).toContain('Audit rescheduled with the police');
    // Completed in the period, with its closing narrative.
    expect(text).toContain(CLOSING);
  });
});
