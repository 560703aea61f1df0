import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { ActionScope } from '../common/auth/access-policy';
import type { DependentRow } from '../common/errors/has-dependents';
import { updateWithVersion } from '../common/persistence/versioned-update';
import { EvidenceEntity } from '../evidence/entities/evidence.entity';
import type { OverrideShownDto } from '../rag/overrides/dto/override-shown.dto';
import { findOverridesShown } from '../rag/overrides/overrides-shown.query';
import { FindingEntity } from '../findings/entities/finding.entity';
import { WorkstreamEntity } from '../workstreams/entities/workstream.entity';
import type { ActionStatusState } from './action-status';
import { ActionQueryDto } from './dto/action-query.dto';
import type { ActionSummaryDto } from './dto/action.dto';
import { ActionFindingEntity } from './entities/action-finding.entity';
import { ActionEntity } from './entities/action.entity';
import { MilestoneEntity } from './entities/milestone.entity';
import { ProgressUpdateEntity } from './entities/progress-update.entity';

export interface ActionDependents {
  milestones: DependentRow[];
  progressUpdates: DependentRow[];
  evidence: DependentRow[];
}

/** The columns a new action is written with; the rest (RAG, version, dates) take their defaults. */
export type NewAction = Pick<
  ActionEntity,
  | 'organisationId'
  | 'planId'
  | 'reference'
  | 'title'
  | 'description'
  | 'workstreamId'
  | 'ownerId'
  | 'leadAgency'
  | 'startDate'
  | 'dueDate'
  | 'successMeasures'
  | 'statusRecordedAt'
  | 'statusRecordedById'
> &
  ActionStatusState;

/** The columns a change sets (only those given). */
export type ActionChanges = QueryDeepPartialEntity<ActionEntity>;

/** Where to read: inside the caller's transaction, and whether to lock the row until it ends. */
export interface ReadOptions {
  manager?: EntityManager;
  /** FOR UPDATE until the caller's transaction ends; needs `manager`. */
  lock?: boolean;
}

/** What GET /actions/:id shows of a finding the action answers. */
export type LinkedFinding = Pick<FindingEntity, 'id' | 'reference' | 'title'>;

export interface EvidenceCounts {
  submitted: number;
  accepted: number;
  rejected: number;
  withdrawn: number;
}

/** What the plan's list shows of an action (`findSummaryPage`): its own columns, its owner's and its workstream's. */
export interface ActionSummaryRow
  extends Pick<
    ActionEntity,
    | 'id'
    | 'reference'
    | 'title'
    | 'leadAgency'
    | 'startDate'
    | 'dueDate'
    | 'status'
    | 'progressPercent'
    | 'completedOn'
    | 'effectivenessCheckDue'
    | 'embeddedOn'
    | 'ragColour'
    | 'ragReasons'
    | 'ragOverridden'
    | 'ragComputedColour'
    | 'ragComputedReasons'
    | 'ragPolicyVersion'
    | 'ragAsOf'
    | 'version'
  > {
  /** Timestamps as ISO 8601 text in UTC, as the API shows them (`isoTimestamp`). */
  ragComputedAt: string | null;
  createdAt: string;
  updatedAt: string;
  workstreamId: string;
  workstreamCode: string;
  workstreamTitle: string;
  ownerId: string;
  ownerName: string;
  ownerJobTitle: string | null;
  ownerPartnerAgency: string | null;
}

/** A calendar date as text, whatever the session's DateStyle (the `pg` driver would make it a Date at local midnight). */
const calendarDate = (column: string) => `to_char("a"."${column}", 'YYYY-MM-DD')`;

/**
 * A timestamp as the text `Date.prototype.toISOString()` writes (UTC, milliseconds truncated as the
 * `pg` driver truncates them), made by PostgreSQL: no Date parsed and formatted again for each of a
 * page's rows (a few per cent of the list's CPU time: bench/api-overhead.bench.ts).
 */
const isoTimestamp = (column: string) => `to_char("a"."${column}" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** [SQL expression, row field] for `findSummaryPage`. */
const SUMMARY_COLUMNS: [string, keyof ActionSummaryRow][] = [
  ['"a"."id"', 'id'],
  ['"a"."reference"', 'reference'],
  ['"a"."title"', 'title'],
  ['"a"."lead_agency"', 'leadAgency'],
  [calendarDate('start_date'), 'startDate'],
  [calendarDate('due_date'), 'dueDate'],
  ['"a"."status"', 'status'],
  ['"a"."progress_percent"', 'progressPercent'],
  [calendarDate('completed_on'), 'completedOn'],
  [calendarDate('effectiveness_check_due'), 'effectivenessCheckDue'],
  [calendarDate('embedded_on'), 'embeddedOn'],
  ['"a"."rag_colour"', 'ragColour'],
  ['"a"."rag_reasons"', 'ragReasons'],
  ['"a"."rag_overridden"', 'ragOverridden'],
  ['"a"."rag_computed_colour"', 'ragComputedColour'],
  ['"a"."rag_computed_reasons"', 'ragComputedReasons'],
  ['"a"."rag_policy_version"', 'ragPolicyVersion'],
  [calendarDate('rag_as_of'), 'ragAsOf'],
  [isoTimestamp('rag_computed_at'), 'ragComputedAt'],
  ['"a"."version"', 'version'],
  [isoTimestamp('created_at'), 'createdAt'],
  [isoTimestamp('updated_at'), 'updatedAt'],
  ['"workstream"."id"', 'workstreamId'],
  ['"workstream"."code"', 'workstreamCode'],
  ['"workstream"."title"', 'workstreamTitle'],
  ['"owner"."id"', 'ownerId'],
  ['"owner"."name"', 'ownerName'],
  ['"owner"."job_title"', 'ownerJobTitle'],
  ['"owner"."partner_agency"', 'ownerPartnerAgency'],
];

/** `row_to_json` of these columns, named as the fields (a subquery: a JSON object with the fields in this order, no spaces). */
const jsonObject = (columns: [string, string][]) =>
  `(SELECT row_to_json("o") FROM (SELECT ${columns.map(([expression, field]) => `${expression} AS "${field}"`).join(', ')}) "o")`;

/**
 * A jsonb column as `JSON.stringify` writes what the driver parses from it: compact (jsonb's text
 * has spaces after ':' and ','), the keys in jsonb's order. `json_strip_nulls` is what re-writes
 * it compactly; it would drop a key whose value is null, which RAG reasons ({ code, colour, text },
 * all text) never have. NULL becomes [] as `toRagDto` makes it.
 */
const compactReasons = (column: string) => `COALESCE(json_strip_nulls("a"."${column}"::json), '[]'::json)`;

/**
 * The list's item as JSON (`findSummaryPageJson`): exactly the fields of `summaryRowToDto`, in its
 * order, with the list's formats (calendar dates as YYYY-MM-DD, timestamps as `toISOString`
 * writes them; `rag` as `toRagDto` makes it without an override).
 */
const SUMMARY_JSON_SELECT = (
  [
    ['"a"."id"', 'id'],
    ['"a"."reference"', 'reference'],
    ['"a"."title"', 'title'],
    [
      jsonObject([
        ['"workstream"."id"', 'id'],
        ['"workstream"."code"', 'code'],
        ['"workstream"."title"', 'title'],
      ]),
      'workstream',
    ],
    [
      jsonObject([
        ['"owner"."id"', 'id'],
        ['"owner"."name"', 'name'],
        ['"owner"."job_title"', 'jobTitle'],
        ['"owner"."partner_agency"', 'partnerAgency'],
      ]),
      'owner',
    ],
    ['"a"."lead_agency"', 'leadAgency'],
    [calendarDate('start_date'), 'startDate'],
    [calendarDate('due_date'), 'dueDate'],
    ['"a"."status"', 'status'],
    ['"a"."progress_percent"', 'progressPercent'],
    [calendarDate('completed_on'), 'completedOn'],
    [calendarDate('effectiveness_check_due'), 'effectivenessCheckDue'],
    [calendarDate('embedded_on'), 'embeddedOn'],
    [
      `CASE WHEN "a"."rag_colour" IS NOT NULL THEN ${jsonObject([
        ['"a"."rag_colour"', 'colour'],
        [compactReasons('rag_reasons'), 'reasons'],
        ['"a"."rag_overridden"', 'overridden'],
        [
          `CASE WHEN "a"."rag_overridden" AND "a"."rag_computed_colour" IS NOT NULL THEN ${jsonObject([
            ['"a"."rag_computed_colour"', 'colour'],
            [compactReasons('rag_computed_reasons'), 'reasons'],
          ])} END`,
          'computed',
        ],
        ['NULL::json', 'override'],
        ['"a"."rag_policy_version"', 'policyVersion'],
        [calendarDate('rag_as_of'), 'asOf'],
        [isoTimestamp('rag_computed_at'), 'computedAt'],
      ])} END`,
      'rag',
    ],
    ['"a"."version"', 'version'],
    [isoTimestamp('created_at'), 'createdAt'],
    [isoTimestamp('updated_at'), 'updatedAt'],
  ] satisfies [string, keyof ActionSummaryDto][]
)
  .map(([expression, field]) => `${expression} AS "${field}"`)
  .join(', ');

/** What GET /actions/:id shows of the action itself, and what the access policy reads of it. */
export interface ActionDetailRow extends ActionSummaryRow, ActionScope, Pick<ActionEntity, 'description' | 'successMeasures' | 'ragOverrideId'> {}

/**
 * One action with its owner and workstream, as fixed SQL (no query building, no entity hydration
 * per request: bench/api-overhead.bench.ts). `ownerId` is the action's own column, which the
 * access policy reads; the owner's row is joined for the name the response shows.
 */
const DETAIL_SQL = `SELECT ${[
  ...SUMMARY_COLUMNS.filter(([, field]) => field !== 'ownerId'),
  ['"a"."owner_id"', 'ownerId'],
  ['"a"."organisation_id"', 'organisationId'],
  ['"a"."plan_id"', 'planId'],
  ['"a"."description"', 'description'],
  ['"a"."success_measures"', 'successMeasures'],
  ['"a"."rag_override_id"', 'ragOverrideId'],
]
  .map(([expression, field]) => `${expression} AS "${field}"`)
  .join(', ')}
  FROM "action" "a"
  LEFT JOIN "user" "owner" ON "owner"."id" = "a"."owner_id"
  LEFT JOIN "workstream" "workstream" ON "workstream"."id" = "a"."workstream_id"
 WHERE "a"."id" = $1 AND "a"."organisation_id" = $2`;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The only place that builds action queries. It also reads the few columns of findings,
 * workstreams and evidence the plan needs (existence in the organisation, names, counts), so
 * the actions feature does not depend on those features' services being built.
 */
@Injectable()
export class ActionsRepository {
  constructor(@InjectRepository(ActionEntity) private readonly repo: Repository<ActionEntity>) {}

  private actions(manager?: EntityManager): Repository<ActionEntity> {
    return manager?.getRepository(ActionEntity) ?? this.repo;
  }

  private get manager(): EntityManager {
    return this.repo.manager;
  }

  /**
   * The one way every feature loads an action for the access policy (`common/auth/access-policy.ts`):
   * only the columns its rules read, scoped to the organisation (another organisation's is null).
   */
  async findAccessScope(organisationId: string, id: string, options: ReadOptions = {}): Promise<ActionScope | null> {
    const qb = this.actions(options.manager)
      .createQueryBuilder('a')
      .select(['a.id', 'a.organisationId', 'a.planId', 'a.ownerId'])
      .where('a.id = :id AND a.organisationId = :organisationId', { id, organisationId });
    if (options.lock) qb.setLock('pessimistic_write');
    const row = await qb.getOne();
    return row ? { id: row.id, organisationId: row.organisationId, planId: row.planId, ownerId: row.ownerId } : null;
  }

  /** `lock` takes a row lock for the rest of the caller's transaction (serialises derived-field updates). */
  findInOrg(organisationId: string, id: string, manager?: EntityManager, lock = false): Promise<ActionEntity | null> {
    const qb = this.actions(manager).createQueryBuilder('a').where('a.id = :id AND a.organisationId = :organisationId', { id, organisationId });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /**
   * The action as GET /actions/:id shows it, with its owner and workstream, scoped to the
   * organisation (another organisation's is null); it carries the access policy's columns too.
   */
  async findDetail(organisationId: string, id: string): Promise<ActionDetailRow | null> {
    const rows = await this.manager.query<ActionDetailRow[]>(DETAIL_SQL, [id, organisationId]);
    return rows[0] ?? null;
  }

  /** The override that set an action's stored colour, with who set it (null when none). */
  async overrideShown(organisationId: string, overrideId: string | null): Promise<OverrideShownDto | null> {
    if (overrideId === null) return null;
    return (await findOverridesShown(this.manager, organisationId, [overrideId])).get(overrideId) ?? null;
  }

  insert(manager: EntityManager, row: NewAction): Promise<ActionEntity> {
    const repo = manager.getRepository(ActionEntity);
    return repo.save(repo.create(row));
  }

  /** Optimistic locking (`updateWithVersion`): the row as it now is; 404, or 409 stale_version when someone saved first. */
  updateVersioned(manager: EntityManager, key: { id: string; organisationId: string }, expectedVersion: number, changes: ActionChanges): Promise<ActionEntity> {
    return updateWithVersion(manager, ActionEntity, 'Action', key, expectedVersion, changes);
  }

  async referenceTaken(planId: string, reference: string, manager: EntityManager, exceptId?: string): Promise<boolean> {
    const qb = this.actions(manager).createQueryBuilder('a').where('a.planId = :planId AND a.reference = :reference', { planId, reference });
    if (exceptId) qb.andWhere('a.id <> :exceptId', { exceptId });
    return qb.getExists();
  }

  workstreamInPlan(organisationId: string, planId: string, id: string, manager: EntityManager): Promise<boolean> {
    return manager.getRepository(WorkstreamEntity).exists({ where: { id, organisationId, planId } });
  }

  /** The ids among `ids` that are findings of the plan. */
  async findingsInPlan(organisationId: string, planId: string, ids: string[], manager: EntityManager): Promise<string[]> {
    const rows = await manager.getRepository(FindingEntity).find({ select: { id: true }, where: { organisationId, planId, id: In(ids) } });
    return rows.map((r) => r.id);
  }

  async linkedFindingIds(actionId: string, manager?: EntityManager): Promise<string[]> {
    const rows = await (manager ?? this.manager).getRepository(ActionFindingEntity).find({ select: { findingId: true }, where: { actionId } });
    return rows.map((r) => r.findingId).sort();
  }

  /** The findings an action answers, as GET /actions/:id shows them: fixed SQL, no query building (bench/api-overhead.bench.ts). */
  linkedFindings(organisationId: string, actionId: string): Promise<LinkedFinding[]> {
    return this.manager.query<LinkedFinding[]>(
      `SELECT "f"."id", "f"."reference", "f"."title"
         FROM "finding" "f" JOIN "action_finding" "af" ON "af"."finding_id" = "f"."id"
        WHERE "af"."action_id" = $1 AND "f"."organisation_id" = $2
        ORDER BY "f"."reference" ASC`,
      [actionId, organisationId],
    );
  }

  async replaceFindingLinks(manager: EntityManager, organisationId: string, actionId: string, findingIds: string[]): Promise<void> {
    await manager.getRepository(ActionFindingEntity).delete({ actionId });
    await manager.getRepository(ActionFindingEntity).insert(findingIds.map((findingId) => ({ actionId, findingId, organisationId })));
  }

  /** What hangs off an action, by id and the label users know it by; a delete is refused while any exist. */
  async dependents(organisationId: string, actionId: string, manager: EntityManager): Promise<ActionDependents> {
    // One after another: inside a transaction they share one connection.
    const milestones = await manager
      .getRepository(MilestoneEntity)
      .find({ select: { id: true, title: true }, where: { organisationId, actionId }, order: { sortOrder: 'ASC', dueDate: 'ASC' } });
    const progressUpdates = await manager
      .getRepository(ProgressUpdateEntity)
      .find({ select: { id: true, updateDate: true }, where: { organisationId, actionId }, order: { updateDate: 'ASC', createdAt: 'ASC' } });
    const evidence = await manager
      .getRepository(EvidenceEntity)
      .find({ select: { id: true, title: true }, where: { organisationId, actionId }, order: { uploadedAt: 'ASC' } });
    return {
      milestones: milestones.map((m) => ({ id: m.id, label: m.title })),
      progressUpdates: progressUpdates.map((u) => ({ id: u.id, label: `of ${u.updateDate}` })),
      evidence: evidence.map((e) => ({ id: e.id, label: e.title })),
    };
  }

  async delete(manager: EntityManager, organisationId: string, id: string): Promise<void> {
    // The finding links go with it (ON DELETE CASCADE), as do computed RAG snapshots and overrides.
    await manager.getRepository(ActionEntity).delete({ id, organisationId });
  }

  async evidenceCounts(organisationId: string, actionId: string): Promise<EvidenceCounts> {
    const rows = await this.manager.query<{ state: keyof EvidenceCounts; count: number }[]>(
      `SELECT CASE WHEN "e"."withdrawn_at" IS NULL THEN "e"."review_state" ELSE 'withdrawn' END AS "state", COUNT(*)::int AS "count"
         FROM "evidence" "e"
        WHERE "e"."organisation_id" = $1 AND "e"."action_id" = $2
        GROUP BY 1`,
      [organisationId, actionId],
    );
    const counts: EvidenceCounts = { submitted: 0, accepted: 0, rejected: 0, withdrawn: 0 };
    for (const r of rows) if (r.state in counts) counts[r.state] = r.count;
    return counts;
  }

  /**
   * One page of the plan as raw rows of only the columns the list shows, in fixed SQL (no query
   * building, no entity hydration: bench/api-overhead.bench.ts), with the total of the filters.
   *
   * - The page is chosen on the action table alone (its ordering index, OFFSET/LIMIT) and only its
   *   rows are joined to their owner and workstream (page 200 joined 10,000 rows before).
   * - The total without filters other than the workstream and the colours is the sum of the kept
   *   counts (plan_colour_count, kept by triggers in the writing transaction: migration
   *   DashboardCounts) instead of COUNT(*) over 100,000 rows.
   * - A text search reads action_search (kept by triggers: migration ActionSearchTable), not the
   *   action rows: it counts first, then reads the page only when it has rows. With no other
   *   filter and the reference order, both are answered by action_search alone: the count through
   *   its trigram index (or, for two characters, which hold no trigram, its character pairs
   *   index), the page's ids through the same index when the matches are few, else along its
   *   reference-order index (the text is in it: no table read) until a page of matches is found
   *   (within SEARCH_WALK_MAX entries, else by sorting the matches); only the page's rows are then
   *   read from action. Otherwise the matching ids are one more filter of the action query.
   * Filters through findings are EXISTS subqueries, so an action answering several matching
   * findings appears once and COUNT(*) needs no DISTINCT.
   */
  async findSummaryPage(organisationId: string, planId: string, q: ActionQueryDto): Promise<[ActionSummaryRow[], number]> {
    if (!q.q) return Promise.all([this.summaryRows(organisationId, planId, q, null), this.countOf(organisationId, planId, q, null)]);
    return this.searchPage(organisationId, planId, q, [], async (search, m) => {
      const rows = await this.summaryRows(organisationId, planId, q, search, m);
      return [rows, rows.length];
    });
  }

  /**
   * A text search's page and total: it counts first, then reads the page only when it has rows
   * (`read`: the page and how many rows it has). With many matches and action_search alone, the
   * page is first looked for along the reference order (SEARCH_WALK_MAX entries past the offset),
   * else the matches are sorted.
   */
  private async searchPage<T>(
    organisationId: string,
    planId: string,
    q: ActionQueryDto,
    none: T,
    read: (search: SearchBy, m: EntityManager) => Promise<[T, number]>,
  ): Promise<[T, number]> {
    const search = textSearch(q);
    if (search.by === 'pairs') {
      // The pairs index answers "contains" exactly (no recheck: 5 ms for 11,000 matches), but the
      // planner charges the pairs function per row on every path, so when most of the plan matches
      // (`ac` in "action") it scans the table or the plan's order index calling that function on
      // every row (60 ms at 11,000 actions, seconds at 100,000). Read-only statements: with
      // searchScope, the pairs index is forced for this transaction alone.
      return this.manager.transaction(async (m) => {
        await m.query('SET LOCAL enable_seqscan = off');
        return this.searchPageWith(organisationId, planId, q, none, read, search, m);
      });
    }
    return this.searchPageWith(organisationId, planId, q, none, read, search, this.manager);
  }

  private async searchPageWith<T>(
    organisationId: string,
    planId: string,
    q: ActionQueryDto,
    none: T,
    read: (search: SearchBy, m: EntityManager) => Promise<[T, number]>,
    search: SearchBy,
    m: EntityManager,
  ): Promise<[T, number]> {
    const total = await this.countOf(organisationId, planId, q, search, m);
    if (total === 0 || q.skip >= total) return [none, total];
    if (search.alone && total > SEARCH_PAGE_BY_MATCH_MAX) {
      // Many matches: walk the reference order, at most SEARCH_WALK_MAX entries past the offset.
      // Matches bunched away from the start (a reference prefix in descending order) leave the page
      // short: then sort the matches.
      const [page, rows] = await read({ ...search, page: 'order' }, m);
      if (rows >= Math.min(q.pageSize, total - q.skip)) return [page, total];
    }
    return [(await read(search.alone ? { ...search, page: 'matches' } : search, m))[0], total];
  }

  private summaryRows(organisationId: string, planId: string, q: ActionQueryDto, search: SearchBy | null, m = this.manager): Promise<ActionSummaryRow[]> {
    const { page, params } = pageIdsSql(organisationId, planId, q, search);
    const order = pageOrder(q);
    return m.query<ActionSummaryRow[]>(
      `SELECT ${SUMMARY_SELECT}
         FROM (${page}) "page" ${PAGE_ROWS}
        ORDER BY ${order}`,
      params,
    );
  }

  /**
   * One page of the plan as the API answers it, the JSON text made by PostgreSQL: `[items, total]`,
   * items being the JSON array of `ActionSummaryDto` exactly as
   * `JSON.stringify(rows.map(summaryRowToDto))` writes it (same fields, order and formats; a test
   * compares the two), for a text search too (its page found as `findSummaryPage` finds it). The
   * API sends it as it is: no 50 rows of 29 columns parsed into objects, mapped and serialised
   * again per request (bench/api-overhead.bench.ts).
   */
  async findSummaryPageJson(organisationId: string, planId: string, q: ActionQueryDto): Promise<[string, number]> {
    const items = async (search: SearchBy | null, m = this.manager): Promise<[string, number]> => {
      const { page, params } = pageIdsSql(organisationId, planId, q, search);
      const order = pageOrder(q);
      const rows = await m.query<{ items: string; n: number }[]>(
        `SELECT COALESCE('[' || string_agg(row_to_json("item")::text, ',' ORDER BY ${order}) || ']', '[]') AS "items", COUNT(*)::int AS "n"
           FROM (${page}) "page" ${PAGE_ROWS}
           CROSS JOIN LATERAL (SELECT ${SUMMARY_JSON_SELECT}) "item"`,
        params,
      );
      return [rows[0]?.items ?? '[]', rows[0]?.n ?? 0];
    };
    if (q.q) return this.searchPage(organisationId, planId, q, '[]', items);
    return Promise.all([items(null).then(([json]) => json), this.countOf(organisationId, planId, q, null)]);
  }

  private async countOf(organisationId: string, planId: string, q: ActionQueryDto, search: SearchBy | null, m = this.manager): Promise<number> {
    if (!search && keptCountServes(q)) {
      const params: unknown[] = [organisationId, planId];
      let sql = `SELECT COALESCE(SUM("count"), 0)::int AS "n" FROM "plan_colour_count" WHERE "organisation_id" = $1 AND "plan_id" = $2`;
      if (q.workstreamId) {
        params.push(q.workstreamId);
        sql += ` AND "kind" = 'workstream' AND "group_id" = $3`;
      } else sql += ` AND "kind" = 'all' AND "group_id" = $2`;
      if (q.ragColour?.length) {
        params.push(q.ragColour);
        sql += ` AND "colour" = ANY($${params.length}::varchar[])`;
      }
      const rows = await m.query<{ n: number }[]>(sql, params);
      return rows[0]?.n ?? 0;
    }
    if (search?.alone) {
      const params: unknown[] = [organisationId, planId, search.by === 'pairs' ? search.q : likePattern(search.q)];
      const rows = await m.query<{ n: number }[]>(
        `SELECT COUNT(*)::int AS "n" FROM "action_search" "s" WHERE ${searchScope(search.by)} AND ${searchMatch(search.by, '$3')}`,
        params,
      );
      return rows[0]?.n ?? 0;
    }
    const { conditions, params } = filterSql(organisationId, planId, q, search);
    const rows = await m.query<{ n: number }[]>(`SELECT COUNT(*)::int AS "n" FROM "action" "a" WHERE ${conditions}`, params);
    return rows[0]?.n ?? 0;
  }
}

/**
 * How a text search reads action_search. `by`: `search ILIKE '%q%'` (its trigram index) or, for
 * two characters, its character pairs index (the same rows). `alone`: no other filter and the
 * reference order, so action_search alone answers the count and the page. `page` (only when
 * alone): the page's ids are chosen on action_search, by sorting the matches found through the
 * index or by walking the reference order.
 */
interface SearchBy {
  q: string;
  by: 'like' | 'pairs';
  alone: boolean;
  page?: 'matches' | 'order';
}

/** A page's ids ("page") joined to their action rows, owners and workstreams: what both list queries read. */
const PAGE_ROWS = `JOIN "action" "a" ON "a"."id" = "page"."id"
  LEFT JOIN "user" "owner" ON "owner"."id" = "a"."owner_id"
  LEFT JOIN "workstream" "workstream" ON "workstream"."id" = "a"."workstream_id"`;

/** Up to this many matches a page sorts them; above, it first walks the reference order, where matches are dense enough. */
const SEARCH_PAGE_BY_MATCH_MAX = 2000;
/** How far past the offset that walk goes (index entries) before it gives up for sorting the matches. */
const SEARCH_WALK_MAX = 5000;

/**
 * `search` is the reference, a line feed and the title, so `search ILIKE '%q%'` is exactly
 * "reference or title ILIKE '%q%'" unless q holds a line feed (a match could span the two): then
 * it only narrows, and the action's own columns decide (filterSql). A two-character q (in
 * characters, as PostgreSQL counts them) without a line feed is matched through the pairs index.
 */
function textSearch(q: ActionQueryDto): SearchBy {
  const text = q.q ?? '';
  const newline = text.includes('\n');
  const sortByReference = (q.sort ?? 'reference').endsWith('reference');
  return {
    q: text,
    by: [...text].length === 2 && !newline ? 'pairs' : 'like',
    alone: !newline && sortByReference && !(q.workstreamId || q.ownerId || q.status?.length || q.ragColour?.length || q.dueBefore || q.dueAfter || q.overdueAt || q.findingId || q.noticeId || q.inspectionId || q.regulator),
  };
}

const likePattern = (q: string) => `%${escapeLike(q)}%`;

/**
 * The organisation ($1) and plan ($2) condition on action_search "s" for a search. For two
 * characters it is written so that no index can take it (`IS TRUE`): with the sequential scan off
 * for the statement (searchPage), the only path left is the pairs index, which answers "contains"
 * exactly. Otherwise the planner, which charges the pairs function per row on every path, walks
 * the plan's reference-order index calling it on every row when most of the plan matches.
 */
function searchScope(by: SearchBy['by']): string {
  const scope = `"s"."organisation_id" = $1 AND "s"."plan_id" = $2`;
  return by === 'pairs' ? `(${scope}) IS TRUE` : scope;
}

/** The condition on action_search "s"; `param` holds q (pairs) or its ILIKE pattern (like). */
function searchMatch(by: SearchBy['by'], param: string): string {
  // For two characters, exactly "search ILIKE '%q%'" (action_search_pairs: migration ActionSearchTable).
  return by === 'pairs' ? `action_search_pairs("s"."search") @> ARRAY[lower(${param}::text)]` : `"s"."search" ILIKE ${param}`;
}

/** The kept per-plan counts (by workstream and colour) answer the total when no other filter is set. */
function keptCountServes(q: ActionQueryDto): boolean {
  return !(q.ownerId || q.status?.length || q.dueBefore || q.dueAfter || q.overdueAt || q.q || q.findingId || q.noticeId || q.inspectionId || q.regulator);
}

/** The ORDER BY of a page ("a" the action): the reference is unique in the plan, so the last key only makes the order total. */
function pageOrder(q: ActionQueryDto): string {
  const sort = q.sort ?? 'reference';
  const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
  return sort.endsWith('dueDate')
    ? `"a"."due_date" ${direction}, "a"."reference_sort_key" ASC, "a"."reference" ${direction}`
    : `"a"."reference_sort_key" ${direction}, "a"."reference" ${direction}`;
}

/**
 * The page's action ids ("id"), in the page's order, with their parameters. With no filter at all
 * and the reference order, they are read from action_search's reference-order index alone (an
 * index-only scan: action_search is written only when a reference, title or plan changes, so its
 * pages stay all-visible, where the RAG recompute rewrites every action row): page 200 of 50 steps
 * over 10,000 index entries of a 12 MB index (about 150 pages read), not 10,000 index entries and
 * action rows (7,400 pages read after a recompute). Otherwise on the action table (`filterSql`).
 */
function pageIdsSql(organisationId: string, planId: string, q: ActionQueryDto, search: SearchBy | null): { page: string; params: unknown[] } {
  if (!search && !q.workstreamId && !q.ragColour?.length && keptCountServes(q) && (q.sort ?? 'reference').endsWith('reference')) {
    const direction = q.sort?.startsWith('-') ? 'DESC' : 'ASC';
    return {
      page: `SELECT "s"."action_id" AS "id" FROM "action_search" "s" WHERE "s"."organisation_id" = $1 AND "s"."plan_id" = $2
              ORDER BY "s"."reference_sort_key" ${direction}, "s"."reference" ${direction} OFFSET $3 LIMIT $4`,
      params: [organisationId, planId, q.skip, q.pageSize],
    };
  }
  const { conditions, params } = filterSql(organisationId, planId, q, search);
  // A search's page chosen on action_search (`SearchBy.page`) is this page already: no offset.
  params.push(search?.page ? 0 : q.skip, q.pageSize);
  const n = params.length;
  return { page: `SELECT "a"."id" FROM "action" "a" WHERE ${conditions} ORDER BY ${pageOrder(q)} OFFSET $${n - 1} LIMIT $${n}`, params };
}

/** [SQL expression AS field, ...] of the list's columns. */
const SUMMARY_SELECT = SUMMARY_COLUMNS.map(([expression, field]) => `${expression} AS "${field}"`).join(', ');

/** The WHERE of the plan's actions under the query's filters, with its parameters ($1 the organisation, $2 the plan). */
function filterSql(organisationId: string, planId: string, q: ActionQueryDto, search: SearchBy | null): { conditions: string; params: unknown[] } {
  const params: unknown[] = [organisationId, planId];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = ['"a"."organisation_id" = $1', '"a"."plan_id" = $2'];
  if (q.workstreamId) where.push(`"a"."workstream_id" = ${p(q.workstreamId)}`);
  if (q.ownerId) where.push(`"a"."owner_id" = ${p(q.ownerId)}`);
  if (q.status?.length) where.push(`"a"."status" = ANY(${p(q.status)}::varchar[])`);
  if (q.ragColour?.length) where.push(`"a"."rag_colour" = ANY(${p(q.ragColour)}::varchar[])`);
  if (q.dueBefore) where.push(`"a"."due_date" < ${p(q.dueBefore)}::date`);
  if (q.dueAfter) where.push(`"a"."due_date" > ${p(q.dueAfter)}::date`);
  if (q.overdueAt) where.push(`"a"."due_date" < ${p(q.overdueAt)}::date AND "a"."status" NOT IN ('complete', 'embedded')`);
  if (q.q && search?.page) {
    // The page's ids, chosen on action_search alone (the caller reads them with no offset).
    const direction = q.sort?.startsWith('-') ? 'DESC' : 'ASC';
    const order = `"s"."reference_sort_key" ${direction}, "s"."reference" ${direction}`;
    const plan = `"s"."organisation_id" = $1 AND "s"."plan_id" = $2`;
    let ids: string;
    if (search.page === 'matches') {
      const match = searchMatch(search.by, p(search.by === 'pairs' ? search.q : likePattern(search.q)));
      ids = `SELECT "s"."action_id" FROM "action_search" "s" WHERE ${searchScope(search.by)} AND ${match} ORDER BY ${order} OFFSET ${p(q.skip)} LIMIT ${p(q.pageSize)}`;
    } else {
      // Along the reference-order index, the text and id read from the index (an index-only scan),
      // SEARCH_WALK_MAX entries past the offset at most. The inner LIMIT keeps the match out of
      // the index scan (it would be planned as a bitmap of every match); for two characters
      // ILIKE is the same test as the pairs index.
      const like = p(likePattern(search.q));
      ids = `SELECT "s"."action_id" FROM (SELECT "s"."action_id", "s"."search" FROM "action_search" "s" WHERE ${plan} ORDER BY ${order} LIMIT ${p(q.skip + SEARCH_WALK_MAX)}) "s"
              WHERE "s"."search" ILIKE ${like} OFFSET ${p(q.skip)} LIMIT ${p(q.pageSize)}`;
    }
    // Run once (an InitPlan), then read by key: as IN, a planner without statistics could rerun it per action.
    where.push(`"a"."id" = ANY(ARRAY(${ids}))`);
  } else if (q.q) {
    const byPairs = search?.by === 'pairs';
    const value = p(byPairs ? q.q : likePattern(q.q));
    where.push(
      `"a"."id" IN (SELECT "s"."action_id" FROM "action_search" "s" WHERE ${searchScope(byPairs ? 'pairs' : 'like')} AND ${searchMatch(byPairs ? 'pairs' : 'like', value)})`,
    );
    // A line feed in q (never matched by pairs): a match in "search" could span the reference and the title.
    if (q.q.includes('\n')) where.push(`("a"."reference" ILIKE ${value} OR "a"."title" ILIKE ${value})`);
  }
  if (q.findingId) where.push(`EXISTS (SELECT 1 FROM action_finding af WHERE af.action_id = "a"."id" AND af.finding_id = ${p(q.findingId)})`);
  if (q.noticeId || q.inspectionId || q.regulator) {
    const conditions = ['af.action_id = "a"."id"'];
    if (q.noticeId) conditions.push(`f.notice_id = ${p(q.noticeId)}`);
    if (q.inspectionId) conditions.push(`f.inspection_id = ${p(q.inspectionId)}`);
    if (q.regulator) conditions.push(`lower(r.code) = lower(${p(q.regulator)})`);
    const joins = q.regulator ? 'JOIN inspection i ON i.id = f.inspection_id JOIN regulator r ON r.id = i.regulator_id' : '';
    // All conditions on the same finding: "answers a finding of this inspection under this notice".
    where.push(`EXISTS (SELECT 1 FROM action_finding af JOIN finding f ON f.id = af.finding_id ${joins} WHERE ${conditions.join(' AND ')})`);
  }
  return { conditions: where.join(' AND '), params };
}
