import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CalendarDate } from '../../common/dates/calendar-date';

export interface PlanSnapshotCoverage {
  organisationId: string;
  planId: string;
  /** The plan's actions now. */
  actions: number;
  /** Its snapshots of the date (at most one per action). */
  snapshots: number;
}

/** A whole day of an active plan with no RAG snapshot at all, after days the plan was coloured. */
export interface LostPlanDay {
  organisationId: string;
  planId: string;
  asOf: CalendarDate;
}

/** The reconciler's read of which plans' RAG snapshots of a date are missing. */
@Injectable()
export class SnapshotCoverageRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Every active plan that has actions (closed plans are frozen, and the nightly run leaves them
   * alone: see RagFactsRepository.activePlans), with its number of actions and of snapshots on
   * `asOf`, for every organisation in one statement. Both numbers come from the kept counts, not
   * from the 100,000 action and snapshot rows: plan_colour_count's 'all' group counts each action of
   * the plan once (by its current colour, 'none' before any), rag_trend_count the plan's snapshots
   * by date, each kept exact by triggers in the writing transaction. A snapshot is keyed by action
   * and date and an action's snapshots go with it, so fewer snapshots than actions means some
   * action has none for the date. Two primary-key lookups per plan; no per-plan query.
   */
  async activePlanCoverage(asOf: CalendarDate): Promise<PlanSnapshotCoverage[]> {
    return this.dataSource.query<PlanSnapshotCoverage[]>(
      `SELECT p.organisation_id AS "organisationId", p.id AS "planId", c.actions, coalesce(s.snapshots, 0)::int AS snapshots
       FROM plan p
       JOIN LATERAL (SELECT sum(pc.count)::int AS actions FROM plan_colour_count pc WHERE pc.plan_id = p.id AND pc.kind = 'all') c ON c.actions > 0
       LEFT JOIN LATERAL (SELECT sum(t.count)::int AS snapshots FROM rag_trend_count t WHERE t.plan_id = p.id AND t.as_of = $1::date) s ON true
       WHERE p.status = 'active'
       ORDER BY p.organisation_id, p.id`,
      [asOf],
    );
  }

  /**
   * How many of the plan's actions coloured on its last coloured day before `asOf` (the day before,
   * unless whole days were lost before it) have no snapshot of `asOf`: the actions a nightly run of
   * `asOf` would have recorded, had it run. An action created since (its own recompute, queued on
   * create, may still be waiting) is not counted, so a plan just imported, or a seeded one, is not
   * recomputed twice at once. The day is the kept counts' latest date with a snapshot before `asOf`
   * (a backward step on their key); the actions are looked up by the snapshots' keys (action, date),
   * for a plan the kept counts found short. Without the last coloured day, a plan whose yesterday was
   * lost too would look as if nothing had been coloured, and today would wait for yesterday's backfill.
   */
  async missingSinceLastColouredDay(organisationId: string, planId: string, asOf: CalendarDate): Promise<number> {
    const rows = await this.dataSource.query<{ missing: number }[]>(
      `SELECT count(*)::int AS missing
       FROM (SELECT t.as_of FROM rag_trend_count t WHERE t.plan_id = $2 AND t.as_of < $3::date AND t.count > 0 ORDER BY t.as_of DESC LIMIT 1) last
       JOIN rag_snapshot y ON y.organisation_id = $1 AND y.as_of = last.as_of AND y.plan_id = $2
       WHERE NOT EXISTS (SELECT 1 FROM rag_snapshot t WHERE t.action_id = y.action_id AND t.as_of = $3::date)`,
      [organisationId, planId, asOf],
    );
    return rows[0].missing;
  }

  /**
   * The whole days from `from` to `to` (both included) on which an active plan has no RAG snapshot
   * at all, though it had some on an earlier date: days its nightly run was lost, not days before
   * it was first coloured (a plan created, or first coloured, after a date is not missing it).
   * Oldest first (then by organisation and plan), at most `limit`. Closed plans are frozen with
   * their history and never listed. Every organisation in one statement, from the kept counts
   * (rag_trend_count, whose rows may hold 0): per active plan, its first coloured date (the first
   * entry of its key with a count) and, per day of the window after it, one key lookup.
   */
  async lostDays(from: CalendarDate, to: CalendarDate, limit: number): Promise<LostPlanDay[]> {
    return this.dataSource.query<LostPlanDay[]>(
      `SELECT p.organisation_id AS "organisationId", p.id AS "planId", to_char(d.day, 'YYYY-MM-DD') AS "asOf"
       FROM plan p
       JOIN LATERAL (SELECT t.as_of FROM rag_trend_count t WHERE t.plan_id = p.id AND t.count > 0 ORDER BY t.as_of LIMIT 1) f ON f.as_of < $2::date
       CROSS JOIN LATERAL generate_series(greatest(f.as_of + 1, $1::date), $2::date, interval '1 day') AS d(day)
       WHERE p.status = 'active'
         AND NOT EXISTS (SELECT 1 FROM rag_trend_count t WHERE t.plan_id = p.id AND t.as_of = d.day::date AND t.count > 0)
       ORDER BY d.day, p.organisation_id, p.id
       LIMIT $3`,
      [from, to, limit],
    );
  }
}
