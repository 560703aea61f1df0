import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { addDays, type CalendarDate } from '../../common/dates/calendar-date';

export interface PlanSnapshotCoverage {
  organisationId: string;
  planId: string;
  /** The plan's actions now. */
  actions: number;
  /** Its snapshots of the date (at most one per action). */
  snapshots: number;
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
   * How many of the plan's actions coloured on the day before `asOf` have no snapshot of `asOf`:
   * the actions a nightly run of `asOf` would have recorded, had it run. An action created since
   * (its own recompute, queued on create, may still be waiting) is not counted, so a plan just
   * imported, or a seeded one, is not recomputed twice at once. Looked up by the snapshots' keys
   * (action, date), for a plan the kept counts found short.
   */
  async missingSinceDayBefore(organisationId: string, planId: string, asOf: CalendarDate): Promise<number> {
    const rows = await this.dataSource.query<{ missing: number }[]>(
      `SELECT count(*)::int AS missing FROM rag_snapshot y
       WHERE y.organisation_id = $1 AND y.as_of = $3::date AND y.plan_id = $2
         AND NOT EXISTS (SELECT 1 FROM rag_snapshot t WHERE t.action_id = y.action_id AND t.as_of = $4::date)`,
      [organisationId, planId, addDays(asOf, -1), asOf],
    );
    return rows[0].missing;
  }
}
