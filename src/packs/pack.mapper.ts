import { API_PREFIX } from '../common/http/api-paths';
import type { PackDto, PackFileDto } from './dto/pack.dto';
import type { PackFileEntity } from './entities/pack-file.entity';
import type { PackEntity } from './entities/pack.entity';
import { PACK_FORMATS } from '../vocabulary/pack-format';

export const packUrl = (id: string): string => `/${API_PREFIX}/packs/${id}`;
export const packFileUrl = (id: string, format: string): string => `${packUrl(id)}/files/${format}`;

export function toPackFileDto(file: PackFileEntity): PackFileDto {
  return { format: file.format, contentType: file.contentType, sizeBytes: file.sizeBytes, sha256: file.sha256, url: packFileUrl(file.packId, file.format) };
}

/**
 * A pack as the API shows it. Files are listed only once the pack is ready (a failed retry may
 * have left some behind), in the usual format order. `people: false` (scrutiny members) leaves out
 * who requested and published it. `figuresChangedAt`: when its date's RAG statuses last changed,
 * if that was after the pack was made (PacksRepository.figuresChangedAt); null otherwise.
 */
export function toPackDto(pack: PackEntity, files: PackFileEntity[], options: { people: boolean; figuresChangedAt?: Date | null }): PackDto {
  const ready = pack.state === 'ready';
  const shown = ready
    ? files
        .filter((f) => f.packId === pack.id && pack.formats.includes(f.format))
        .sort((a, b) => PACK_FORMATS.indexOf(a.format) - PACK_FORMATS.indexOf(b.format))
    : [];
  return {
    id: pack.id,
    meetingId: pack.meetingId,
    audience: pack.audience,
    asOf: pack.asOf,
    title: pack.title,
    formats: [...pack.formats],
    state: pack.state,
    progress: pack.progress,
    failureReason: pack.failureReason,
    contentHash: pack.contentHash,
    jobId: pack.jobId,
    requestedById: options.people ? pack.requestedById : null,
    createdAt: pack.createdAt.toISOString(),
    completedAt: pack.completedAt ? pack.completedAt.toISOString() : null,
    publishedAt: pack.publishedAt ? pack.publishedAt.toISOString() : null,
    publishedById: options.people ? pack.publishedById : null,
    figuresChangedAt: ready && options.figuresChangedAt ? options.figuresChangedAt.toISOString() : null,
    files: shown.map(toPackFileDto),
  };
}

/** What the audit trail records of a pack (no file contents). */
export function packAuditView(pack: PackEntity): Record<string, unknown> {
  return {
    meetingId: pack.meetingId,
    audience: pack.audience,
    asOf: pack.asOf,
    title: pack.title,
    formats: pack.formats,
    state: pack.state,
    jobId: pack.jobId,
    contentHash: pack.contentHash,
    publishedAt: pack.publishedAt,
    publishedById: pack.publishedById,
  };
}
