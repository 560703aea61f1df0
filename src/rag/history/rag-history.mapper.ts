import type { RagSnapshotEntity } from '../entities/rag-snapshot.entity';
import type { OverrideShownDto } from '../overrides/dto/override-shown.dto';
import type { RagSnapshotDto } from './dto/rag-history.dto';

const reasonDto = (r: { code: string; colour: RagSnapshotDto['colour']; text: string }) => ({ code: r.code, colour: r.colour, text: r.text });

/** `overrides`: the overrides the page's snapshots name, by id (findOverridesShown). */
export function toRagSnapshotDto(row: RagSnapshotEntity, overrides: ReadonlyMap<string, OverrideShownDto> = new Map()): RagSnapshotDto {
  return {
    asOf: row.asOf,
    colour: row.colour,
    reasons: row.reasons.map(reasonDto),
    overridden: row.overridden,
    computed: row.overridden && row.computedColour ? { colour: row.computedColour, reasons: (row.computedReasons ?? []).map(reasonDto) } : null,
    override: row.overridden && row.overrideId ? (overrides.get(row.overrideId) ?? null) : null,
    policyVersion: row.policyVersion,
    computedAt: row.computedAt.toISOString(),
  };
}
