import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { AuthUser, PlanAccess } from '../common/request-context/request-context';
import { ImportMappingEntity } from './entities/import-mapping.entity';
import { ImportRunEntity } from './entities/import-run.entity';
import type { PlanSnapshot, SnapshotAction } from './preview/import-preview';

/** Rows per multi-row INSERT: PostgreSQL takes at most 65,535 parameters in one statement. */
export const INSERT_CHUNK = 500;

export function chunks<T>(items: readonly T[], size = INSERT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Rows per set-based statement (`INSERT ... SELECT FROM jsonb_to_recordset($1)`): one parameter
 * whatever the rows, so the chunk only bounds one statement's size.
 */
export const SET_CHUNK = 2000;

interface SetColumn<R> {
  column: string;
  /** The column's PostgreSQL type (jsonb_to_recordset converts the JSON value to it). */
  type: string;
  value: (row: R) => unknown;
}

/** The rows as one JSON array of objects keyed by column (for jsonb_to_recordset). */
function rowsJson<R>(columns: readonly SetColumn<R>[], rows: readonly R[]): string {
  return JSON.stringify(rows.map((row) => Object.fromEntries(columns.map((c) => [c.column, c.value(row) ?? null]))));
}

/** `jsonb_to_recordset($n::jsonb) AS alias(column type, ...)`: the rows of rowsJson, in order. */
const recordset = <R>(columns: readonly SetColumn<R>[], param: number, alias: string): string =>
  `jsonb_to_recordset($${param}::jsonb) AS ${alias}(${columns.map((c) => `"${c.column}" ${c.type}`).join(', ')})`;

/**
 * A multi-row INSERT of any number of rows, in chunks of SET_CHUNK, each one statement: the
 * chunk goes as one JSON array (no array literal per column to escape and parse: about twice as
 * fast for long text), turned into rows by jsonb_to_recordset in the order given.
 */
async function insertRows<R>(manager: EntityManager, table: string, columns: readonly SetColumn<R>[], rows: readonly R[], suffix = ''): Promise<void> {
  const names = columns.map((c) => `"${c.column}"`).join(', ');
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${names} FROM ${recordset(columns, 1, 'r')} ${suffix}`;
  for (const part of chunks(rows, SET_CHUNK)) await manager.query(sql, [rowsJson(columns, part)]);
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** A new action as an import writes it (every status-driven field given: a new action has them all). */
export interface NewActionRow {
  id: string;
  organisationId: string;
  planId: string;
  reference: string;
  title: string;
  description: string;
  workstreamId: string;
  ownerId: string;
  leadAgency: string | null;
  startDate: string | null;
  dueDate: string;
  successMeasures: string;
  status: string;
  progressPercent: number;
  completedOn: string | null;
  effectivenessCheckDue: string | null;
  embeddedOn: string | null;
  statusRecordedAt: Date;
  statusRecordedById: string;
}

const ACTION_INSERT_COLUMNS: readonly SetColumn<NewActionRow>[] = [
  { column: 'id', type: 'uuid', value: (r) => r.id },
  { column: 'organisation_id', type: 'uuid', value: (r) => r.organisationId },
  { column: 'plan_id', type: 'uuid', value: (r) => r.planId },
  { column: 'reference', type: 'text', value: (r) => r.reference },
  { column: 'title', type: 'text', value: (r) => r.title },
  { column: 'description', type: 'text', value: (r) => r.description },
  { column: 'workstream_id', type: 'uuid', value: (r) => r.workstreamId },
  { column: 'owner_id', type: 'uuid', value: (r) => r.ownerId },
  { column: 'lead_agency', type: 'text', value: (r) => r.leadAgency },
  { column: 'start_date', type: 'date', value: (r) => r.startDate },
  { column: 'due_date', type: 'date', value: (r) => r.dueDate },
  { column: 'success_measures', type: 'text', value: (r) => r.successMeasures },
  { column: 'status', type: 'text', value: (r) => r.status },
  { column: 'progress_percent', type: 'smallint', value: (r) => r.progressPercent },
  { column: 'completed_on', type: 'date', value: (r) => r.completedOn },
  { column: 'effectiveness_check_due', type: 'date', value: (r) => r.effectivenessCheckDue },
  { column: 'embedded_on', type: 'date', value: (r) => r.embeddedOn },
  { column: 'status_recorded_at', type: 'timestamptz', value: (r) => iso(r.statusRecordedAt) },
  { column: 'status_recorded_by_id', type: 'uuid', value: (r) => r.statusRecordedById },
  { column: 'version', type: 'int', value: () => 1 },
];

/** An import's change to an existing action; `setStatus`/`setProgress` say which status-driven fields it sets. */
export interface ActionUpdateRow {
  id: string;
  title: string;
  description: string;
  workstreamId: string;
  ownerId: string;
  leadAgency: string | null;
  startDate: string | null;
  dueDate: string;
  successMeasures: string;
  setStatus: boolean;
  status: string | null;
  completedOn: string | null;
  effectivenessCheckDue: string | null;
  embeddedOn: string | null;
  statusRecordedAt: Date | null;
  statusRecordedById: string | null;
  setProgress: boolean;
  progressPercent: number | null;
  /** When the import is recorded: stamped on the rows whose start date, due date or progress it changes. */
  datesRecordedAt: Date;
}

const ACTION_UPDATE_COLUMNS: readonly SetColumn<ActionUpdateRow>[] = [
  { column: 'id', type: 'uuid', value: (r) => r.id },
  { column: 'title', type: 'text', value: (r) => r.title },
  { column: 'description', type: 'text', value: (r) => r.description },
  { column: 'workstream_id', type: 'uuid', value: (r) => r.workstreamId },
  { column: 'owner_id', type: 'uuid', value: (r) => r.ownerId },
  { column: 'lead_agency', type: 'text', value: (r) => r.leadAgency },
  { column: 'start_date', type: 'date', value: (r) => r.startDate },
  { column: 'due_date', type: 'date', value: (r) => r.dueDate },
  { column: 'success_measures', type: 'text', value: (r) => r.successMeasures },
  { column: 'set_status', type: 'boolean', value: (r) => r.setStatus },
  { column: 'status', type: 'text', value: (r) => r.status },
  { column: 'completed_on', type: 'date', value: (r) => r.completedOn },
  { column: 'effectiveness_check_due', type: 'date', value: (r) => r.effectivenessCheckDue },
  { column: 'embedded_on', type: 'date', value: (r) => r.embeddedOn },
  { column: 'status_recorded_at', type: 'timestamptz', value: (r) => iso(r.statusRecordedAt) },
  { column: 'status_recorded_by_id', type: 'uuid', value: (r) => r.statusRecordedById },
  { column: 'set_progress', type: 'boolean', value: (r) => r.setProgress },
  { column: 'progress_percent', type: 'smallint', value: (r) => r.progressPercent },
  { column: 'dates_recorded_at', type: 'timestamptz', value: (r) => iso(r.datesRecordedAt) },
];

export interface FindingLinkRow {
  actionId: string;
  findingId: string;
  organisationId: string;
}

const FINDING_LINK_COLUMNS: readonly SetColumn<FindingLinkRow>[] = [
  { column: 'action_id', type: 'uuid', value: (r) => r.actionId },
  { column: 'finding_id', type: 'uuid', value: (r) => r.findingId },
  { column: 'organisation_id', type: 'uuid', value: (r) => r.organisationId },
];

export interface NewMilestoneRow {
  organisationId: string;
  actionId: string;
  title: string;
  dueDate: string;
  completedOn: string | null;
  recordedAt: Date;
  completionRecordedAt: Date | null;
  completionRecordedById: string | null;
  allowAfterActionDue: boolean;
  sortOrder: number;
}

const MILESTONE_COLUMNS: readonly SetColumn<NewMilestoneRow>[] = [
  { column: 'organisation_id', type: 'uuid', value: (r) => r.organisationId },
  { column: 'action_id', type: 'uuid', value: (r) => r.actionId },
  { column: 'title', type: 'text', value: (r) => r.title },
  { column: 'due_date', type: 'date', value: (r) => r.dueDate },
  { column: 'completed_on', type: 'date', value: (r) => r.completedOn },
  { column: 'recorded_at', type: 'timestamptz', value: (r) => iso(r.recordedAt) },
  { column: 'completion_recorded_at', type: 'timestamptz', value: (r) => iso(r.completionRecordedAt) },
  { column: 'completion_recorded_by_id', type: 'uuid', value: (r) => r.completionRecordedById },
  { column: 'allow_after_action_due', type: 'boolean', value: (r) => r.allowAfterActionDue },
  { column: 'sort_order', type: 'int', value: (r) => r.sortOrder },
  { column: 'version', type: 'int', value: () => 1 },
];

export interface ImportedActionRow {
  actionId: string;
  organisationId: string;
  planId: string;
  importRunId: string;
  reference: string;
  fileHash: string;
  writtenHash: string;
  importedAt: Date;
}

const IMPORTED_COLUMNS: readonly SetColumn<ImportedActionRow>[] = [
  { column: 'action_id', type: 'uuid', value: (r) => r.actionId },
  { column: 'organisation_id', type: 'uuid', value: (r) => r.organisationId },
  { column: 'plan_id', type: 'uuid', value: (r) => r.planId },
  { column: 'import_run_id', type: 'uuid', value: (r) => r.importRunId },
  { column: 'reference', type: 'text', value: (r) => r.reference },
  { column: 'file_hash', type: 'text', value: (r) => r.fileHash },
  { column: 'written_hash', type: 'text', value: (r) => r.writtenHash },
  { column: 'imported_at', type: 'timestamptz', value: (r) => iso(r.importedAt) },
];

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

  /** The name of the organisation's user with this email (else this exact name), active or not: for messages only. */
  async userNameByEmailOrName(organisationId: string, email: string | null, name: string | null): Promise<string | null> {
    if (!email && !name) return null;
    const rows: { name: string }[] = await this.runs.manager.query(
      `SELECT name FROM "user" WHERE organisation_id = $1 AND (lower(email) = lower($2) OR ($2 IS NULL AND lower(name) = lower($3))) ORDER BY active DESC, created_at LIMIT 1`,
      [organisationId, email, name],
    );
    return rows[0]?.name ?? null;
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

  /**
   * Who may own the plan's actions, so who an owner's text may be matched or mapped to: its active
   * board members and owners, and the organisation's admins (as actions' own `assertCanOwn`; a chief
   * officer holds no plan role, whatever rows remain). `lock`: their rows held FOR SHARE until the
   * caller's transaction ends, as an action's own write holds its owner's (UsersService.lockForOwnership),
   * so none of them can leave the plan while a commit makes them owners.
   */
  ownerCandidates(organisationId: string, planId: string, manager: EntityManager = this.runs.manager, lock = false): Promise<PlanSnapshot['members']> {
    return manager.query(
      `SELECT u.id, u.name, u.email FROM "user" u
         LEFT JOIN plan_membership m ON m.user_id = u.id AND m.plan_id = $2
        WHERE u.organisation_id = $1 AND u.active AND (u.role = 'admin' OR (u.role = 'member' AND m.role IN ('board', 'owner')))
        ORDER BY u.name, u.email${lock ? ' FOR SHARE OF u' : ''}`,
      [organisationId, planId],
    );
  }

  /** The plan as an import compares with it, in a few queries; `lockOwners` for a commit (see ownerCandidates). */
  async snapshot(manager: EntityManager, organisationId: string, planId: string, lockOwners = false): Promise<PlanSnapshot> {
    // One after another: inside a transaction the queries share one connection.
    const [inspection, members, workstreams, findings, actions, imported] = await sequentially([
      () => manager.query<{ id: string }[]>('SELECT id FROM inspection WHERE organisation_id = $1 AND plan_id = $2 ORDER BY start_date DESC, created_at DESC LIMIT 1', [organisationId, planId]),
      () => this.ownerCandidates(organisationId, planId, manager, lockOwners),
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

  /** New actions (ids chosen by the caller), a few statements for any number of rows. */
  async insertActions(manager: EntityManager, rows: readonly NewActionRow[]): Promise<void> {
    await insertRows(manager, 'action', ACTION_INSERT_COLUMNS, rows);
  }

  /**
   * Changes imported actions, one statement per chunk; `version` goes up by one. The status-driven
   * fields are set only where the row says so (`set*`), otherwise kept as they are.
   */
  async updateActions(manager: EntityManager, organisationId: string, rows: readonly ActionUpdateRow[]): Promise<void> {
    const cols = ACTION_UPDATE_COLUMNS;
    for (const part of chunks(rows, SET_CHUNK)) {
      const keep = (column: string, flag: string): string => `"${column}" = CASE WHEN u."${flag}" THEN u."${column}" ELSE a."${column}" END`;
      await manager.query(
        `UPDATE action a
            SET title = u.title, description = u.description, workstream_id = u.workstream_id, owner_id = u.owner_id,
                lead_agency = u.lead_agency, start_date = u.start_date, due_date = u.due_date, success_measures = u.success_measures,
                ${keep('status', 'set_status')}, ${keep('completed_on', 'set_status')}, ${keep('effectiveness_check_due', 'set_status')},
                ${keep('embedded_on', 'set_status')}, ${keep('status_recorded_at', 'set_status')}, ${keep('status_recorded_by_id', 'set_status')},
                ${keep('progress_percent', 'set_progress')},
                -- A change of dates or progress is stamped (its trigger keeps the values it replaces: migration TrueHistoryOfDates).
                dates_recorded_at = CASE WHEN (u.start_date, u.due_date, CASE WHEN u.set_progress THEN u.progress_percent ELSE a.progress_percent END)
                                              IS DISTINCT FROM (a.start_date, a.due_date, a.progress_percent)
                                         THEN u.dates_recorded_at ELSE a.dates_recorded_at END,
                version = a.version + 1, updated_at = now()
           FROM ${recordset(cols, 2, 'u')}
          WHERE a.id = u.id AND a.organisation_id = $1`,
        [organisationId, rowsJson(cols, part)],
      );
    }
  }

  async deleteFindingLinks(manager: EntityManager, actionIds: readonly string[]): Promise<void> {
    for (const part of chunks(actionIds, SET_CHUNK)) await manager.query('DELETE FROM action_finding WHERE action_id = ANY($1::uuid[])', [part]);
  }

  async insertFindingLinks(manager: EntityManager, rows: readonly FindingLinkRow[]): Promise<void> {
    await insertRows(manager, 'action_finding', FINDING_LINK_COLUMNS, rows);
  }

  async insertMilestones(manager: EntityManager, rows: readonly NewMilestoneRow[]): Promise<void> {
    await insertRows(manager, 'milestone', MILESTONE_COLUMNS, rows);
  }

  /** What this import wrote, one row per action (replacing the last import's). */
  async upsertImported(manager: EntityManager, rows: readonly ImportedActionRow[]): Promise<void> {
    await insertRows(
      manager,
      'imported_action',
      IMPORTED_COLUMNS,
      rows,
      'ON CONFLICT (action_id) DO UPDATE SET import_run_id = excluded.import_run_id, reference = excluded.reference, file_hash = excluded.file_hash, written_hash = excluded.written_hash, imported_at = excluded.imported_at',
    );
  }

  /** Runs a job should be working on (previewing, committing) untouched since `before`, oldest first (the reconciler). */
  findStuckRuns(before: Date, limit: number): Promise<ImportRunEntity[]> {
    return this.runs
      .createQueryBuilder('r')
      .where(`r.status IN ('previewing', 'committing') AND r.updatedAt < :before`, { before })
      .orderBy('r.updatedAt', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Whether the plan is closed, its row locked until the transaction ends (closing it waits for the commit). */
  async lockPlanClosed(manager: EntityManager, planId: string): Promise<boolean> {
    const rows = await manager.query<{ status: string }[]>('SELECT status FROM plan WHERE id = $1 FOR SHARE', [planId]);
    return rows[0]?.status !== 'active';
  }

  /** One import at a time per plan (two commits must not both create the same references). */
  /** Every action of the plan, locked until the transaction ends (the import commit writes from what it reads). */
  async lockPlanActions(manager: EntityManager, planId: string): Promise<void> {
    await manager.query('SELECT id FROM action WHERE plan_id = $1 ORDER BY id FOR UPDATE', [planId]);
  }

  async lockPlanImports(manager: EntityManager, planId: string): Promise<void> {
    await manager.query("SELECT pg_advisory_xact_lock(hashtext('import:' || $1))", [planId]);
  }
}
