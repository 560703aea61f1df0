import { NoticeDetailDto, NoticeDto, NoticeStatusChangeDto } from './dto/notice.dto';
import { NoticeEntity } from './entities/notice.entity';
import { NoticeStatusChangeRow } from './notices.repository';
import { noticeKindLabel } from '../vocabulary/notice-kind';

export function toNoticeDto(n: NoticeEntity): NoticeDto {
  return {
    id: n.id,
    kind: n.kind,
    kindLabel: noticeKindLabel(n.kind),
    title: n.title,
    inspectionId: n.inspectionId,
    issuedOn: n.issuedOn,
    deadline: n.deadline,
    failings: n.failings,
    requirements: n.requirements,
    status: n.status,
    version: n.version,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
  };
}

export function toNoticeDetailDto(n: NoticeEntity, history: NoticeStatusChangeRow[]): NoticeDetailDto {
  return {
    ...toNoticeDto(n),
    statusHistory: history.map(toNoticeStatusChangeDto),
  };
}

export function toNoticeStatusChangeDto(h: NoticeStatusChangeRow): NoticeStatusChangeDto {
  return {
    fromStatus: h.fromStatus,
    toStatus: h.toStatus,
    changedOn: h.changedOn,
    changedById: h.changedById,
    changedByName: h.changedByName,
    note: h.note,
    recordedAt: new Date(h.recordedAt).toISOString(),
  };
}
