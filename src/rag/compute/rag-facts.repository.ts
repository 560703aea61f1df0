import { Injectable } from '@nestjs/common';
import type { PoolClient, QueryArrayConfig } from 'pg';
import { DataSource } from 'typeorm';
import type { CalendarDate } from '../../common/dates/calendar-date';
import { MilestoneMerge } from './milestone-merge';
import type { ActionFactRow, FactRows, MilestoneFactRow } from './rag-facts';

export interface WriteCounts {
  /** Actions whose stored (current) colour was written. */
  coloursWritten: number;
  /** Snapshots inserted or changed (an unchanged snapshot is left alone, computedAt included). */
  snapshotsWritten: number;
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
  constructor(private readonly dataSource: DataSource) {}

  /** Database time, the one clock every worker replica shares. */
  async databaseNow(): Promise<Date> {
    const rows = await this.dataSource.query<{ now: Date }[]>('SELECT clock_timestamp() AS now');
    return rows[0].now;
  }

  async countActions(organisationId: string, planId: string | null = null): Promise<number> {
    const rows = await this.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM action WHERE organisation_id = $1 AND ($2::uuid IS NULL OR plan_id = $2)', [
      organisationId,
      planId,
    ]);
    return rows[0].n;
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
   * Every fact the policy reads for one action, in two statements run at once. The
   * organisation-wide recompute streams the same statements instead (streamFacts).
   */
  async loadFacts(organisationId: string, asOf: CalendarDate, actionId: string): Promise<FactRows> {
    const [actions, milestones] = await Promise.all([
      this.arrays<ActionFactRow>(actionFactsSql('AND a.id = $3', 'AND p.action_id = $3', 'AND e.action_id = $3', 'AND o.action_id = $3', ''), [organisationId, asOf, actionId]),
      this.arrays<MilestoneFactRow>(milestoneFactsSql('AND m.action_id = $3', ''), [organisationId, asOf, actionId]),
    ]);
    return { actions, milestones };
  }

  /**
   * The whole organisation's facts, a chunk of actions at a time, each with exactly its open
   * milestones (those a rule can fire on). Two server-side cursors, both ordered by action id and
   * merged as they stream, on two connections sharing one snapshot of the plan (REPEATABLE READ,
   * the second importing the first's exported snapshot): the database reads both at once, and the
   * next chunk is fetched while the caller works on this one. Memory stays at a few chunks,
   * however large the plan.
   */
  async *streamFacts(organisationId: string, asOf: CalendarDate, chunkSize: number, planId: string | null = null): AsyncGenerator<FactRows> {
    const runners = [this.dataSource.createQueryRunner(), this.dataSource.createQueryRunner()];
    const open: PoolClient[] = [];
    try {
      const [actionsClient, milestonesClient] = (await Promise.all(runners.map((r) => r.connect()))) as PoolClient[];
      const begin = async (client: PoolClient, snapshot?: string) => {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        open.push(client);
        if (snapshot) await client.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
        // Sorting 100,000 rows for a cursor fits in memory instead of spilling to disk; compiling
        // these plans (JIT) costs more than it saves on a scan of this size.
        await client.query(`SET LOCAL work_mem = '64MB'`);
        await client.query('SET LOCAL jit = off');
      };
      await begin(actionsClient);
      const exported = (await actionsClient.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0].id;
      if (!/^[0-9A-F-]+$/i.test(exported)) throw new Error(`unexpected snapshot id '${exported}'`);
      await begin(milestonesClient, exported);
      // One plan's recompute reads that plan's actions and milestones only (the other plans' rows are never touched).
      const [actionsOfPlan, milestonesOfPlan, values] = planId
        ? ['AND a.plan_id = $3', 'AND m.action_id IN (SELECT pa.id FROM action pa WHERE pa.plan_id = $3)', [organisationId, asOf, planId]]
        : ['', '', [organisationId, asOf]];
      await actionsClient.query({ text: `DECLARE rag_actions NO SCROLL CURSOR FOR ${actionFactsSql(actionsOfPlan, '', '', '', 'ORDER BY a.id')}`, values });
      await milestonesClient.query({ text: `DECLARE rag_milestones NO SCROLL CURSOR FOR ${milestoneFactsSql(milestonesOfPlan, 'ORDER BY m.action_id')}`, values });
      const fetch = async <T extends unknown[]>(client: PoolClient, cursor: string, count: number) =>
        (await client.query<T>({ text: `FETCH ${count} FROM ${cursor}`, rowMode: 'array' } as QueryArrayConfig)).rows;

      const milestones = new MilestoneMerge((n) => fetch<MilestoneFactRow>(milestonesClient, 'rag_milestones', n), chunkSize * 2);
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
   * - A snapshot is only written for an action row this statement has updated or locked, so an
   *   action deleted meanwhile leaves none behind (rag_snapshot has no foreign key; a trigger
   *   deletes an action's snapshots).
   * - A snapshot with the same colour, reasons, override flag and policy version is not rewritten,
   *   so re-running a day changes nothing, not even computedAt.
   */
  async writeResults(batch: WriteBatch): Promise<WriteCounts> {
    const rows = await this.dataSource.query<{ colours: number; snapshots: number }[]>(
      `WITH v AS MATERIALIZED (
         SELECT v."actionId" AS i, v.colour AS c, v.reasons AS r, v.overridden AS o
         FROM jsonb_to_recordset($1::jsonb) AS v("actionId" uuid, colour varchar, reasons jsonb, overridden boolean)
       ), current_colour AS (
         UPDATE action a
         SET rag_colour = v.c, rag_reasons = v.r, rag_overridden = v.o, rag_policy_version = $3,
             rag_as_of = $4::date, rag_computed_at = $5
         FROM v
         WHERE $6::boolean AND a.id = v.i AND a.organisation_id = $2
           AND (a.rag_computed_at IS NULL OR a.rag_computed_at <= $5)
         RETURNING a.id
       ), locked AS (
         -- Another date: no action row is updated, so lock the rows the snapshots are for (the
         -- delete trigger then waits for us; see RagSnapshotEntity).
         SELECT a.id FROM action a
         WHERE NOT $6::boolean AND a.organisation_id = $2 AND a.id IN (SELECT i FROM v)
         FOR KEY SHARE
       ), snapshot AS (
         INSERT INTO rag_snapshot (organisation_id, action_id, as_of, colour, reasons, overridden, policy_version, computed_at)
         SELECT $2, v.i, $4::date, v.c, v.r, v.o, $3, $5
         FROM v
         WHERE v.i IN (SELECT id FROM current_colour) OR v.i IN (SELECT id FROM locked)
         ON CONFLICT (action_id, as_of) DO UPDATE
         SET colour = EXCLUDED.colour, reasons = EXCLUDED.reasons, overridden = EXCLUDED.overridden,
             policy_version = EXCLUDED.policy_version, computed_at = EXCLUDED.computed_at
         WHERE (rag_snapshot.colour, rag_snapshot.reasons, rag_snapshot.overridden, rag_snapshot.policy_version)
               IS DISTINCT FROM (EXCLUDED.colour, EXCLUDED.reasons, EXCLUDED.overridden, EXCLUDED.policy_version)
           AND rag_snapshot.computed_at <= EXCLUDED.computed_at
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM current_colour)::int AS colours, (SELECT count(*) FROM snapshot)::int AS snapshots`,
      [batch.document, batch.organisationId, batch.policyVersion, batch.asOf, batch.computedAt, batch.writeCurrent],
    );
    return { coloursWritten: rows[0].colours, snapshotsWritten: rows[0].snapshots };
  }

  /**
   * Recounts the colours of the organisation's snapshots at a date into rag_day_count (the
   * dashboard's trend). No row when the date has no snapshots.
   */
  async recountDay(organisationId: string, asOf: CalendarDate): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO rag_day_count (organisation_id, as_of, red, amber, green, grey, blue, counted_at)
       SELECT $1, $2::date, count(*) FILTER (WHERE colour = 'red'), count(*) FILTER (WHERE colour = 'amber'),
              count(*) FILTER (WHERE colour = 'green'), count(*) FILTER (WHERE colour = 'grey'),
              count(*) FILTER (WHERE colour = 'blue'), clock_timestamp()
       FROM rag_snapshot WHERE organisation_id = $1 AND as_of = $2::date
       HAVING count(*) > 0
       ON CONFLICT (organisation_id, as_of) DO UPDATE
       SET red = EXCLUDED.red, amber = EXCLUDED.amber, green = EXCLUDED.green, grey = EXCLUDED.grey,
           blue = EXCLUDED.blue, counted_at = EXCLUDED.counted_at`,
      [organisationId, asOf],
    );
  }

  /** Rows as arrays, not objects: a third less time and memory on the large reads. */
  private async arrays<T extends unknown[]>(text: string, values: unknown[]): Promise<T[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      // TypeORM's postgres query runner hands out the pg pool client it holds.
      const client = (await runner.connect()) as PoolClient;
      const config: QueryArrayConfig = { text, values, rowMode: 'array' };
      const result = await client.query<T>(config);
      return result.rows;
    } finally {
      await runner.release();
    }
  }
}

/**
 * One row per action with what the policy reads besides milestones: its newest progress update
 * date, its newest and newest accepted evidence (withdrawn evidence left out; newest by upload
 * time), and its active override (not ended, not expired at asOf; the newest if several).
 * $1 organisation, $2 asOf; the scope fragments narrow it to one action.
 */
function actionFactsSql(actionScope: string, updateScope: string, evidenceScope: string, overrideScope: string, orderBy: string): string {
  const newestEvidence = (extra: string) =>
    `SELECT DISTINCT ON (e.action_id) e.action_id, e.review_state, (e.uploaded_at AT TIME ZONE 'Europe/London')::date AS day
     FROM evidence e
     WHERE e.organisation_id = $1 AND e.withdrawn_at IS NULL ${extra} ${evidenceScope}
     ORDER BY e.action_id, e.uploaded_at DESC, e.id DESC`;
  return `SELECT a.id, a.reference, a.title, a.status, a.start_date::text, a.due_date::text, a.progress_percent,
                 u.last_update::text, n.review_state, n.day::text, acc.day::text,
                 o.colour, o.reason, o.expires_on::text
          FROM action a
          LEFT JOIN (SELECT p.action_id, max(p.update_date) AS last_update FROM progress_update p
                     WHERE p.organisation_id = $1 ${updateScope} GROUP BY p.action_id) u ON u.action_id = a.id
          LEFT JOIN (${newestEvidence('')}) n ON n.action_id = a.id
          LEFT JOIN (${newestEvidence(`AND e.review_state = 'accepted'`)}) acc ON acc.action_id = a.id
          LEFT JOIN (SELECT DISTINCT ON (o.action_id) o.action_id, o.colour, o.reason, o.expires_on FROM rag_override o
                     WHERE o.organisation_id = $1 AND o.ended_at IS NULL AND o.expires_on >= $2::date ${overrideScope}
                     ORDER BY o.action_id, o.set_at DESC, o.id DESC) o ON o.action_id = a.id
          WHERE a.organisation_id = $1 ${actionScope}
          ${orderBy}`;
}

/**
 * The open milestones a rule can fire on ($1 organisation, $2 asOf): those past their due date at
 * asOf, and every open one of a complete or embedded action. See rag-facts.ts.
 */
function milestoneFactsSql(scope: string, orderBy: string): string {
  return `SELECT m.action_id, m.title, m.due_date::text, m.sort_order
          FROM milestone m JOIN action a ON a.id = m.action_id
          WHERE m.organisation_id = $1 AND m.completed_on IS NULL
            AND (m.due_date < $2::date OR a.status IN ('complete', 'embedded')) ${scope}
          ${orderBy}`;
}
