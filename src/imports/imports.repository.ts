import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { AuthUser, PlanAccess } from '../common/request-context/request-context';
import { ImportMappingEntity } from './entities/import-mapping.entity';
import { ImportRunEntity } from './entities/import-run.entity';
import { ImportedActionEntity } from './entities/imported-action.entity';
import type { PlanSnapshot, SnapshotAction } from './preview/import-preview';

/** Rows per multi-row INSERT: PostgreSQL takes at most 65,535 parameters in one statement. */
export const INSERT_CHUNK = 500;

export function chunks<T>(items: readonly T[], size = INSERT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type Thunks<T extends readonly unknown[]> = { [K in keyof T]: () => Promise<T[K]> };

async function sequentially<T extends readonly unknown[]>(steps: Thunks<T>): Promise<T> {
  const out: unknown[] = [];
  for (const step of steps as readonly (() => Promise<unknown>)[]) out.push(await step());
  return out as unknown as T;
}

/** The only place the import's queries are built. */
@Injectable()
export class ImportsRepository {
  constructor(
    @InjectRepository(ImportRunEntity) private readonly runs: Repository<ImportRunEntity>,
    @InjectRepository(ImportMappingEntity) private readonly mappings: Repository<ImportMappingEntity>,
  ) {}

  insertRun(manager: EntityManager, row: Partial<ImportRunEntity>): Promise<ImportRunEntity> {
    return manager.getRepository(ImportRunEntity).save(manager.getRepository(ImportRunEntity).create(row));
  }

  findRun(organisationId: string, id: string, manager?: EntityManager): Promise<ImportRunEntity | null> {
    return (manager?.getRepository(ImportRunEntity) ?? this.runs).findOne({ where: { id, organisationId } });
  }

  /** Locks the run for a status change (FOR UPDATE). */
  lockRun(manager: EntityManager, organisationId: string, id: string): Promise<ImportRunEntity | null> {
    return manager.getRepository(ImportRunEntity).findOne({ where: { id, organisationId }, lock: { mode: 'pessimistic_write' } });
  }

  async updateRun(id: string, changes: Partial<ImportRunEntity>, manager?: EntityManager): Promise<void> {
    // jsonb columns hold plain data TypeORM's deep-partial type cannot express.
    await (manager?.getRepository(ImportRunEntity) ?? this.runs).update({ id }, changes as never);
  }

  listRuns(organisationId: string, planId: string, skip: number, take: number): Promise<[ImportRunEntity[], number]> {
    return this.runs.findAndCount({
      where: { organisationId, planId },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip,
      take,
      // Not the preview: it holds every row.
      select: { id: true, organisationId: true, planId: true, createdById: true, fileName: true, sizeBytes: true, sha256: true, status: true, counts: true, error: true, createdAt: true, updatedAt: true, committedAt: true, committedById: true, auditEvents: true, storageKey: true, choices: true, jobId: true },
    });
  }

  findMapping(organisationId: string, planId: string): Promise<ImportMappingEntity | null> {
    return this.mappings.findOne({ where: { organisationId, planId } });
  }

  async saveMapping(manager: EntityManager, row: Pick<ImportMappingEntity, 'organisationId' | 'planId' | 'mapping' | 'statusWords' | 'ownerMatches' | 'updatedById'>): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ImportMappingEntity)
      .values(row as never)
      .orUpdate(['mapping', 'status_words', 'owner_matches', 'updated_by_id', 'updated_at'], ['organisation_id', 'plan_id'])
      .execute();
  }

  /** The plan's title (for the pages' headers). */
  async planTitle(organisationId: string, planId: string): Promise<string | null> {
    const rows: { title: string }[] = await this.runs.manager.query('SELECT title FROM plan WHERE id = $1 AND organisation_id = $2', [planId, organisationId]);
    return rows[0]?.title ?? null;
  }

  /** People's names by id (for the pages and the list). */
  async userNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.runs.manager.query('SELECT id, name FROM "user" WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** The signed-in shape of a user, for a job that acts for them (the audit trail's actor). */
  async authUser(id: string): Promise<AuthUser | null> {
    const rows: (Omit<AuthUser, 'plans'> & { plans: Record<string, PlanAccess> })[] = await this.runs.manager.query(
      `SELECT u.id, u.organisation_id AS "organisationId", u.role, u.email, u.name,
              COALESCE((SELECT jsonb_object_agg(p.id, jsonb_build_object('role', m.role, 'closed', p.status = 'closed'))
                 FROM plan p LEFT JOIN plan_membership m ON m.plan_id = p.id AND m.user_id = u.id
                WHERE p.organisation_id = u.organisation_id), '{}'::jsonb) AS plans
         FROM "user" u WHERE u.id = $1 AND u.active`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The plan as an import compares with it, in a few queries. */
  async snapshot(manager: EntityManager, organisationId: string, planId: string): Promise<PlanSnapshot> {
    // One after another: inside a transaction the queries share one connection.
    const [inspection, members, workstreams, findings, actions, imported] = await sequentially([
      () => manager.query<{ id: string }[]>('SELECT id FROM inspection WHERE organisation_id = $1 AND plan_id = $2 ORDER BY start_date DESC, created_at DESC LIMIT 1', [organisationId, planId]),
      () => manager.query<PlanSnapshot['members']>(
        `SELECT u.id, u.name, u.email FROM "user" u
           LEFT JOIN plan_membership m ON m.user_id = u.id AND m.plan_id = $2
          WHERE u.organisation_id = $1 AND u.active AND (u.role = 'admin' OR m.role IN ('board', 'owner'))`,
        [organisationId, planId],
      ),
      () => manager.query<PlanSnapshot['workstreams']>('SELECT id, code, title FROM workstream WHERE organisation_id = $1 AND plan_id = $2', [organisationId, planId]),
      () => manager.query<PlanSnapshot['findings']>('SELECT id, reference, title FROM finding WHERE organisation_id = $1 AND plan_id = $2', [organisationId, planId]),
      () => manager.query<SnapshotAction[]>(
        `SELECT a.id, a.reference, a.title, a.description, a.workstream_id AS "workstreamId", a.owner_id AS "ownerId",
                a.lead_agency AS "leadAgency", a.start_date::text AS "startDate", a.due_date::text AS "dueDate",
                a.success_measures AS "successMeasures", a.status,
                COALESCE((SELECT array_agg(af.finding_id ORDER BY af.finding_id) FROM action_finding af WHERE af.action_id = a.id), '{}') AS "findingIds",
                COALESCE((SELECT jsonb_agg(jsonb_build_object('title', m.title, 'dueDate', m.due_date::text) ORDER BY m.sort_order, m.due_date)
                            FROM milestone m WHERE m.action_id = a.id), '[]'::jsonb) AS milestones
           FROM action a WHERE a.organisation_id = $1 AND a.plan_id = $2`,
        [organisationId, planId],
      ),
      () => manager.query<{ actionId: string; fileHash: string; writtenHash: string }[]>('SELECT action_id AS "actionId", file_hash AS "fileHash", written_hash AS "writtenHash" FROM imported_action WHERE organisation_id = $1 AND plan_id = $2', [
        organisationId,
        planId,
      ]),
    ]);
    return {
      inspectionId: inspection[0]?.id ?? null,
      members,
      workstreams,
      findings,
      actions,
      imported: new Map(imported.map((r) => [r.actionId, { fileHash: r.fileHash, writtenHash: r.writtenHash }])),
    };
  }

  /** Inserts rows of one entity in chunks, returning the generated ids in order. */
  async insertReturningIds<T extends object>(manager: EntityManager, entity: new () => T, rows: readonly Record<string, unknown>[]): Promise<string[]> {
    const ids: string[] = [];
    for (const part of chunks(rows)) {
      const result = await manager.createQueryBuilder().insert().into(entity).values(part as never).returning(['id']).updateEntity(false).execute();
      ids.push(...(result.raw as { id: string }[]).map((r) => r.id));
    }
    return ids;
  }

  async insertPlain<T extends object>(manager: EntityManager, entity: new () => T, rows: readonly Record<string, unknown>[]): Promise<void> {
    for (const part of chunks(rows)) await manager.createQueryBuilder().insert().into(entity).values(part as never).updateEntity(false).execute();
  }

  async upsertImported(manager: EntityManager, rows: Omit<ImportedActionEntity, 'action' | 'importRun'>[]): Promise<void> {
    for (const part of chunks(rows)) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(ImportedActionEntity)
        .values(part)
        .orUpdate(['import_run_id', 'reference', 'file_hash', 'written_hash', 'imported_at'], ['action_id'])
        .updateEntity(false)
        .execute();
    }
  }

  /** One import at a time per plan (two commits must not both create the same references). */
  async lockPlanImports(manager: EntityManager, planId: string): Promise<void> {
    await manager.query("SELECT pg_advisory_xact_lock(hashtext('import:' || $1))", [planId]);
  }
}
