import http from 'node:http';
import { join } from 'node:path';
import { OrphanSweeper } from '../../src/maintenance/orphan-sweeper.service';
import { actionBody, createAction } from '../support/actions-fixtures';
import { eventually, listFiles, multipartBody } from '../support/evidence-fixtures';
import { seedPlanBasics } from '../support/plan-fixtures';
import { apiAnswers, Child, childEnv, freePort, startNodeEntry } from '../support/processes';
import { TestApp, TestOrganisation, TestUser } from '../support/test-app';

const HOUR = 3_600_000;

/**
 * kill -9 of a real API process while it stores an upload: the half-written file stays behind
 * (local storage stages under `.partial/` and `tmp/`); the worker's sweep, once the staged file is
 * older than ORPHAN_UPLOAD_AGE_MINUTES, leaves no orphan.
 */
describe('faults: the API is killed mid-upload', () => {
  let t: TestApp;
  let api: Child | null = null;
  let org: TestOrganisation;
  let owner: TestUser;

  beforeAll(async () => {
    t = await TestApp.start({ worker: true, env: { ORPHAN_UPLOAD_AGE_MINUTES: '60' } });
    org = await t.createOrganisation('Bolton Council');
    owner = await t.createUser(org, 'owner');
  });

  afterAll(async () => {
    await api?.kill9();
    await t?.close();
  });

  it('leaves a staged file that the next sweep removes', async () => {
    const board = await t.createUser(org, 'board');
    const plan = await seedPlanBasics(t.dataSource, org.id);
    const action = await createAction(t, board, actionBody(plan, owner.id));
    const port = await freePort();
    api = startNodeEntry('main', {
      ...childEnv(t.config, 'warn'),
      PORT: String(port),
    });
    expect(await eventually(() => apiAnswers(port), 180_000, 250)).toBe(true);

    const data = Buffer.alloc(4 * 1024 * 1024, 0x41);
    data.write('%PDF-1.7\n', 0, 'latin1');
    const { body, contentType } = multipartBody([
      { name: 'title', value: 'Scan sent as the API died' },
      { name: 'file', file: { data, fileName: 'scan.pdf', contentType: 'application/pdf' } },
    ]);
    const req = http.request({
      host: '127.0.0.1',
      port,
      path: `/api/v1/actions/${action.id}/evidence`,
      method: 'POST',
      headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': contentType, 'Content-Length': body.length },
    });
    req.on('error', () => undefined);
    req.write(body.subarray(0, body.length / 2));
    const root = join(t.config.DATA_DIR, 'evidence');
    const staged = () => listFiles(root).filter((f) => f.startsWith('.partial') || f.startsWith('tmp'));
    expect(await eventually(() => staged().length > 0, 60_000, 50)).toBe(true);

    await api.kill9();
    req.destroy();
    expect(staged().length).toBeGreaterThan(0);

    t.clock.set(new Date(Date.now() + 2 * HOUR));
    const report = await t.worker!.get(OrphanSweeper).sweep();
    expect(report.staged.length).toBeGreaterThan(0);
    expect(staged()).toEqual([]);
    expect(listFiles(root).filter((f) => !f.startsWith('.partial') && !f.startsWith('tmp'))).toEqual([]);
  }, 400_000);
});
