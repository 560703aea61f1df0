import type { AddressInfo } from 'node:net';
import { connect, Socket } from 'node:net';
import { seedAction, seedPlanBasics } from './support/plan-fixtures';
import { TestApp, TestUser } from './support/test-app';

/** A body that trickles in is cut off at its deadline with a 408, not held for ever (issue 11). */
describe('request timeouts (REQUEST_TIMEOUT_MS, UPLOAD_TIMEOUT_MS)', () => {
  let t: TestApp;
  let port: number;
  let owner: TestUser;
  let uploadPath: string;

  beforeAll(async () => {
    t = await TestApp.start({ env: { REQUEST_TIMEOUT_MS: '500', UPLOAD_TIMEOUT_MS: '2500' } });
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    const org = await t.createOrganisation();
    owner = await t.createUser(org, 'owner');
    const action = await seedAction(t.dataSource, org.id, await seedPlanBasics(t.dataSource, org.id), { ownerId: owner.id });
    uploadPath = `/api/v1/actions/${action.id}/evidence`;
  });

  afterAll(() => t.close());

  /** Sends the headers and the first bytes of a body that claims to be longer, and collects what comes back. */
  function slowRequest(contentType: string, path = '/api/v1/auth/login', headers = ''): { socket: Socket; received: () => string; closed: Promise<number> } {
    const started = Date.now();
    let data = '';
    const socket = connect(port, '127.0.0.1');
    socket.on('data', (chunk) => (data += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(Date.now() - started)));
    socket.write(`POST ${path} HTTP/1.1\r\nHost: localhost\r\n${headers}Content-Type: ${contentType}\r\nContent-Length: 100000\r\n\r\n--x\r\n`);
    return { socket, received: () => data, closed };
  }

  it('the server holds headers to REQUEST_TIMEOUT_MS and whole requests to the upload limit', () => {
    const server = t.app.getHttpServer();
    expect(server.headersTimeout).toBe(500);
    expect(server.requestTimeout).toBe(2500);
  });

  it('a JSON body still incomplete after REQUEST_TIMEOUT_MS: 408 request_timeout, connection closed', async () => {
    const r = slowRequest('application/json');
    const elapsed = await r.closed;
    expect(r.received()).toMatch(/^HTTP\/1\.1 408/);
    expect(r.received()).toContain('"code":"request_timeout"');
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(2000);
  });

  it('an upload (multipart) has its own, longer deadline', async () => {
    const r = slowRequest('multipart/form-data; boundary=x', uploadPath, `Authorization: Bearer ${owner.token}\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(r.received()).toBe('');
    const elapsed = await r.closed;
    expect(r.received()).toMatch(/^HTTP\/1\.1 408/);
    expect(elapsed).toBeGreaterThanOrEqual(2400);
  });

  it('ordinary requests are not affected', async () => {
    await t.http().get('/api/v1/health').expect(200);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await t.http().post('/api/v1/auth/login').send({ email: 'nobody@example.gov.uk', password: 'x' }).expect(401);
  });
});
