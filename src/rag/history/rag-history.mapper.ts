import type { RagSnapshotEntity } from '../entities/rag-snapshot.entity';
import type { RagSnapshotDto } from './dto/rag-history.dto';

export function toRagSnapshotDto(row: RagSnapshotEntity): RagSnapshotDto {
  return {
    asOf: row.asOf,
    colour: row.colour,
    reasons: row.reasons.map((r) => ({ code: r.code, colour: r.colour, text: r.text })),
    overridden: row.overridden,
    policyVersion: row.policyVersion,
    computedAt: row.computedAt.toISOString(),
  };
}
