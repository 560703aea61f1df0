import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CalendarDate } from '../../common/dates/calendar-date';
import type { RagReason } from '../policy/rag-policy.types';
import type { PoolClient, QueryArrayConfig } from 'pg';
import { ActionIdMerge } from '../compute/action-id-merge';
import { RagComputeService, READ_CHUNK } from '../compute/rag-compute.service';
import type { ComputedRag } from '../compute/rag-facts';

/** What a snapshot says, in the terms a check compares. */
export interface SnapshotResult {
  colour: string;
  overridden: boolean;
  reasons: RagReason[];
  computedColour: string | null;
  computedReasons: RagReason[] | null;
  policyVersion: number;
}

export interface SnapshotDifference {
  actionId: string;
  reference: string;
  /** Null: the facts as they stood that day give the action no colour (it did not exist yet). */
  fromFacts: SnapshotResult | null;
  stored: SnapshotResult;
}

/** One plan's snapshots of one date, against an evaluation of that date from scratch. */
export interface DateCheck {
  organisationId: string;
  organisationName: string;
  planId: string;
  planTitle: string;
  asOf: CalendarDate;
  snapshots: number;
  differing: SnapshotDifference[];
  /**
   * When some differ: the packs generated for this date (a pack reads its date's snapshots), so
   * the papers that may have shown the wrong colours can be found. `publishedOn` is a London date.
   */
  packs: { id: string; title: string; audience: string; publishedOn: CalendarDate | null }[];
  /** With repair, after the date's recompute: the snapshots that still differ (none when repaired). */
  stillDiffering?: number;
}

export interface HistoryCheckOptions {
  organisationId?: string;
  from?: CalendarDate;
  to?: CalendarDate;
  /** Recompute each date whose snapshots differ (as that date's nightly run would), then check it again. */
  repair?: boolean;
  /** Actions evaluated and compared at a time (default 1,000): what the check holds in memory. */
  chunkSize?: number;
}

/** A stored snapshot as the cursor reads it (an array, the action's id first). */
type StoredRow = [
  actionId: string,
  reference: string,
  sortKey: string,
  colour: string,
  overridden: boolean,
  reasons: RagReason[],
  computedColour: string | null,
  computedReasons: RagReason[] | null,
  policyVersion: number,
];

/** As the recompute reads (READ_CHUNK): at 100,000 actions a peak of 283-300 MB RSS, against 345 MB in chunks of 5,000 and 545-579 MB whole. */
const CHECK_CHUNK = READ_CHUNK;

/**
 * Checks the RAG history: every stored snapshot against what the policy gives from the facts as
 * they stood at the end of its date, with the policy version then in force (the true-history rule
 * that a recompute of a past date follows). A snapshot differs when a nightly run stored a wrong
 * result (as re-runs did before 2 December 2026: an overdue milestone missing) or someone changed
 * it behind the application's back. Repair recomputes those dates only.
 *
 * Actions with no snapshot for a date are not reported: a date may hold only the snapshots of
 * one-action recomputes when its nightly run did not happen.
 */
@Injectable()
export class RagHistoryCheckService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly compute: RagComputeService,
  ) {}

  /** Plan by plan (organisations and plans by name), each plan's dates oldest first: a long history reports as it goes. */
  async *check(options: HistoryCheckOptions = {}): AsyncGenerator<DateCheck> {
    const dates = await this.dataSource.query<{ organisationId: string; organisationName: string; planId: string; planTitle: string; asOf: CalendarDate }[]>(
      `SELECT d.organisation_id AS "organisationId", o.name AS "organisationName", d.plan_id AS "planId", p.title AS "planTitle", d.as_of::text AS "asOf"
       FROM (SELECT DISTINCT organisation_id, plan_id, as_of FROM rag_snapshot
             WHERE ($1::uuid IS NULL OR organisation_id = $1) AND ($2::date IS NULL OR as_of >= $2) AND ($3::date IS NULL OR as_of <= $3)) d
       JOIN organisation o ON o.id = d.organisation_id JOIN plan p ON p.id = d.plan_id
       ORDER BY o.name, d.organisation_id, p.title, d.plan_id, d.as_of`,
      [options.organisationId ?? null, options.from ?? null, options.to ?? null],
    );
    const chunkSize = options.chunkSize ?? CHECK_CHUNK;
    for (const { organisationId, organisationName, planId, planTitle, asOf } of dates) {
      const checked = await this.checkDate(organisationId, planId, asOf, chunkSize);
      const result: DateCheck = { organisationName, planTitle, ...checked, packs: checked.differing.length > 0 ? await this.packsOf(planId, asOf) : [] };
      if (options.repair && result.differing.length > 0) {
        await this.compute.recomputePlan(organisationId, planId, asOf);
        result.stillDiffering = (await this.checkDate(organisationId, planId, asOf, chunkSize)).differing.length;
      }
      yield result;
    }
  }

  /**
   * The date's stored snapshots against the evaluation, a chunk at a time: the evaluated results
   * come in action id order, and so do the stored snapshots, from one sorted cursor; each chunk of
   * results is compared with the snapshots up to its last action id, as the recompute merges
   * milestones into actions. A 100,000-action plan is held one chunk of each at a time, not both
   * whole (see CHECK_CHUNK). A snapshot whose action the evaluation
   * does not give (it did not exist yet) is compared with nothing, and so differs.
   */
  private async checkDate(
    organisationId: string,
    planId: string,
    asOf: CalendarDate,
    chunkSize: number,
  ): Promise<Omit<DateCheck, 'organisationName' | 'planTitle' | 'packs'>> {
    const differing: (SnapshotDifference & { sortKey: string })[] = [];
    let snapshots = 0;
    await this.withStoredSnapshots(organisationId, planId, asOf, chunkSize, async (stored, snapshot) => {
      // The facts in the snapshot the stored rows are read in: a recompute committing meanwhile
      // changes neither side, so it cannot show as a difference.
      const { policyVersion, chunks } = await this.compute.evaluatePlanChunks(organisationId, planId, asOf, chunkSize, snapshot);
      const compare = (results: readonly ComputedRag[], storedRows: readonly StoredRow[]) => {
        const fromFacts = new Map(results.map((r) => [r.actionId, asSnapshot(r, policyVersion)]));
        snapshots += storedRows.length;
        for (const row of storedRows) {
          const [actionId, reference, sortKey] = row;
          const snapshotResult = storedResult(row);
          const expected = fromFacts.get(actionId) ?? null;
          if (!expected || !sameResult(expected, snapshotResult)) differing.push({ actionId, reference, sortKey, fromFacts: expected, stored: snapshotResult });
        }
      };
      for await (const results of chunks) {
        if (results.length === 0) continue;
        const upTo = results.reduce((last, r) => (r.actionId > last ? r.actionId : last), results[0].actionId);
        compare(results, await stored.upTo(upTo));
      }
      compare([], await stored.rest());
    });
    // As the plan lists its actions (A1.2 before A1.10); the sort key is COLLATE "C", as string order here.
    differing.sort((a, b) => (a.sortKey === b.sortKey ? (a.actionId < b.actionId ? -1 : 1) : a.sortKey < b.sortKey ? -1 : 1));
    return { organisationId, planId, asOf, snapshots, differing: differing.map(({ sortKey: _sortKey, ...d }) => d) };
  }

  private packsOf(planId: string, asOf: CalendarDate): Promise<DateCheck['packs']> {
    return this.dataSource.query(
      `SELECT id, title, audience, (published_at AT TIME ZONE 'Europe/London')::date::text AS "publishedOn"
       FROM pack WHERE plan_id = $1 AND as_of = $2 AND state = 'ready' ORDER BY created_at, id`,
      [planId, asOf],
    );
  }

  /**
   * The plan's snapshots of the date in action id order, through a cursor on a connection of its
   * own (the evaluation's stream holds two), fetched `batchSize` at a time, the next batch while
   * the caller works. The date's rows are found by the (organisation, date) index and sorted once,
   * whatever the length of the history; the sort is planned for the whole result (a cursor is
   * otherwise planned for its first rows: at 100,000 actions, a walk of the (action, date) key
   * through every date's snapshots, EXPLAIN of 2 December 2026). The transaction's snapshot is
   * exported to `use` (pg_export_snapshot), which reads the facts in it, and stays valid until
   * `use` has finished.
   */
  private async withStoredSnapshots<T>(
    organisationId: string,
    planId: string,
    asOf: CalendarDate,
    batchSize: number,
    use: (stored: ActionIdMerge<StoredRow>, snapshot: string) => Promise<T>,
  ): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    let open = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      open = true;
      // As the recompute's cursors: the sort in memory, no JIT compiling for one scan.
      await client.query(`SET LOCAL work_mem = '64MB'`);
      await client.query('SET LOCAL jit = off');
      await client.query('SET LOCAL cursor_tuple_fraction = 1');
      const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0].id;
      await client.query({
        text: `DECLARE stored_snapshots NO SCROLL CURSOR FOR
               SELECT s.action_id, a.reference, a.reference_sort_key, s.colour, s.overridden, s.reasons, s.computed_colour,
                      s.computed_reasons, s.policy_version
               FROM rag_snapshot s JOIN action a ON a.id = s.action_id
               WHERE s.organisation_id = $1 AND s.plan_id = $2 AND s.as_of = $3::date
               ORDER BY s.action_id`,
        values: [organisationId, planId, asOf],
      });
      const fetch = async (count: number) => (await client.query<StoredRow>({ text: `FETCH ${count} FROM stored_snapshots`, rowMode: 'array' } as QueryArrayConfig)).rows;
      const stored = new ActionIdMerge<StoredRow>(fetch, batchSize);
      stored.prime();
      const result = await use(stored, snapshot);
      await client.query('COMMIT');
      open = false;
      return result;
    } finally {
      if (open) await client.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }
}

/** Reasons with their keys in one order (jsonb keeps its own), so they compare as text. */
function comparable(reasons: readonly RagReason[]): RagReason[] {
  return reasons.map(({ code, colour, text }) => ({ code, colour, text }));
}

function sameResult(a: SnapshotResult, b: SnapshotResult): boolean {
  return (
    a.colour === b.colour &&
    a.overridden === b.overridden &&
    a.computedColour === b.computedColour &&
    a.policyVersion === b.policyVersion &&
    JSON.stringify(a.reasons) === JSON.stringify(b.reasons) &&
    JSON.stringify(a.computedReasons) === JSON.stringify(b.computedReasons)
  );
}

function storedResult([, , , colour, overridden, reasons, computedColour, computedReasons, policyVersion]: StoredRow): SnapshotResult {
  return { colour, overridden, reasons: comparable(reasons), computedColour, computedReasons: computedReasons ? comparable(computedReasons) : null, policyVersion };
}

function asSnapshot(r: ComputedRag, policyVersion: number): SnapshotResult {
  return {
    colour: r.colour,
    overridden: r.overridden,
    reasons: comparable(r.reasons),
    computedColour: r.computedColour ?? null,
    computedReasons: r.computedReasons ? comparable(r.computedReasons) : null,
    policyVersion,
  };
}
