import { Injectable, Logger } from '@nestjs/common';
import type { PoolClient, QueryArrayConfig } from 'pg';
import { DataSource } from 'typeorm';
import type { CalendarDate } from '../../common/dates/calendar-date';
import { safeDatabaseError } from '../../common/errors/safe-database-error';
import { retryTransientConflict } from '../../common/persistence/transient-conflict';
import { endOfLondonDay } from '../policy/end-of-day';
import { ActionIdMerge } from './action-id-merge';
import type { ActionFactRow, FactRows, MilestoneFactRow } from './rag-facts';
import { statusAtSql } from '../../actions/status-at.sql';
import { actionDatesAtSql, milestoneDueAtSql } from '../../actions/dates-at.sql';

export interface WriteCounts {
  /** Actions whose stored (current) colour was written (it differed from this computation's, or came from older facts). */
  coloursWritten: number;
  /**
   * Actions whose stored colour already was this computation's (same colour, reasons, override,
   * policy version, date and facts version): left as they were, computedAt included, as an
   * unchanged snapshot is.
   */
  coloursUnchanged: number;
  /** Snapshots inserted or changed (an unchanged snapshot is left alone, computedAt included). */
  snapshotsWritten: number;
}

/** What a recompute tells the facts read so that it can return settled actions as such (see actionFactsSql). */
export interface SettleOptions {
  /** The policy version the results will be written with. */
  policyVersion: number;
  /**
   * Most actions are expected settled (they hold a result stored for the date from their current
   * facts): their other facts are then not read at all. Only a choice of plan, never of result.
   */
  mostlySettled: boolean;
  /** Only results computed at or after this time are taken as settled (see RagComputeService.firstComputedAt). */
  computedSince: Date;
}

export interface WriteBatch {
  organisationId: string;
  asOf: CalendarDate;
  policyVersion: number;
  /** When the facts were read (database time): an older computation never overwrites a newer one. */
  computedAt: Date;
  /** Write the action's stored colour too (only for today's date), not only the snapshot. */
  writeCurrent: boolean;
  /** From toWriteDocument. */
  document: string;
}

/**
 * The RAG's reads and writes, set-based: one statement per kind of fact for the whole organisation
 * (or one action), one statement per chunk of results. Dates leave the database as 'YYYY-MM-DD'
 * text, never as Date objects, so no time zone can move them.
 */
@Injectable()
export class RagFactsRepository {
  private readonly logger = new Logger(RagFactsRepository.name);

  constructor(private readonly dataSource: DataSource) {}

  /** Database time, the one clock every worker replica shares. */
  async databaseNow(): Promise<Date> {
    const rows = await this.dataSource.query<{ now: Date }[]>('SELECT clock_timestamp() AS now');
    return rows[0].now;
  }

  /**
   * The plan's (or organisation's) actions, and how many of them hold a result stored for `asOf`
   * from the facts as they are now, computed since `computedSince` (a re-run of that date may
   * find them settled; see streamFacts). None when `computedSince` is null.
   */
  async countActions(
    organisationId: string,
    planId: string | null,
    asOf: CalendarDate,
    computedSince: Date | null,
  ): Promise<{ actions: number; storedForDate: number }> {
    const rows = await this.dataSource.query<{ actions: number; stored: number }[]>(
      `SELECT count(*)::int AS actions,
              (count(*) FILTER (WHERE ${storedFromCurrentFacts('$3', '$4')}))::int AS stored
       FROM action a WHERE a.organisation_id = $1 AND ($2::uuid IS NULL OR a.plan_id = $2)`,
      [organisationId, planId, asOf, computedSince],
    );
    return { actions: rows[0].actions, storedForDate: rows[0].stored };
  }

  /** The plan of one of the organisation's actions; null when there is no such action. */
  async planOfAction(organisationId: string, actionId: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ planId: string }[]>('SELECT plan_id AS "planId" FROM action WHERE organisation_id = $1 AND id = $2', [organisationId, actionId]);
    return rows[0]?.planId ?? null;
  }

  /** Every plan of the organisation, open or closed (an organisation-wide recompute goes plan by plan). */
  async planIdsOf(organisationId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>('SELECT id FROM plan WHERE organisation_id = $1 ORDER BY created_at, id', [organisationId]);
    return rows.map((r) => r.id);
  }

  /** Every active plan (closed plans are frozen: the nightly run leaves them as they were). */
  async activePlans(): Promise<{ organisationId: string; planId: string }[]> {
    return this.dataSource.query<{ organisationId: string; planId: string }[]>(
      `SELECT organisation_id AS "organisationId", id AS "planId" FROM plan WHERE status = 'active' ORDER BY organisation_id, id`,
    );
  }

  async organisationIds(): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>('SELECT id FROM organisation ORDER BY id');
    return rows.map((r) => r.id);
  }

  /**
   * Every fact the policy reads for one action: the two statements the organisation-wide
   * recompute streams (streamFacts), run one after the other in one snapshot (REPEATABLE READ).
   * Run at once on two connections, a change committed between them could give milestones older
   * than the facts version read with the action, and that result would then pass as settled.
   */
  async loadFacts(organisationId: string, asOf: CalendarDate, actionId: string): Promise<FactRows> {
    const values = [organisationId, asOf, endOfLondonDay(asOf), actionId];
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      // TypeORM's postgres query runner hands out the pg client it holds. Rows as arrays: the
      // shape the stream reads too (ActionFactRow, MilestoneFactRow).
      const client = (await manager.queryRunner!.connect()) as PoolClient;
      const arrays = async <T extends unknown[]>(text: string) => (await client.query<T>({ text, values, rowMode: 'array' } as QueryArrayConfig)).rows;
      const actions = await arrays<ActionFactRow>(actionFactsSql('AND a.id = $4', 'AND p.action_id = $4', 'AND e.action_id = $4', 'AND o.action_id = $4', ''));
      const milestones = await arrays<MilestoneFactRow>(milestoneFactsSql('AND m.action_id = $4', ''));
      return { actions, milestones };
    });
  }

  /**
   * The whole organisation's facts, a chunk of actions at a time, each with exactly its open
   * milestones (those a rule can fire on). Two server-side cursors, both ordered by action id and
   * merged as they stream, on two connections sharing one snapshot of the plan (REPEATABLE READ,
   * the second importing the first's exported snapshot): the database reads both at once, and the
   * next chunk is fetched while the caller works on this one. Memory stays at a few chunks,
   * however large the plan.
   *
   * `snapshot`: a snapshot the caller exported (pg_export_snapshot) from a transaction it keeps
   * open while it reads the stream; both connections import it instead of taking their own, so the
   * facts are those the caller's own reads see (the history check compares them with stored rows).
   */
  async *streamFacts(
    organisationId: string,
    asOf: CalendarDate,
    chunkSize: number,
    planId: string | null = null,
    settle?: SettleOptions,
    snapshot?: string,
  ): AsyncGenerator<FactRows> {
    const runners = [this.dataSource.createQueryRunner(), this.dataSource.createQueryRunner()];
    const open: PoolClient[] = [];
    try {
      const [actionsClient, milestonesClient] = (await Promise.all(runners.map((r) => r.connect()))) as PoolClient[];
      const begin = async (client: PoolClient, imported?: string) => {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        open.push(client);
        if (imported) await client.query(`SET TRANSACTION SNAPSHOT '${imported}'`);
        // Sorting 100,000 rows for a cursor fits in memory instead of spilling to disk; compiling
        // these plans (JIT) costs more than it saves on a scan of this size.
        await client.query(`SET LOCAL work_mem = '64MB'`);
        await client.query('SET LOCAL jit = off');
      };
      const given = snapshot === undefined ? undefined : snapshotId(snapshot);
      await begin(actionsClient, given);
      const exported = given ?? snapshotId((await actionsClient.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0].id);
      await begin(milestonesClient, exported);
      const end = endOfLondonDay(asOf);
      // One plan's recompute reads that plan's actions and milestones only. The progress updates,
      // evidence and overrides are read for the organisation and joined to the plan's actions by
      // id: other plans' rows are read, never used (a council's plans share the scan; narrowing
      // each by plan would add a lookup per row for the usual council of one plan).
      // The milestones query joins each milestone's action already (`a`): its plan narrows it, with
      // no second scan of the plan's actions (an IN over them cost a third of that query).
      const [actionsOfPlan, milestonesOfPlan, values] = planId
        ? ['AND a.plan_id = $4', 'AND a.plan_id = $4', [organisationId, asOf, end, planId]]
        : ['', '', [organisationId, asOf, end]];
      // With the policy version the results will be written with: settled actions come back as such (see actionFactsSql).
      const settledBy = settle ? { policyVersion: `$${values.length + 1}`, computedSince: `$${values.length + 2}`, mostly: settle.mostlySettled } : null;
      const actionValues = settle ? [...values, settle.policyVersion, settle.computedSince] : values;
      // Reading the other facts of the unsettled actions only, the planner takes the set of them
      // for a few rows and looks each one's facts up by index (1.8 s against 1.0 s when none is
      // settled); hash joins are what it needs, whatever the count.
      if (settledBy?.mostly) await actionsClient.query('SET LOCAL enable_nestloop = off');
      await actionsClient.query({ text: `DECLARE rag_actions NO SCROLL CURSOR FOR ${actionFactsSql(actionsOfPlan, '', '', '', 'ORDER BY a.id', settledBy)}`, values: actionValues });
      await milestonesClient.query({ text: `DECLARE rag_milestones NO SCROLL CURSOR FOR ${milestoneFactsSql(milestonesOfPlan, 'ORDER BY m.action_id')}`, values });
      const fetch = async <T extends unknown[]>(client: PoolClient, cursor: string, count: number) =>
        (await client.query<T>({ text: `FETCH ${count} FROM ${cursor}`, rowMode: 'array' } as QueryArrayConfig)).rows;

      const milestones = new ActionIdMerge((n) => fetch<MilestoneFactRow>(milestonesClient, 'rag_milestones', n), chunkSize * 2);
      // Both cursors start at once: each sorts before its first row, on its own connection.
      milestones.prime();
      let next = fetch<ActionFactRow>(actionsClient, 'rag_actions', chunkSize);
      for (;;) {
        const actions = await next;
        if (actions.length === 0) break;
        const more = actions.length === chunkSize;
        next = more ? fetch<ActionFactRow>(actionsClient, 'rag_actions', chunkSize) : Promise.resolve([]);
        // The prefetch must not fail unobserved if the caller stops early; it is awaited next turn.
        next.catch(() => undefined);
        yield { actions, milestones: await milestones.upTo(actions[actions.length - 1][0]) };
        if (!more) break;
      }
      await next;
      await Promise.all(open.splice(0).map((client) => client.query('COMMIT')));
    } finally {
      await Promise.all(open.map((client) => client.query('ROLLBACK').catch(() => undefined)));
      await Promise.all(runners.map((r) => r.release()));
    }
  }

  /**
   * One chunk of results in ONE statement: the stored colours (UPDATE ... FROM the document) and
   * the snapshots (upsert on action and date). The JSON is parsed once and read by both.
   *
   * - The action's version and updated_at are never touched: the RAG is derived state, and bumping
   *   the version would make a user's edit in flight fail with 409.
   * - An action whose stored colour came from facts read later than ours is left alone (another
   *   job saw a newer state), and so is its snapshot.
   * - An action whose stored colour, reasons, override, policy version, date and facts version
   *   already are ours is not rewritten either (re-running a day rewrites nothing, as for snapshots): updating an
   *   action row writes a new row version and an entry in each of its eleven indexes, the bulk of
   *   a recompute. Those rows are locked FOR SHARE first (in id order), so no other writer can
   *   change them before this statement's snapshots are in; a row another writer changed
   *   meanwhile is no longer "unchanged" and goes through the UPDATE and its computedAt check.
   *   Only the results marked `same` (the stored colour, flag, date and version matched when the
   *   facts were read) are checked for it, and the UPDATE probes only the others and those that
   *   failed the check: each action row is looked up once, not twice. The version and date are
   *   compared as columns of `v`, not as constants: as constants the planner estimated from the
   *   statistics (taken before any colour was stored: no action had that date) that one action row
   *   would match, scanned the action table once and `v` once per action row (2,000 x 2,000 row
   *   pairs, 5 s, on a re-run of a 2,000-action plan); as join columns it looks each row up by id.
   * - A snapshot is only written for an action row this statement has updated or locked, so an
   *   action deleted meanwhile leaves none behind (rag_snapshot has no foreign key; a trigger
   *   deletes an action's snapshots). It carries the action's plan, for the trend counts that
   *   triggers on rag_snapshot keep (rag_trend_count).
   * - A snapshot with the same colour, reasons, override (flag, id, computed colour and reasons
   *   beneath) and policy version is not rewritten,
   *   so re-running a day changes nothing, not even computedAt.
   */
  async writeResults(batch: WriteBatch): Promise<WriteCounts> {
    // Another writer of the same actions at the same moment (a second recompute of the plan on
    // another worker, an action's own job, a bulk edit) can take their row locks in another order,
    // and PostgreSQL then rolls one statement back (40P01). The statement is idempotent (an older
    // computation never overwrites a newer one), so it is sent again rather than failing the job,
    // whose retry would recompute every action of the plan.
    return retryTransientConflict(() => this.writeResultsOnce(batch), {
      onRetry: (err, attempt) =>
        this.logger.warn({ organisationId: batch.organisationId, asOf: batch.asOf, attempt, sqlState: safeDatabaseError(err).sqlState }, 'RAG write rolled back by a concurrent writer; sending it again'),
    });
  }

  private async writeResultsOnce(batch: WriteBatch): Promise<WriteCounts> {
    const rows = await this.dataSource.query<{ colours: number; unchanged: number; snapshots: number }[]>(
      `WITH v AS MATERIALIZED (
         SELECT v."actionId" AS i, v.colour AS c, v.reasons AS r, v.overridden AS o,
                v."computedColour" AS cc, v."computedReasons" AS cr, v."overrideId" AS oi, coalesce(v.same, false) AS s,
                v."factsVersion" AS fv, $3::int AS pv, $4::date AS d
         FROM jsonb_to_recordset($1::jsonb) AS v("actionId" uuid, colour varchar, reasons jsonb, overridden boolean,
                                                 "computedColour" varchar, "computedReasons" jsonb, "overrideId" uuid, same boolean,
                                                 "factsVersion" int)
       ), unchanged AS (
         SELECT a.id, a.plan_id FROM action a JOIN v ON v.i = a.id
         WHERE $6::boolean AND v.s AND a.organisation_id = $2
           AND (a.rag_computed_at IS NULL OR a.rag_computed_at <= $5)
           AND (a.rag_colour, a.rag_reasons, a.rag_overridden, a.rag_computed_colour, a.rag_computed_reasons, a.rag_override_id,
                a.rag_policy_version, a.rag_as_of, a.rag_facts_version)
               IS NOT DISTINCT FROM (v.c, v.r, v.o, v.cc, v.cr, v.oi, v.pv, v.d, v.fv)
         ORDER BY a.id
         FOR SHARE OF a
       ), current_colour AS (
         UPDATE action a
         SET rag_colour = v.c, rag_reasons = v.r, rag_overridden = v.o, rag_policy_version = $3,
             rag_computed_colour = v.cc, rag_computed_reasons = v.cr, rag_override_id = v.oi,
             rag_as_of = $4::date, rag_computed_at = $5, rag_facts_version = v.fv
         FROM v
         WHERE $6::boolean AND a.id = v.i AND a.organisation_id = $2
           AND (a.rag_computed_at IS NULL OR a.rag_computed_at <= $5)
           AND (NOT v.s OR v.i NOT IN (SELECT id FROM unchanged))
         RETURNING a.id, a.plan_id
       ), locked AS (
         -- Another date: no action row is updated, so lock the rows the snapshots are for (the
         -- delete trigger then waits for us; see RagSnapshotEntity).
         SELECT a.id, a.plan_id FROM action a
         WHERE NOT $6::boolean AND a.organisation_id = $2 AND a.id IN (SELECT i FROM v)
         FOR KEY SHARE
       ), written AS (
         SELECT id, plan_id FROM current_colour UNION ALL SELECT id, plan_id FROM unchanged UNION ALL SELECT id, plan_id FROM locked
       ), snapshot AS (
         INSERT INTO rag_snapshot (organisation_id, plan_id, action_id, as_of, colour, reasons, overridden, computed_colour, computed_reasons,
                                   override_id, policy_version, computed_at)
         SELECT $2, w.plan_id, v.i, $4::date, v.c, v.r, v.o, v.cc, v.cr, v.oi, $3, $5
         FROM v JOIN written w ON w.id = v.i
         ON CONFLICT (action_id, as_of) DO UPDATE
         SET colour = EXCLUDED.colour, reasons = EXCLUDED.reasons, overridden = EXCLUDED.overridden,
             computed_colour = EXCLUDED.computed_colour, computed_reasons = EXCLUDED.computed_reasons,
             override_id = EXCLUDED.override_id, policy_version = EXCLUDED.policy_version, computed_at = EXCLUDED.computed_at
         WHERE (rag_snapshot.colour, rag_snapshot.reasons, rag_snapshot.overridden, rag_snapshot.computed_colour,
                rag_snapshot.computed_reasons, rag_snapshot.override_id, rag_snapshot.policy_version)
               IS DISTINCT FROM (EXCLUDED.colour, EXCLUDED.reasons, EXCLUDED.overridden, EXCLUDED.computed_colour,
                                 EXCLUDED.computed_reasons, EXCLUDED.override_id, EXCLUDED.policy_version)
           AND rag_snapshot.computed_at <= EXCLUDED.computed_at
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM current_colour)::int AS colours, (SELECT count(*) FROM unchanged)::int AS unchanged,
              (SELECT count(*) FROM snapshot)::int AS snapshots`,
      [batch.document, batch.organisationId, batch.policyVersion, batch.asOf, batch.computedAt, batch.writeCurrent],
    );
    return { coloursWritten: rows[0].colours, coloursUnchanged: rows[0].unchanged, snapshotsWritten: rows[0].snapshots };
  }
}

/** The id, if it has the form pg_export_snapshot returns (it is spliced into SET TRANSACTION SNAPSHOT, which takes no parameter). */
function snapshotId(id: string): string {
  if (!/^[0-9A-F-]+$/i.test(id)) throw new Error(`unexpected snapshot id '${id}'`);
  return id;
}

/**
 * The status an action had at the end of the reporting date ($3 is the first instant after it);
 * NULL when the action did not exist yet (it is then left out, as that day's nightly run did not see it).
 */
const STATUS_AT = statusAtSql('a', '$3');

/**
 * The action's start date, due date and progress percent at the end of the reporting date, and a
 * milestone's due date (src/actions/dates-at.sql.ts): its own when recorded by then (today: always).
 */
const DATES_AT = actionDatesAtSql('a', '$3');
const DATES_AT_COLUMNS = `${DATES_AT.startDate} AS start_at, ${DATES_AT.dueDate} AS due_at, ${DATES_AT.progressPercent} AS progress_at`;
const MILESTONE_DUE_AT = milestoneDueAtSql('m', '$3');

/**
 * The action `a`'s stored result is for the date `asOf` (a parameter), computed from its facts as
 * they still are (facts_version), since `computedSince` (a parameter: by this code). A NULL
 * `computedSince` matches nothing.
 */
const storedFromCurrentFacts = (asOf: string, computedSince: string) =>
  `a.rag_as_of = ${asOf}::date AND a.rag_facts_version = a.facts_version AND a.rag_computed_at >= ${computedSince}::timestamptz`;

/**
 * Whether the action's stored result is already this run's ($2 the reporting date; the parameters
 * `policyVersion`, the version the results will be written with, and `computedSince`, see
 * RagComputeService.firstComputedAt): computed for that date with that policy version from the
 * facts as they still are (facts_version, which triggers raise on any change to what the policy
 * reads: migration RagFactsVersion), by this code (since `computedSince`), and that date's
 * snapshot holds exactly the stored result (compared as writeResults compares a snapshot with a
 * result).
 * The policy is a pure function of those facts, the date and the policy, so evaluating it again
 * would give the stored result, and writing it would change nothing. The snapshot is looked up by
 * its key, row by row, and only for those actions: a join to the date's snapshots was planned from
 * statistics that had seen none for that date (one row expected, 100,000 found), and a nested
 * loop over them took minutes.
 */
const settledSql = (policyVersion: string, computedSince: string) => `CASE WHEN ${storedFromCurrentFacts('$2', computedSince)} AND a.rag_policy_version = ${policyVersion}::int
                 THEN EXISTS (
                   SELECT 1 FROM rag_snapshot s WHERE s.action_id = a.id AND s.as_of = $2::date
                     AND (s.colour, s.reasons, s.overridden, s.computed_colour, s.computed_reasons, s.override_id, s.policy_version)
                         IS NOT DISTINCT FROM (a.rag_colour, a.rag_reasons, a.rag_overridden, a.rag_computed_colour, a.rag_computed_reasons,
                                               a.rag_override_id, a.rag_policy_version))
                 ELSE false END`;

/**
 * An evidence item's review state as decided by the end of the reporting date: its current state
 * when that decision was recorded by then (or has no time), else the newest review recorded by
 * then, else 'submitted'. Every decision is kept in evidence_review, so none is lost.
 */
const REVIEW_STATE_AT = `CASE WHEN e.reviewed_at IS NULL OR e.reviewed_at < $3 THEN e.review_state
       ELSE coalesce((SELECT r.decision FROM evidence_review r WHERE r.evidence_id = e.id AND r.reviewed_at < $3
                      ORDER BY r.reviewed_at DESC, r.id DESC LIMIT 1), 'submitted') END`;

/**
 * Accepted at the end of the date. A decision is final (the evidence service refuses a second), so
 * an item accepted then is accepted now: the current state narrows the scan (an index serves it).
 */
const ACCEPTED_BY_THEN = `AND e.review_state = 'accepted' AND (${REVIEW_STATE_AT}) = 'accepted'`;

/**
 * One row per action that existed at the end of the reporting date, with what the policy reads
 * besides milestones, each fact as it stood then (see "What a date sees" in rag-facts.ts): its
 * status, start and due dates and progress percent; its newest progress update dated on or before the date; its newest and newest accepted
 * evidence (uploaded by then and not withdrawn by then, by upload time, in the review state
 * decided by then); the override in force (set by then, not ended by then, not expired at the
 * date; the newest if several); then its stored colour, date, policy version and override flag,
 * and its facts version.
 * $1 organisation, $2 asOf, $3 the first instant after asOf (London); the scope fragments narrow
 * it to one action.
 *
 * `settled` (parameters, e.g. '$5' and '$6', and whether most actions are expected settled): an
 * action whose stored result is settled (settledSql) comes back as its id, its stored colour and
 * `true` in the last column, every other column NULL: a re-run of a date sends Node neither the
 * facts nor the work of evaluating them again. The id stays: the stream hands each chunk the
 * milestones up to its last row's id, and a chunk may end on a settled row.
 */
export function actionFactsSql(
  actionScope: string,
  updateScope: string,
  evidenceScope: string,
  overrideScope: string,
  orderBy: string,
  settled: { policyVersion: string; computedSince: string; mostly: boolean } | null = null,
): string {
  // Mostly settled (a re-run of a date): the others' facts only are read (below).
  const unsettledOnly = (column: string) => (settled?.mostly ? `AND ${column} IN (SELECT id FROM unsettled)` : '');
  const newestEvidence = (accepted: boolean) =>
    `SELECT DISTINCT ON (e.action_id) e.action_id, ${accepted ? `'accepted'` : REVIEW_STATE_AT} AS review_state,
            (e.uploaded_at AT TIME ZONE 'Europe/London')::date AS day
     FROM evidence e
     WHERE e.organisation_id = $1 AND e.uploaded_at < $3 AND (e.withdrawn_at IS NULL OR e.withdrawn_at >= $3)
       ${accepted ? ACCEPTED_BY_THEN : ''} ${evidenceScope} ${unsettledOnly('e.action_id')}
     ORDER BY e.action_id, e.uploaded_at DESC, e.id DESC`;
  // After a.id, which every row carries, settled or not.
  const columns = [
    'a.reference', 'a.title', 'a.status_at', 'a.start_at::text', 'a.due_at::text', 'a.progress_at',
    'u.last_update::text', 'n.review_state', 'n.day::text', 'acc.day::text',
    'o.colour', 'o.reason', 'o.expires_on::text', 'o.id',
  ];
  const stored = ['a.rag_as_of::text', 'a.rag_policy_version', 'a.rag_overridden', 'a.facts_version'];
  const unlessSettled = (expression: string) => (settled ? `CASE WHEN NOT a.settled THEN ${expression} END` : expression);
  // The actions are read once into `a`: with `settled`, a MATERIALIZED CTE or a subquery behind
  // OFFSET 0, so that `settled` (with its snapshot lookup) is computed once per action; pulled up
  // into the outer query, it was computed once per column that reads it, 21 times a row (5.2 s).
  // Mostly settled, the progress updates, evidence and overrides are read for the others only: on
  // a re-run of a date with nothing changed, none (the hash joins over those tables, two thirds of
  // the read, find their inner side empty and stop: 0.6 s against 1.0-1.1 s at 100,000 actions).
  // Otherwise that costs more than it saves (the set built and probed for each table: 1.0 s against
  // 0.7 s when nothing is settled), so the joins read every action's facts, as without `settled`.
  const withSettled = settled ? `, ${settledSql(settled.policyVersion, settled.computedSince)} AS settled` : '';
  const actions = settled?.mostly
    ? `WITH a AS MATERIALIZED (
         SELECT a.id, a.reference, a.title, ${DATES_AT_COLUMNS}, a.rag_colour, a.rag_as_of, a.rag_policy_version,
                a.rag_overridden, a.facts_version, ${STATUS_AT} AS status_at ${withSettled}
         FROM action a WHERE a.organisation_id = $1 ${actionScope}),
       unsettled AS (SELECT id FROM a WHERE NOT a.settled AND a.status_at IS NOT NULL)`
    : '';
  const from = settled?.mostly
    ? 'a'
    : `(SELECT a.*, ${STATUS_AT} AS status_at, ${DATES_AT_COLUMNS} ${withSettled} FROM action a WHERE a.organisation_id = $1 ${actionScope} ${settled ? 'OFFSET 0' : ''}) a`;
  return `${actions}
          SELECT a.id, ${columns.map(unlessSettled).join(', ')},
                 a.rag_colour, ${stored.map(unlessSettled).join(', ')}, ${settled ? 'a.settled' : 'false'}
          FROM ${from}
          LEFT JOIN (SELECT p.action_id, max(p.update_date) AS last_update FROM progress_update p
                     WHERE p.organisation_id = $1 AND p.update_date <= $2::date AND (p.recorded_at IS NULL OR p.recorded_at < $3) ${updateScope}
                       ${unsettledOnly('p.action_id')}
                     GROUP BY p.action_id) u ON u.action_id = a.id
          LEFT JOIN (${newestEvidence(false)}) n ON n.action_id = a.id
          LEFT JOIN (${newestEvidence(true)}) acc ON acc.action_id = a.id
          LEFT JOIN (SELECT DISTINCT ON (o.action_id) o.action_id, o.colour, o.reason, o.expires_on, o.id FROM rag_override o
                     WHERE o.organisation_id = $1 AND o.set_at < $3 AND (o.ended_at IS NULL OR o.ended_at >= $3)
                       AND o.expires_on >= $2::date ${overrideScope} ${unsettledOnly('o.action_id')}
                     ORDER BY o.action_id, o.set_at DESC, o.id DESC) o ON o.action_id = a.id
          WHERE a.status_at IS NOT NULL
          ${orderBy}`;
}

/**
 * The open milestones a rule can fire on ($1 organisation, $2 asOf, $3 the first instant after
 * it): entered by then, not completed on or before asOf with the completion recorded by then, and
 * either past their due date at asOf (the due date as it stood then) or belonging to an action
 * complete or embedded at asOf. See rag-facts.ts.
 */
export function milestoneFactsSql(scope: string, orderBy: string): string {
  return `SELECT m.action_id, m.title, (${MILESTONE_DUE_AT})::text, m.sort_order
          FROM milestone m JOIN action a ON a.id = m.action_id
          WHERE m.organisation_id = $1 AND (m.recorded_at IS NULL OR m.recorded_at < $3)
            AND (m.completed_on IS NULL OR m.completed_on > $2::date OR m.completion_recorded_at >= $3)
            AND NOT EXISTS (SELECT 1 FROM regulator_deadline rd WHERE rd.milestone_id = m.id AND rd.not_applicable_at < $3)
            AND ((${MILESTONE_DUE_AT}) < $2::date OR (${STATUS_AT}) IN ('complete', 'embedded')) ${scope}
          ${orderBy}`;
}
