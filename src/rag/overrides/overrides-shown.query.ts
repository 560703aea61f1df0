import { planRoleSql } from '../../plans/plan-role.sql';
import type { EntityManager } from 'typeorm';
import type { RagColour } from '../../vocabulary/rag-colour';
import type { OverrideShownDto } from './dto/override-shown.dto';

interface Row {
  id: string;
  colour: RagColour;
  reason: string;
  set_at: Date;
  expires_on: string;
  ended_at: Date | null;
  user_id: string;
  name: string;
  role: string;
  job_title: string | null;
}

/**
 * The overrides with these ids (of the organisation), with who set them, by id: for showing an
 * overridden colour with who set it, when, why and until when. Used by the action and RAG history
 * repositories (a query both need, kept in one place).
 */
export async function findOverridesShown(manager: EntityManager, organisationId: string, ids: readonly string[]): Promise<Map<string, OverrideShownDto>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await manager.query<Row[]>(
    `SELECT o.id, o.colour, o.reason, o.set_at, o.expires_on::text AS expires_on, o.ended_at,
            u.id AS user_id, u.name, u.job_title,
            ${planRoleSql('u', 'pm')} AS role
     FROM rag_override o JOIN "user" u ON u.id = o.set_by_id
     JOIN action a ON a.id = o.action_id
     LEFT JOIN plan_membership pm ON pm.user_id = u.id AND pm.plan_id = a.plan_id
     WHERE o.organisation_id = $1 AND o.id = ANY($2::uuid[])`,
    [organisationId, unique],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        colour: r.colour,
        reason: r.reason,
        setAt: r.set_at.toISOString(),
        setBy: { id: r.user_id, name: r.name, role: r.role, jobTitle: r.job_title },
        expiresOn: r.expires_on,
        endedAt: r.ended_at ? r.ended_at.toISOString() : null,
      },
    ]),
  );
}
