import { ACTION_STATUS_INFO, ACTION_STATUSES, isDoneStatus } from './action-status';
import { EVIDENCE_REVIEW_DECISIONS, EVIDENCE_REVIEW_STATE_INFO, EVIDENCE_REVIEW_STATES } from './evidence-review-state';
import { INSPECTION_KIND_INFO, INSPECTION_KINDS, inspectionKindInfo } from './inspection-kind';
import { NOTICE_KIND_INFO, NOTICE_KINDS, noticeKindLabel } from './notice-kind';
import { PACK_AUDIENCE_INFO, PACK_AUDIENCES } from './pack-audience';
import { isPackFormat, PACK_FORMAT_INFO, PACK_FORMATS } from './pack-format';
import { PACK_STATE_INFO, PACK_STATES } from './pack-state';
import { PLAN_STATUS_INFO, PLAN_STATUSES } from './plan-status';
import { SERVICE_AREA_INFO, SERVICE_AREAS } from './service-area';
import { emptyCounts, isRagColour, RAG_COLOUR_INFO, RAG_COLOURS, RAG_WORST_FIRST } from './rag-colour';

describe('vocabulary', () => {
  const vocabularies: [string, readonly string[], Readonly<Record<string, { key: string; label: string }>>][] = [
    ['action status', ACTION_STATUSES, ACTION_STATUS_INFO],
    ['evidence review state', EVIDENCE_REVIEW_STATES, EVIDENCE_REVIEW_STATE_INFO],
    ['RAG colour', RAG_COLOURS, RAG_COLOUR_INFO],
    ['notice kind', NOTICE_KINDS, NOTICE_KIND_INFO],
    ['inspection kind', INSPECTION_KINDS, INSPECTION_KIND_INFO],
    ['pack audience', PACK_AUDIENCES, PACK_AUDIENCE_INFO],
    ['pack format', PACK_FORMATS, PACK_FORMAT_INFO],
    ['pack state', PACK_STATES, PACK_STATE_INFO],
    ['plan status', PLAN_STATUSES, PLAN_STATUS_INFO],
    ['service area', SERVICE_AREAS, SERVICE_AREA_INFO],
  ];

  it.each(vocabularies)('%s: the list is the info keys, each entry names its own key and has a label', (_name, list, info) => {
    expect(list).toEqual(Object.keys(info));
    for (const value of list) {
      expect(info[value].key).toBe(value);
      expect(info[value].label.trim()).not.toBe('');
      // Stored in varchar columns and sent as enum values: snake_case keys.
      expect(value).toMatch(/^[a-z][a-z0-9_]*$/);
    }
    expect(Object.isFrozen(list)).toBe(true);
  });

  it('lists values in the order users see them', () => {
    expect(ACTION_STATUSES).toEqual(['not_started', 'in_progress', 'blocked', 'complete', 'embedded']);
    expect(EVIDENCE_REVIEW_STATES).toEqual(['submitted', 'accepted', 'rejected']);
    expect(RAG_COLOURS).toEqual(['red', 'amber', 'green', 'blue', 'grey']);
    expect(PACK_FORMATS).toEqual(['pdf', 'docx', 'xlsx', 'json']);
    expect(PACK_AUDIENCES).toEqual(['board', 'scrutiny']);
  });

  it('keeps notice kinds within the 40 characters of their column', () => {
    for (const kind of NOTICE_KINDS) expect(kind.length).toBeLessThanOrEqual(40);
  });

  it.each([
    ['not_started', false],
    ['in_progress', false],
    ['blocked', false],
    ['complete', true],
    ['embedded', true],
  ] as const)('status %s is done: %s', (status, done) => {
    expect(isDoneStatus(status)).toBe(done);
  });

  it('reviews decide accepted or rejected, never submitted', () => {
    expect(EVIDENCE_REVIEW_DECISIONS).toEqual(['accepted', 'rejected']);
  });

  it('orders colours worst first for roll-ups, with Blue last', () => {
    expect(RAG_WORST_FIRST).toEqual(['red', 'amber', 'green', 'grey', 'blue']);
    expect([...RAG_WORST_FIRST].sort()).toEqual([...RAG_COLOURS].sort());
  });

  it('gives zero counts with the keys in the order asked for', () => {
    expect(emptyCounts()).toEqual({ red: 0, amber: 0, green: 0, blue: 0, grey: 0 });
    expect(Object.keys(emptyCounts())).toEqual(['red', 'amber', 'green', 'blue', 'grey']);
    expect(Object.keys(emptyCounts(RAG_WORST_FIRST))).toEqual(['red', 'amber', 'green', 'grey', 'blue']);
  });

  it.each([
    ['amber', true],
    ['Amber', false],
    ['toString', false],
    [null, false],
  ])('isRagColour(%p) is %s', (value, expected) => {
    expect(isRagColour(value)).toBe(expected);
  });

  it.each([
    ['xlsx', true],
    ['csv', false],
    ['constructor', false],
  ])('isPackFormat(%p) is %s', (value, expected) => {
    expect(isPackFormat(value)).toBe(expected);
  });

  it('gives each pack format its media type', () => {
    expect(PACK_FORMAT_INFO.pdf.mediaType).toBe('application/pdf');
    expect(PACK_FORMAT_INFO.json.mediaType).toBe('application/json');
  });

  it('labels a stored kind it does not know by its key', () => {
    expect(noticeKindLabel('section_50')).toBe('Section 50 notification');
    expect(noticeKindLabel('local_review')).toBe('local_review');
    expect(inspectionKindInfo('jtai')?.label).toBe('Joint targeted area inspection (JTAI)');
    expect(inspectionKindInfo('hasOwnProperty')).toBeUndefined();
  });
});
