import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** A recorded recompute: of one action, or (actionId null) of a whole plan. */
export interface PendingRecompute {
  organisationId: string;
  planId: string | null;
  actionId: string | null;
  requestedById: string | null;
  /** As PostgreSQL wrote it (microseconds): handed back unchanged to `forget`. */
  requestedAt: string;
}

/**
 * The outbox of RAG recomputes: rag_recompute_pending (one row per action) and
 * rag_plan_recompute_pending (one row per plan). A change records its recompute in its own
 * transaction; once it commits, the recompute is queued and the record deleted. A record left behind
 * (Redis did not take the job, or the process died between the commit and the queueing) is queued by
 * the worker's reconciler. Asking again renews a row's time.
 */
@Injectable()
export class RagPendingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * In the caller's transaction: records (or renews) the recompute of each action, to be queued once
   * it commits (RagChanges). Actions not of the organisation record nothing. Call it after the
   * transaction's audit record: that serialises the organisation's writers first, so two of them
   * never wait on each other's records.
   */
  async recordActions(manager: EntityManager | undefined, organisationId: string, actionIds: readonly string[]): Promise<PendingRecompute[]> {
    if (actionIds.length === 0) return [];
    const rows = await (manager ?? this.dataSource.manager).query<{ actionId: string; requestedAt: string }[]>(
      `INSERT INTO rag_recompute_pending (action_id, organisation_id, requested_at)
       SELECT a.id, a.organisation_id, clock_timestamp() FROM action a WHERE a.id = ANY($2::uuid[]) AND a.organisation_id = $1
       ORDER BY a.id
       ON CONFLICT (action_id) DO UPDATE SET requested_at = EXCLUDED.requested_at
       RETURNING action_id AS "actionId", requested_at::text AS "requestedAt"`,
      [organisationId, [...new Set(actionIds)]],
    );
    return rows.map(({ actionId, requestedAt }) => ({ organisationId, planId: null, actionId, requestedById: null, requestedAt }));
  }

  /** In the caller's transaction: records (or renews) a plan's whole recompute, likewise; null if the plan is not the organisation's. */
  async recordPlan(manager: EntityManager, organisationId: string, planId: string, requestedById: string | null): Promise<PendingRecompute | null> {
    const rows = await manager.query<{ requestedAt: string }[]>(
      `INSERT INTO rag_plan_recompute_pending (plan_id, organisation_id, requested_by_id, requested_at)
       SELECT p.id, p.organisation_id, $3::uuid, clock_timestamp() FROM plan p WHERE p.id = $2 AND p.organisation_id = $1
       ON CONFLICT (plan_id) DO UPDATE SET requested_by_id = EXCLUDED.requested_by_id, requested_at = EXCLUDED.requested_at
       RETURNING requested_at::text AS "requestedAt"`,
      [organisationId, planId, requestedById],
    );
    return rows[0] ? { organisationId, planId, actionId: null, requestedById, requestedAt: rows[0].requestedAt } : null;
  }

  /**
   * The oldest `limit` recorded recomputes of every organisation written at least `minAgeMs` ago (by
   * the database's clock, which wrote them): whole plans first, then actions.
   */
  oldest(limit: number, minAgeMs: number): Promise<PendingRecompute[]> {
    return this.dataSource.query<PendingRecompute[]>(
      `(SELECT organisation_id AS "organisationId", plan_id AS "planId", NULL::uuid AS "actionId", requested_by_id AS "requestedById",
               requested_at::text AS "requestedAt", 0 AS kind, requested_at
          FROM rag_plan_recompute_pending WHERE requested_at <= clock_timestamp() - make_interval(secs => $2::double precision / 1000))
       UNION ALL
       (SELECT organisation_id, NULL::uuid, action_id, NULL::uuid, requested_at::text, 1, requested_at FROM rag_recompute_pending
         WHERE requested_at <= clock_timestamp() - make_interval(secs => $2::double precision / 1000))
       ORDER BY kind, requested_at LIMIT $1`,
      [limit, minAgeMs],
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
