import { COUNT_FAILED_SQL, OutboxRepository } from '../src/notifications/outbox/outbox.repository';
import { bearer, inPlan, TestApp, type TestOrganisation, type TestUser } from './support/test-app';

/**
 * The dashboard's e-mail failures (for the plan's board) among a long history of sent messages: the
 * count reads the failed messages through the (organisation, state) index, not every message the plan
 * ever sent (the outbox keeps them all; counting each state for the dashboard took 78 ms warm with
 * 25,000 messages, the failed count alone 0.3 ms).
 */
const SENT = 20_000;

describe(`dashboard: e-mail failures among ${SENT} sent messages`, () => {
  let t: TestApp;
  let org: TestOrganisation;
  let board: TestUser;

  const insertMessages = (planId: string, state: string, count: number) =>
    t.dataSource.query(
      `INSERT INTO outbox_message (organisation_id, plan_id, recipient_user_id, recipient_address, kind, subject_ref, period, subject, body_text, body_html, state, next_attempt_at)
       SELECT $1, $2::uuid, $3, 'board@example.gov.uk', 'overdue_reminder', $2::text || ':' || $4 || g, '2026-11-23', 'Reminder', 'text', '<p>text</p>', $4, now()
       FROM generate_series(1, $5) g`,
      [org.id, planId, board.id, state, count],
    );

  beforeAll(async () => {
    t = await TestApp.start();
    org = await t.createOrganisation('Trafford Council');
    board = await t.createUser(org, 'board');
    const other = await t.createPlan(org);
    await insertMessages(board.planId, 'sent', SENT);
    await insertMessages(board.planId, 'failed', 2);
    // Another plan's failure is not this plan's.
    await insertMessages(other.id, 'failed', 1);
    await t.asOwner((c) => c.query('ANALYZE outbox_message'));
  }, 120_000);

  afterAll(() => t?.close());

  it("counts the plan's failed messages only, without counting the other states", async () => {
    const repository = t.app.get(OutboxRepository, { strict: false });
    const failed = jest.spyOn(repository, 'countFailed');
    const byState = jest.spyOn(repository, 'countsByState');
    try {
      const res = await t.http().get(inPlan(board.planId, 'dashboard')).set(bearer(board)).expect(200);
      expect(res.body.emailFailures).toBe(2);
      expect(failed).toHaveBeenCalledWith(org.id, board.planId);
      expect(byState).not.toHaveBeenCalled();
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('reads them from the (organisation, state) index, not the sent ones', async () => {
    const plan = await t.dataSource.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${COUNT_FAILED_SQL}`, [org.id, board.planId]);
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index Scan using "?IDX_d1f4e734fe83d5b127277e3d36/);
    expect(text).not.toMatch(/Seq Scan/);
  });
});
