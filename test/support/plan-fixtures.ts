import { DataSource, IsNull } from 'typeorm';
import { ActionFindingEntity } from '../../src/actions/entities/action-finding.entity';
import { ActionEntity } from '../../src/actions/entities/action.entity';
import { MilestoneEntity } from '../../src/actions/entities/milestone.entity';
import { FindingEntity } from '../../src/findings/entities/finding.entity';
import { InspectionEntity } from '../../src/inspections/entities/inspection.entity';
import { RegulatorEntity } from '../../src/inspections/entities/regulator.entity';
import { WorkstreamEntity } from '../../src/workstreams/entities/workstream.entity';
import type { ActionStatus } from '../../src/vocabulary/action-status';

/**
 * Rows written straight to the database, for tests of features that need a plan to exist
 * (evidence, RAG, packs) without going through the plan API. Tests of the plan API itself
 * build their plan through HTTP.
 */
export interface PlanFixture {
  /** Defaults to the organisation's first plan. */
  planId?: string;
  inspectionId: string;
  findingId: string;
  workstreamId: string;
}

let counter = 0;

/** The organisation's first plan (the one it was created with), unless a plan is named. */
export async function firstPlanId(ds: DataSource, organisationId: string): Promise<string> {
  const rows: { id: string }[] = await ds.query('SELECT id FROM plan WHERE organisation_id = $1 ORDER BY created_at, id LIMIT 1', [organisationId]);
  if (!rows[0]) throw new Error(`organisation ${organisationId} has no plan`);
  return rows[0].id;
}

export async function seedPlanBasics(ds: DataSource, organisationId: string, planId?: string): Promise<PlanFixture> {
  planId ??= await firstPlanId(ds, organisationId);
  const cqc = await ds.getRepository(RegulatorEntity).findOneByOrFail({ code: 'cqc', organisationId: IsNull() });
  const n = ++counter;
  const inspection = await ds.getRepository(InspectionEntity).save({
    organisationId,
    planId,
    regulatorId: cqc.id,
    kind: 'cqc_la_assessment',
    title: `CQC local authority assessment ${n}`,
    startDate: '2025-03-03',
    endDate: '2025-03-14',
    publishedDate: '2025-06-20',
    overallJudgement: 'Requires improvement',
    qualityStatementScores: null,
    judgements: null,
  });
  const finding = await ds.getRepository(FindingEntity).save({
    organisationId,
    planId,
    inspectionId: inspection.id,
    noticeId: null,
    reference: `QS-SAFE-${n}`,
    title: 'Safeguarding: significant shortfalls',
    text: 'Evidence shows significant shortfalls for the safeguarding element of the assessment.',
    theme: 'safeguarding',
    score: 1,
    type: 'area_for_priority_action',
  });
  const workstream = await ds.getRepository(WorkstreamEntity).save({
    organisationId,
    planId,
    code: `KO${n}`,
    title: 'Improved safeguarding practice',
    description: '',
    leadRole: 'Principal Social Worker',
    sortOrder: n,
  });
  return { planId, inspectionId: inspection.id, findingId: finding.id, workstreamId: workstream.id };
}

/**
 * `count` actions in the plan written in two SQL statements (the API would take minutes), for the
 * tests that need a pack big enough to take seconds to build: references A<1..>.<1..20>, statuses
 * spread, no colour yet, every one answering the fixture's finding.
 */
export async function seedGeneratedActions(ds: DataSource, organisationId: string, plan: PlanFixture, ownerId: string, count: number): Promise<void> {
  const planId = plan.planId ?? (await firstPlanId(ds, organisationId));
  await ds.query(
    `INSERT INTO action (plan_id, organisation_id, reference, title, workstream_id, owner_id, start_date, due_date, status, progress_percent, rag_colour, version)
     SELECT $5, $1, 'A' || (g / 20 + 1) || '.' || (g % 20 + 1), 'Generated action ' || g, $2, $3, DATE '2026-01-01', DATE '2026-01-01' + (g % 730),
            (ARRAY['not_started','in_progress','blocked','complete','embedded'])[g % 5 + 1], (g % 11) * 10, 'grey', 1
     FROM generate_series(0, $4 - 1) g`,
    [organisationId, plan.workstreamId, ownerId, count, planId],
  );
  await ds.query(`INSERT INTO action_finding (action_id, finding_id, organisation_id) SELECT id, $3::uuid, $1::uuid FROM action WHERE organisation_id = $1 AND plan_id = $2`, [
    organisationId,
    planId,
    plan.findingId,
  ]);
}

export interface ActionFixtureInput {
  ownerId: string;
  reference?: string;
  title?: string;
  status?: ActionStatus;
  startDate?: string | null;
  dueDate?: string;
  progressPercent?: number;
  milestones?: { title: string; dueDate: string; completedOn?: string | null }[];
}

export async function seedAction(ds: DataSource, organisationId: string, plan: PlanFixture, input: ActionFixtureInput): Promise<ActionEntity> {
  const n = ++counter;
  const planId = plan.planId ?? (await firstPlanId(ds, organisationId));
  return ds.transaction(async (m) => {
    const action = await m.getRepository(ActionEntity).save({
      organisationId,
      planId,
      reference: input.reference ?? `A${n}`,
      title: input.title ?? `Action ${n}`,
      description: '',
      workstreamId: plan.workstreamId,
      ownerId: input.ownerId,
      leadAgency: null,
      startDate: input.startDate === undefined ? '2026-01-05' : input.startDate,
      dueDate: input.dueDate ?? '2026-12-31',
      successMeasures: '',
      status: input.status ?? 'in_progress',
      progressPercent: input.progressPercent ?? 0,
    });
    await m.getRepository(ActionFindingEntity).insert({ actionId: action.id, findingId: plan.findingId, organisationId });
    for (const [i, ms] of (input.milestones ?? []).entries()) {
      await m.getRepository(MilestoneEntity).save({
        organisationId,
        actionId: action.id,
        title: ms.title,
        dueDate: ms.dueDate,
        completedOn: ms.completedOn ?? null,
        sortOrder: i,
      });
    }
    return action;
  });
}
