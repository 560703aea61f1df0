import { NestExpressApplication } from '@nestjs/platform-express';
import { INestApplicationContext, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Redis from 'ioredis';
import type { DestinationStream } from 'pino';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { FixedClock } from '../../src/common/clock/clock';
import type { Role } from '../../src/common/request-context/request-context';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { configureApp } from '../../src/configure-app';
import { MaintenanceScheduler } from '../../src/maintenance/maintenance-scheduler';
import { NotificationsScheduler } from '../../src/notifications/jobs/notifications.scheduler';
import { OrganisationsService } from '../../src/organisations/organisations.service';
import type { WorkerQueue } from '../../src/queue/queues';
import { WorkerModule } from '../../src/worker.module';
import { createDatabaseFromTemplate, dropDatabase, ownerDatabaseUrl, TEST_REDIS_URL, withClient } from './databases';

export const TEST_PASSWORD = 'correct-horse-battery-staple';

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  token: string;
  organisationId: string;
  /** The plan the user was given their role in (an admin: the organisation's first plan). */
  planId: string;
}

/**
 * `/api/v1/plans/<planId>/<path>`: where a plan's lists and creates, its dashboard, recompute and
 * packs live (single rows stay flat: `/api/v1/actions/<id>`).
 */
export const inPlan = (planId: string, path: string): string => `/api/v1/plans/${planId}/${path}`;

export interface TestOrganisation {
  id: string;
  slug: string;
  admin: TestUser;
  /** The plan the organisation starts with (where `createUser` puts plan roles). */
  planId: string;
}

export interface TestPlan {
  id: string;
  title: string;
}

export interface TestAppOptions {
  /** Extra environment for loadConfig (e.g. a small EVIDENCE_MAX_BYTES). */
  env?: Record<string, string>;
  /** Start the worker process's module too (queue processors) in this test process. */
  worker?: boolean;
  /** Defaults to a fixed clock at 2026-11-23T10:00:00Z, so date logic never depends on the day tests run. */
  now?: string;
  /** Extra modules for this file's app only (e.g. test pages that need a role, or that fail). */
  imports?: Type[];
  /** Capture the logs (pino writes each line to it) instead of standard output. */
  logDestination?: DestinationStream;
}

/**
 * One integration test file's world: its own PostgreSQL database (cloned from the migrated
 * template), its own Redis key prefix, its own data directory, the real HTTP stack. The app
 * connects as the application's role (DML only), as in production; `asOwner` is the schema
 * owner, for what the application may not do (ANALYZE, playing an insider who edits the audit trail).
 */
export class TestApp {
  private constructor(
    readonly app: NestExpressApplication,
    readonly config: AppConfig,
    readonly clock: FixedClock,
    readonly worker: INestApplicationContext | null,
    private readonly databaseName: string,
  ) {}

  static async start(options: TestAppOptions = {}): Promise<TestApp> {
    const file = basename(expect.getState().testPath ?? 'test').replace(/\W+/g, '_').slice(0, 30).toLowerCase();
    const id = randomBytes(4).toString('hex');
    const databaseName = `it_${file}_${id}`;
    const databaseUrl = await createDatabaseFromTemplate(databaseName);
    const dataDir = mkdtempSync(join(tmpdir(), 'it-data-'));
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      MIGRATION_DATABASE_URL: ownerDatabaseUrl(databaseName),
      DATABASE_POOL_SIZE: '5',
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: `it-${id}`,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DATA_DIR: dataDir,
      JWT_SECRET: 'test-secret-test-secret-test-secret-1234',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      ...options.env,
    });
    const clock = new FixedClock(new Date(options.now ?? '2026-11-23T10:00:00Z'));
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot({ config, clock, logDestination: options.logDestination }), ...(options.imports ?? [])] }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
    configureApp(app, config);
    await app.init();
    let worker: INestApplicationContext | null = null;
    if (options.worker) {
      const workerRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot({ config, clock })] }).compile();
      worker = await workerRef.init();
    }
    return new TestApp(app, config, clock, worker, databaseName);
  }

  http() {
    return request(this.app.getHttpServer());
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  /** Runs `fn` on a connection to this test's database as the owner role (not the application's). */
  asOwner<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    return withClient(this.config.MIGRATION_DATABASE_URL, fn);
  }

  /** An organisation with its first admin, made the way the CLI makes one. */
  async createOrganisation(name = `Council ${randomBytes(3).toString('hex')}`): Promise<TestOrganisation> {
    const email = `admin-${randomBytes(4).toString('hex')}@example.gov.uk`;
    const { organisation, admin, firstPlanId } = await this.app.get(OrganisationsService).createWithAdmin({ name, adminEmail: email, adminPassword: TEST_PASSWORD });
    return {
      id: organisation.id,
      slug: organisation.slug,
      planId: firstPlanId,
      admin: { id: admin.id, email, role: 'admin', token: await this.login(email), organisationId: organisation.id, planId: firstPlanId },
    };
  }

  /** Another plan of the organisation, created by its admin through the API. */
  async createPlan(org: TestOrganisation, body: Record<string, unknown> = {}): Promise<TestPlan> {
    const title = `Plan ${randomBytes(3).toString('hex')}`;
    const res = await this.http().post('/api/v1/plans').set('Authorization', `Bearer ${org.admin.token}`).send({ title, ...body });
    if (res.status !== 201) throw new Error(`createPlan failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, title: res.body.title };
  }

  /** Gives a user a role in a plan (PUT /plans/:planId/members/:userId as the admin). */
  async addMember(org: TestOrganisation, planId: string, user: { id: string }, role: Exclude<Role, 'admin'>): Promise<void> {
    const res = await this.http().put(`/api/v1/plans/${planId}/members/${user.id}`).set('Authorization', `Bearer ${org.admin.token}`).send({ role });
    if (res.status !== 200) throw new Error(`addMember failed: ${res.status} ${JSON.stringify(res.body)}`);
  }

  /**
   * A user created through the API by the organisation's admin, then logged in: an admin, or a
   * member holding `role` in the organisation's first plan (or `extra.planId`).
   */
  async createUser(org: TestOrganisation, role: Role, extra: Record<string, string> = {}): Promise<TestUser> {
    const email = `${role}-${randomBytes(4).toString('hex')}@example.gov.uk`;
    const res = await this.http()
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${org.admin.token}`)
      .send({ email, name: `${role} ${email.slice(0, 12)}`, role, password: TEST_PASSWORD, ...(role === 'admin' ? {} : { planId: org.planId }), ...extra });
    if (res.status !== 201) throw new Error(`createUser failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, email, role, token: await this.login(email), organisationId: org.id, planId: extra.planId ?? org.planId };
  }

  async login(email: string, password = TEST_PASSWORD): Promise<string> {
    const res = await this.http().post('/api/v1/auth/login').send({ email, password });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  }

  /**
   * A worker as `worker.ts` builds it, for the queues named, on this test's database, Redis and
   * clock; its maintenance jobs (the reconciler) run only when the test calls them, and it creates
   * no notification schedules (their every-minute delivery and 06:00 scan run on the wall clock, not
   * the test's): it runs the jobs the test queues. The caller closes it.
   */
  async startWorker(queues: WorkerQueue[]): Promise<INestApplicationContext> {
    const ref = await Test.createTestingModule({ imports: [WorkerModule.forRoot({ config: { ...this.config, WORKER_QUEUES: queues }, clock: this.clock })] })
      .overrideProvider(MaintenanceScheduler)
      .useValue({})
      .overrideProvider(NotificationsScheduler)
      .useValue({})
      .compile();
    return ref.init();
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.app.close();
    await dropDatabase(this.databaseName);
    const redis = new Redis(this.config.REDIS_URL);
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.config.QUEUE_PREFIX}:*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
    rmSync(this.config.DATA_DIR, { recursive: true, force: true });
  }
}

/** `Authorization` header for a user. */
export const bearer = (u: { token: string }) => ({ Authorization: `Bearer ${u.token}` });
