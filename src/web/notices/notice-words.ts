import type { NoticeStatus } from '../../notices/entities/notice.entity';

/** A notice's status in words, as the pages show it. */
export const NOTICE_STATUS_WORDS: Readonly<Record<NoticeStatus, string>> = Object.freeze({ open: 'Open', downgraded: 'Downgraded', closed: 'Closed' });

/** The status of a stored notice in words (the value itself, made readable, for one this code does not know). */
export function noticeStatusWords(status: string): string {
  return Object.hasOwn(NOTICE_STATUS_WORDS, status) ? NOTICE_STATUS_WORDS[status as NoticeStatus] : status.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
