import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A recompute that could not be queued: of one action, or (actionId null) of a whole plan. */
export interface PendingRecompute {
  organisationId: string;
  planId: string | null;
  actionId: string | null;
  requestedById: string | null;
  /** As PostgreSQL wrote it (microseconds): handed back unchanged to `forget`. */
  requestedAt: string;
}

/**
 * Recomputes that could not be queued, kept for the worker's reconciler: rag_recompute_pending (one
 * row per action) and rag_plan_recompute_pending (one row per plan). Asking again renews a row's time.
 */
@Injectable()
export class RagPendingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records (or renews) an action's recompute; an action deleted meanwhile, or not the organisation's, records nothing. */
  async rememberAction(organisationId: string, actionId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO rag_recompute_pending (action_id, organisation_id, requested_at)
       SELECT a.id, a.organisation_id, clock_timestamp() FROM action a WHERE a.id = $2 AND a.organisation_id = $1
       ON CONFLICT (action_id) DO UPDATE SET requested_at = EXCLUDED.requested_at`,
      [organisationId, actionId],
    );
  }

  /** Records (or renews) a plan's whole recompute, likewise. */
  async rememberPlan(organisationId: string, planId: string, requestedById: string | null): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO rag_plan_recompute_pending (plan_id, organisation_id, requested_by_id, requested_at)
       SELECT p.id, p.organisation_id, $3::uuid, clock_timestamp() FROM plan p WHERE p.id = $2 AND p.organisation_id = $1
       ON CONFLICT (plan_id) DO UPDATE SET requested_by_id = EXCLUDED.requested_by_id, requested_at = EXCLUDED.requested_at`,
      [organisationId, planId, requestedById],
    );
  }

  /** The oldest `limit` recorded recomputes of every organisation: whole plans first, then actions. */
  oldest(limit: number): Promise<PendingRecompute[]> {
    return this.dataSource.query<PendingRecompute[]>(
      `(SELECT organisation_id AS "organisationId", plan_id AS "planId", NULL::uuid AS "actionId", requested_by_id AS "requestedById",
               requested_at::text AS "requestedAt", 0 AS kind, requested_at
          FROM rag_plan_recompute_pending)
       UNION ALL
       (SELECT organisation_id, NULL::uuid, action_id, NULL::uuid, requested_at::text, 1, requested_at FROM rag_recompute_pending)
       ORDER BY kind, requested_at LIMIT $1`,
      [limit],
    ).then((rows) => rows.map(({ organisationId, planId, actionId, requestedById, requestedAt }) => ({ organisationId, planId, actionId, requestedById, requestedAt })));
  }

  /** Deletes the record if nothing asked again since it was read (its time is still the one read). */
  async forget(pending: PendingRecompute): Promise<void> {
    if (pending.actionId) {
      await this.dataSource.query(`DELETE FROM rag_recompute_pending WHERE action_id = $1 AND requested_at = $2::timestamptz`, [pending.actionId, pending.requestedAt]);
    } else {
      await this.dataSource.query(`DELETE FROM rag_plan_recompute_pending WHERE plan_id = $1 AND requested_at = $2::timestamptz`, [pending.planId, pending.requestedAt]);
    }
  }
}
