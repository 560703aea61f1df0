import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import type { NextFunction, Response } from 'express';
import { ClsServiceManager } from 'nestjs-cls';
import type { AppConfig } from '../config/app-config';
import type { RequestContextStore } from '../common/request-context/request-context';
import type { RequestWithIds } from '../common/request-context/request-id.middleware';
import { createRootLogger, requestLogMiddleware } from './request-log';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createRootLogger({ LOG_LEVEL: 'info' } as AppConfig, destination) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const cls = ClsServiceManager.getClsService<RequestContextStore>();

function fakeExchange(statusCode: number) {
  const req = { id: 'our-id', clientRequestId: 'their-id', method: 'GET', originalUrl: '/api/v1/plans/p/actions?pageSize=50', readableAborted: false } as unknown as RequestWithIds;
  const res = Object.assign(new EventEmitter(), { statusCode, writableEnded: true }) as unknown as Response;
  return { req, res };
}

describe('the request log (one pino logger, one line per request)', () => {
  it("writes one line per request with pino-http's fields: request, ids, status, time", async () => {
    const { lines, logger } = capture();
    const { req, res } = fakeExchange(200);
    const next = jest.fn() as NextFunction;
    requestLogMiddleware(logger)(req, res, next);
    expect(next).toHaveBeenCalled();
    res.emit('finish');
    res.emit('close');
    await tick();
    expect(lines).toHaveLength(1);
    const { time, pid, hostname, responseTime, ...rest } = lines[0];
    expect([typeof time, typeof pid, typeof hostname, typeof responseTime]).toEqual(['number', 'number', 'string', 'number']);
    expect(Object.keys(lines[0])).toEqual(['level', 'time', 'pid', 'hostname', 'req', 'requestId', 'clientRequestId', 'res', 'responseTime', 'msg']);
    expect(rest).toEqual({
      level: 30,
      req: { id: 'our-id', method: 'GET', url: '/api/v1/plans/p/actions?pageSize=50' },
      requestId: 'our-id',
      clientRequestId: 'their-id',
      res: { statusCode: 200 },
      msg: 'request completed',
    });
  });

  it('a 5xx is "request errored" with an err; health probes are not logged', async () => {
    const { lines, logger } = capture();
    const failed = fakeExchange(503);
    requestLogMiddleware(logger)(failed.req, failed.res, () => undefined);
    failed.res.emit('finish');
    const health = fakeExchange(200);
    (health.req as { originalUrl: string }).originalUrl = '/api/v1/health';
    requestLogMiddleware(logger)(health.req, health.res, () => undefined);
    health.res.emit('finish');
    await tick();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request errored', res: { statusCode: 503 }, err: { type: 'Error', message: 'failed with status code 503' } });
  });

  it('a line logged while a request runs says which request; outside one, nothing is added; secrets are redacted', async () => {
    const { lines, logger } = capture();
    const { req } = fakeExchange(200);
    cls.run(() => {
      cls.set('request', req);
      logger.warn({ context: 'Database', password: 'hunter2', error: { token: 'abc' } }, 'query failed');
    });
    logger.info({ context: 'Worker' }, 'outside');
    await tick();
    expect(lines[0]).toMatchObject({
      req: { id: 'our-id', method: 'GET', url: '/api/v1/plans/p/actions?pageSize=50' },
      requestId: 'our-id',
      clientRequestId: 'their-id',
      context: 'Database',
      password: '[redacted]',
      error: { token: '[redacted]' },
      msg: 'query failed',
    });
    expect(Object.keys(lines[0]).slice(4, 8)).toEqual(['req', 'requestId', 'clientRequestId', 'context']);
    expect(lines[1]).not.toHaveProperty('req');
    expect(lines[1]).not.toHaveProperty('requestId');
    expect(JSON.stringify(lines)).not.toContain('hunter2');
  });
});
