import { Queue } from 'bullmq';
import { DataSource, IsNull } from 'typeorm';
import { FindingEntity, FindingType } from '../../src/findings/entities/finding.entity';
import { InspectionEntity } from '../../src/inspections/entities/inspection.entity';
import { RegulatorEntity } from '../../src/inspections/entities/regulator.entity';
import { NoticeEntity } from '../../src/notices/entities/notice.entity';
import { WorkstreamEntity } from '../../src/workstreams/entities/workstream.entity';
import { QUEUES } from '../../src/queue/queues';
import { bullConnection } from '../../src/redis/redis.module';
import { firstPlanId, PlanFixture } from './plan-fixtures';
import { bearer, inPlan, TestApp, TestUser } from './test-app';

/**
 * Helpers for the actions feature's integration tests. Findings, workstreams, inspections and
 * notices are written straight to the database (their API is another feature's), actions go
 * through the API under test.
 */

let counter = 0;
const next = () => ++counter;

export function actionBody(plan: PlanFixture, ownerId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const n = next();
  return {
    reference: `T${n}`,
    title: `Action ${n}`,
    workstreamId: plan.workstreamId,
    findingIds: [plan.findingId],
    ownerId,
    startDate: '2026-01-05',
    dueDate: '2026-12-31',
    ...extra,
  };
}

/** POST /plans/:planId/actions (the user's plan), expecting 201; returns the response body. */
export async function createAction(t: TestApp, user: TestUser, body: Record<string, unknown>) {
  const res = await t.http().post(inPlan(user.planId, 'actions')).set(bearer(user)).send(body);
  if (res.status !== 201) throw new Error(`createAction failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number; reference: string; milestones: { id: string; version: number; title: string }[] } & Record<string, unknown>;
}

export async function seedWorkstream(ds: DataSource, organisationId: string, code = `WS${next()}`, planId?: string): Promise<string> {
  planId ??= await firstPlanId(ds, organisationId);
  const ws = await ds.getRepository(WorkstreamEntity).save({ organisationId, planId, code, title: `Workstream ${code}`, description: '', leadRole: null, sortOrder: 0 });
  return ws.id;
}

export async function seedInspection(ds: DataSource, organisationId: string, regulatorCode: 'cqc' | 'ofsted' = 'cqc', planId?: string): Promise<string> {
  planId ??= await firstPlanId(ds, organisationId);
  const regulator = await ds.getRepository(RegulatorEntity).findOneByOrFail({ code: regulatorCode, organisationId: IsNull() });
  const n = next();
  const inspection = await ds.getRepository(InspectionEntity).save({
    organisationId,
    planId,
    regulatorId: regulator.id,
    kind: regulatorCode === 'cqc' ? 'cqc_la_assessment' : 'ofsted_ilacs_full',
    title: `${regulatorCode} inspection ${n}`,
    startDate: '2025-03-03',
    endDate: null,
    publishedDate: null,
    overallJudgement: null,
    qualityStatementScores: null,
    judgements: null,
  });
  return inspection.id;
}

export async function seedNotice(ds: DataSource, organisationId: string, inspectionId: string | null, planId?: string): Promise<string> {
  planId ??= await firstPlanId(ds, organisationId);
  const notice = await ds.getRepository(NoticeEntity).save({
    organisationId,
    planId,
    kind: 'section_50',
    title: `Section 50 notice ${next()}`,
    inspectionId,
    issuedOn: '2025-07-01',
    deadline: '2026-07-01',
    failings: '',
    requirements: '',
    status: 'open',
  });
  return notice.id;
}

export async function seedFinding(
  ds: DataSource,
  organisationId: string,
  inspectionId: string,
  opts: { noticeId?: string | null; type?: FindingType; planId?: string } = {},
): Promise<string> {
  const n = next();
  const planId = opts.planId ?? (await firstPlanId(ds, organisationId));
  const finding = await ds.getRepository(FindingEntity).save({
    organisationId,
    planId,
    inspectionId,
    noticeId: opts.noticeId ?? null,
    reference: `F-${n}`,
    title: `Finding ${n}`,
    text: '',
    theme: null,
    score: null,
    type: opts.type ?? 'area_for_improvement',
  });
  return finding.id;
}

/** The RAG queue's waiting/delayed jobs for one action (recompute requests deduplicated by action). */
export async function ragJobsFor(t: TestApp, actionId: string): Promise<number> {
  const queue = new Queue(QUEUES.rag, { connection: bullConnection(t.config), prefix: t.config.QUEUE_PREFIX });
  try {
    const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'prioritized']);
    return jobs.filter((j) => (j.data as { actionId?: string }).actionId === actionId).length;
  } finally {
    await queue.close();
  }
}

/** Empties the RAG queue, so a test can see that a change enqueues a new job. */
export async function drainRagQueue(t: TestApp): Promise<void> {
  const queue = new Queue(QUEUES.rag, { connection: bullConnection(t.config), prefix: t.config.QUEUE_PREFIX });
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
  }
}
