import { auditOf } from './support/inspections-api';
import { bearer, TestApp, TestOrganisation, TestUser } from './support/test-app';

/**
 * Issue 13: an organisation's scrutiny report wording, set by its administrators, validated,
 * audited, and the defaults while it is unset.
 */
describe('organisation report wording (real PostgreSQL)', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let other: TestOrganisation;
  let board: TestUser;
  const path = '/api/v1/organisation/report-wording';

  beforeAll(async () => {
    t = await TestApp.start();
    org = await t.createOrganisation('Wirral Council');
    other = await t.createOrganisation('Sefton Council');
    board = await t.createUser(org, 'board');
  });

  afterAll(() => t.close());

  it('unset: version 0, every setting null, and the defaults that apply', async () => {
    const res = await t.http().get(path).set(bearer(org.admin)).expect(200);
    expect(res.body.version).toBe(0);
    expect(res.body.updatedAt).toBeNull();
    expect(Object.values(res.body.settings).every((v) => v === null)).toBe(true);
    expect(res.body.defaults.contactOfficerRole).toBe('Improvement Programme Lead');
    expect(res.body.defaults.glossary.map((g: { term: string }) => g.term)).toEqual(expect.arrayContaining(['Section 42 enquiry', 'Making Safeguarding Personal']));
  });

  it('only administrators read or change it (403 for a board member)', async () => {
    await t.http().get(path).set(bearer(board)).expect(403);
    await t.http().put(path).set(bearer(board)).send({ contactOfficerRole: 'Head of Service' }).expect(403);
  });

  it('bad input is a 400 naming each field', async () => {
    const res = await t
      .http()
      .put(path)
      .set(bearer(org.admin))
      .send({ contactMailbox: 'not-an-address', reportOfRole: 'x'.repeat(201), glossary: [{ term: '' }], colour: 'red' })
      .expect(400);
    expect(res.body.code).toBe('validation_failed');
    const fields = (res.body.details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['contactMailbox', 'reportOfRole', 'glossary.0.term', 'glossary.0.meaning', 'colour']));
  });

  it('PUT replaces the wording, audited with before and after; a stale version is a 409; another organisation keeps its defaults', async () => {
    const body = {
      reportOfRole: 'Director of Adult Social Services (DASS)',
      contactOfficerRole: 'Head of Adult Social Care Improvement',
      contactMailbox: 'asc.improvement@wirral.example.gov.uk',
      financialImplications: 'The improvement programme is funded from the £1.2m transformation reserve agreed by Cabinet.',
      glossary: [{ term: 'ASC', meaning: 'Adult social care.' }],
    };
    const first = await t.http().put(path).set(bearer(org.admin)).send(body).expect(200);
    expect(first.body.version).toBe(1);
    expect(first.body.settings).toMatchObject({ ...body, legalImplications: null });
    const events = await auditOf(t, org.admin, 'report_wording', org.id);
    expect(events[0]).toMatchObject({ action: 'create' });
    expect(JSON.stringify(events[0].changes)).toContain('transformation reserve');

    await t.http().put(path).set(bearer(org.admin)).send({ version: 0, legalImplications: 'x' }).expect(409);
    const second = await t.http().put(path).set(bearer(org.admin)).send({ version: 1, contactOfficerRole: 'Head of Improvement' }).expect(200);
    expect(second.body.version).toBe(2);
    // PUT replaces: what was left out goes back to its default.
    expect(second.body.settings).toMatchObject({ contactOfficerRole: 'Head of Improvement', financialImplications: null, reportOfRole: null });

    const theirs = await t.http().get(path).set(bearer(other.admin)).expect(200);
    expect(theirs.body.version).toBe(0);
  });
});
