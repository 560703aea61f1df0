/**
 * Kinds of notice: formal consequences of an inspection. A new kind is one entry here (the
 * database column is a plain varchar of up to 40 characters, with no CHECK constraint or enum type).
 */
export type NoticeKind = 'section_50' | 'dfe_improvement_notice' | 'statutory_direction' | 'ministerial_letter';

export interface NoticeKindInfo {
  key: NoticeKind;
  label: string;
  description: string;
}

export const NOTICE_KIND_INFO: Readonly<Record<NoticeKind, NoticeKindInfo>> = Object.freeze({
  section_50: {
    key: 'section_50',
    label: 'Section 50 notification',
    description: 'CQC notified the Secretary of State that the council is failing (Health and Social Care Act 2008 s.50); no regulator deadline',
  },
  dfe_improvement_notice: {
    key: 'dfe_improvement_notice',
    label: 'DfE improvement notice',
    description: 'a Department for Education improvement notice, with requirements and review dates',
  },
  statutory_direction: {
    key: 'statutory_direction',
    label: 'Statutory direction',
    description: 'a direction from the Secretary of State, with requirements',
  },
  ministerial_letter: {
    key: 'ministerial_letter',
    label: 'Ministerial letter',
    description: 'a minister’s letter setting out expectations (after a Section 50 notification); no regulator deadline',
  },
});

export const NOTICE_KINDS: readonly NoticeKind[] = Object.freeze(Object.keys(NOTICE_KIND_INFO) as NoticeKind[]);

/** The label of a stored kind; the key itself for one this code does not know. */
export function noticeKindLabel(kind: string): string {
  return Object.hasOwn(NOTICE_KIND_INFO, kind) ? NOTICE_KIND_INFO[kind as NoticeKind].label : kind;
}
