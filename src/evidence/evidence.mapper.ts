import { API_PREFIX } from '../common/http/api-prefix';
import { EvidenceDetailDto, EvidenceDto, EvidencePersonDto, EvidenceReviewDto } from './dto/evidence.dto';
import { EvidenceReviewEntity } from './entities/evidence-review.entity';
import { EvidenceEntity } from './entities/evidence.entity';

/** Names of the people an item refers to; someone missing (never expected) shows as "Unknown user". */
export type PeopleNames = ReadonlyMap<string, string>;

function person(id: string, names: PeopleNames): EvidencePersonDto {
  return { id, name: names.get(id) ?? 'Unknown user' };
}

function optionalPerson(id: string | null, names: PeopleNames): EvidencePersonDto | null {
  return id === null ? null : person(id, names);
}

/** Every person id an item (and its reviews) shows, for one name look-up. */
export function peopleOf(rows: EvidenceEntity[], reviews: EvidenceReviewEntity[] = []): string[] {
  const ids = rows.flatMap((e) => [e.uploadedById, e.reviewedById, e.withdrawnById]);
  return [...ids, ...reviews.map((r) => r.reviewerId)].filter((id): id is string => id !== null);
}

export function toEvidenceDto(e: EvidenceEntity, names: PeopleNames, supersededById: string | null): EvidenceDto {
  return {
    id: e.id,
    actionId: e.actionId,
    milestoneId: e.milestoneId,
    title: e.title,
    description: e.description,
    fileName: e.fileName,
    contentType: e.contentType,
    sizeBytes: e.sizeBytes,
    sha256: e.sha256,
    uploadedBy: person(e.uploadedById, names),
    uploadedAt: e.uploadedAt.toISOString(),
    reviewState: e.reviewState,
    reviewedBy: optionalPerson(e.reviewedById, names),
    reviewedAt: e.reviewedAt?.toISOString() ?? null,
    reviewComment: e.reviewComment,
    supersedesId: e.supersedesId,
    supersededById,
    withdrawnAt: e.withdrawnAt?.toISOString() ?? null,
    withdrawnBy: optionalPerson(e.withdrawnById, names),
    version: e.version,
    contentUrl: `/${API_PREFIX}/evidence/${e.id}/content`,
  };
}

export function toEvidenceReviewDto(r: EvidenceReviewEntity, names: PeopleNames): EvidenceReviewDto {
  return { id: r.id, decision: r.decision, comment: r.comment, reviewer: person(r.reviewerId, names), reviewedAt: r.reviewedAt.toISOString() };
}

export function toEvidenceDetailDto(
  e: EvidenceEntity,
  reviews: EvidenceReviewEntity[],
  names: PeopleNames,
  supersededById: string | null,
): EvidenceDetailDto {
  return { ...toEvidenceDto(e, names, supersededById), reviews: reviews.map((r) => toEvidenceReviewDto(r, names)) };
}
