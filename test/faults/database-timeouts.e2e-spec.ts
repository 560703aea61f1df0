import { Writable } from 'node:stream';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { toErrorBody } from '../../src/common/errors/http-error.filter';
import { actionBody, createAction } from '../support/actions-fixtures';
import { eventually } from '../support/evidence-fixtures';
import { seedPlanBasics, type PlanFixture } from '../support/plan-fixtures';
import { bearer, TestApp, TestOrganisation, TestUser } from '../support/test-app';
import { waitedOnBy } from '../support/wait-for';
import { csrfTokenFrom, signInWithAgent } from '../web/support/web-test-app';

const LOCK_TIMEOUT_MS = 1000;
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 2000;
const RETRY_MESSAGE = 'The database did not answer in time, or another change held the records for too long; nothing of this request was saved. Try again.';

interface LogLine {
  level: number;
  msg: string;
  err?: { sqlState?: string };
}

/**
 * The lines logged (warnings and up), one capture for the file: nestjs-pino writes every app's lines
 * with the logger of the first app the process started, so both apps' lines arrive here.
 */
const lines: string[] = [];
const capture = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(chunk.toString('utf8'));
    done();
  },
});

/** The filter's line for a request stopped by a database timeout, once pino has written it (it may come just after the answer). */
async function timeoutLogged(method: string, path: string): Promise<LogLine[]> {
  const mine = () =>
    lines
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LogLine)
      .filter((l) => l.msg === `${method} ${path} stopped by a database timeout`);
  await eventually(() => mine().length > 0, 5_000, 20);
  return mine();
}

/** A TestApp with the database limits in `env`, logging to `capture`. */
const startApp = (env: Record<string, string>): Promise<TestApp> => TestApp.start({ env: { LOG_LEVEL: 'warn', ...env }, logDestination: capture });

/**
 * The API's database sessions carry a statement, lock and idle-in-transaction timeout (short here);
 * the worker's carry none. A request that PostgreSQL gives up on answers 503 database_timeout with
 * Retry-After, on the API and on the web pages, and nothing of it is saved. The test plays the other
 * transaction itself, on a connection of its own: it locks the action's row, sends the request, and
 * waits until PostgreSQL shows the request waiting for that lock (not a timing guess).
 */
describe('faults: database timeouts on the API sessions', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let board: TestUser;
  let owner: TestUser;
  let plan: PlanFixture;

  beforeAll(async () => {
    t = await startApp({
      DATABASE_STATEMENT_TIMEOUT_MS: '5000',
      DATABASE_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS),
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: String(IDLE_IN_TRANSACTION_TIMEOUT_MS),
    });
    org = await t.createOrganisation('Halton Council');
    board = await t.createUser(org, 'board');
    owner = await t.createUser(org, 'owner');
    plan = await seedPlanBasics(t.dataSource, org.id);
  }, 60_000);

  afterAll(() => t.close());

  const newAction = async () => (await createAction(t, board, actionBody(plan, owner.id))).id;
  const row = async (id: string) =>
    (await t.dataSource.query<{ title: string; status: string; version: number }[]>('SELECT title, status, version FROM action WHERE id = $1', [id]))[0];
  const auditEvents = async (id: string) => (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1', [id]))[0].n;

  /** `send()` while the test's own transaction holds the action's row (FOR UPDATE); the lock is let go once it has answered. */
  function whileLocked<T>(actionId: string, send: () => Promise<T>): Promise<T> {
    return t.asOwner(async (c) => {
      await c.query('BEGIN');
      try {
        await c.query('SELECT id FROM action WHERE id = $1 FOR UPDATE', [actionId]);
        const pending = send();
        pending.catch(() => undefined);
        expect(await waitedOnBy(c, 10_000, 10)).toBe(true);
        return await pending;
      } finally {
        await c.query('ROLLBACK');
      }
    });
  }

  it("gives the API's sessions the limits, and the worker's none", async () => {
    const settings = `SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock,
                             current_setting('idle_in_transaction_session_timeout') AS idle`;
    // Every pooled connection has them from its start (libpq's options): one inside a transaction too.
    expect(await t.dataSource.query(settings)).toEqual([{ statement: '5s', lock: '1s', idle: '2s' }]);
    expect(await t.dataSource.transaction((m) => m.query(settings))).toEqual([{ statement: '5s', lock: '1s', idle: '2s' }]);
    const worker = await t.startWorker(['imports']);
    try {
      expect(await worker.get(DataSource).query(settings)).toEqual([{ statement: '0', lock: '0', idle: '0' }]);
    } finally {
      await worker.close();
      // Compiling a testing module makes Nest's TestingLogger the process's logger: give the app's back, for the logs read below.
      t.app.useLogger(t.app.get(Logger));
    }
  });

  it('an API write held up by a row lock past the lock timeout answers 503 database_timeout with Retry-After, and saves nothing; sent again once the lock is gone, it succeeds', async () => {
    const id = await newAction();
    const before = await row(id);
    const eventsBefore = await auditEvents(id);
    const patch = async () => t.http().patch(`/api/v1/actions/${id}`).set(bearer(board)).send({ title: 'Renamed while locked', version: before.version });

    const started = Date.now();
    const refused = await whileLocked(id, patch);
    expect(Date.now() - started).toBeGreaterThanOrEqual(LOCK_TIMEOUT_MS - 50);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'database_timeout',
      message: RETRY_MESSAGE,
      details: { retryAfterSeconds: 5 },
      requestId: expect.any(String),
    });
    // Rolled back: the row and its audit trail are as they were.
    expect(await row(id)).toEqual(before);
    expect(await auditEvents(id)).toBe(eventsBefore);
    // A warning with the SQL state (55P03 lock_not_available), not a 500's error.
    expect(await timeoutLogged('PATCH', `/api/v1/actions/${id}`)).toEqual([expect.objectContaining({ level: 40, err: expect.objectContaining({ sqlState: '55P03' }) })]);

    const again = await patch();
    expect(again.status).toBe(200);
    expect(again.body.title).toBe('Renamed while locked');
  }, 60_000);

  it('a web form held up the same way shows the error page with 503 and Retry-After, no stack, and saves nothing', async () => {
    const id = await newAction();
    const { agent } = await signInWithAgent(t, owner.email);
    const form = await agent.get(`/actions/${id}/edit`).expect(200);
    const before = await row(id);
    const post = async () =>
      agent
        .post(`/actions/${id}/edit`)
        .type('form')
        .send({ _csrf: csrfTokenFrom(form.text), version: before.version, 'was-status': 'not_started', 'was-progressPercent': '0', status: 'in_progress', progressPercent: '40' });

    const refused = await whileLocked(id, post);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.text).toContain('Sorry, there is a problem with the service');
    expect(refused.text).toContain('Try again later.');
    expect(refused.text).not.toMatch(/QueryFailedError|lock timeout|\n\s+at /);
    expect(await row(id)).toEqual(before);

    expect((await post()).status).toBe(303);
    expect((await row(id)).status).toBe('in_progress');
  }, 60_000);

  it("ends a transaction left idle past the limit and releases its locks; its next statement is refused, as database_timeout, and the pool carries on", async () => {
    const id = await newAction();
    let pid = 0;
    let wake!: () => void;
    const woken = new Promise<void>((resolve) => (wake = resolve));
    // A transaction that stops between statements (as a bug that awaited something slow would).
    const leaked = t.dataSource
      .transaction(async (m) => {
        pid = (await m.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid'))[0].pid;
        await m.query('SELECT id FROM action WHERE id = $1 FOR UPDATE', [id]);
        await woken;
        await m.query('SELECT 1');
      })
      .then(
        () => null,
        (err: unknown) => err,
      );
    try {
      expect(await eventually(() => pid !== 0, 10_000, 10)).toBe(true);
      const sessionGone = async () => (await t.asOwner((c) => c.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]))).rowCount === 0;
      expect(await eventually(sessionGone, IDLE_IN_TRANSACTION_TIMEOUT_MS + 10_000, 100)).toBe(true);
      // Its row lock went with the session: an edit goes through at once, while the code that leaked it still waits.
      const { version } = await row(id);
      const edit = await t.http().patch(`/api/v1/actions/${id}`).set(bearer(board)).send({ title: 'Edited after the leak', version });
      expect(edit.status).toBe(200);
    } finally {
      wake();
    }
    const refused = await leaked;
    expect(refused).toBeInstanceOf(Error);
    expect(toErrorBody(refused)).toMatchObject({ statusCode: 503, code: 'database_timeout' });
    expect(await t.dataSource.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  }, 60_000);
});

describe('faults: a statement past the statement timeout on the API sessions (lock timeout off)', () => {
  let t: TestApp;
  let board: TestUser;
  let actionId: string;

  beforeAll(async () => {
    t = await startApp({ DATABASE_STATEMENT_TIMEOUT_MS: '1000', DATABASE_LOCK_TIMEOUT_MS: '0' });
    const org = await t.createOrganisation('Sefton Council');
    board = await t.createUser(org, 'board');
    const owner = await t.createUser(org, 'owner');
    actionId = (await createAction(t, board, actionBody(await seedPlanBasics(t.dataSource, org.id), owner.id))).id;
  }, 60_000);

  afterAll(() => t.close());

  it('answers 503 database_timeout, logged with 57014 (query_canceled)', async () => {
    const [{ version }] = await t.dataSource.query<{ version: number }[]>('SELECT version FROM action WHERE id = $1', [actionId]);
    const refused = await t.asOwner(async (c) => {
      await c.query('BEGIN');
      try {
        await c.query('SELECT id FROM action WHERE id = $1 FOR UPDATE', [actionId]);
        const pending = t.http().patch(`/api/v1/actions/${actionId}`).set(bearer(board)).send({ title: 'Renamed', version }).then((r) => r);
        pending.catch(() => undefined);
        expect(await waitedOnBy(c, 10_000, 10)).toBe(true);
        return await pending;
      } finally {
        await c.query('ROLLBACK');
      }
    });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'database_timeout', message: RETRY_MESSAGE });
    expect(refused.headers['retry-after']).toBe('5');
    expect(await timeoutLogged('PATCH', `/api/v1/actions/${actionId}`)).toEqual([expect.objectContaining({ level: 40, err: expect.objectContaining({ sqlState: '57014' }) })]);
  }, 60_000);
});
