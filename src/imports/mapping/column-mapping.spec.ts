import { ImportErrorCode } from '../imports.exception';
import { IMPORT_FIELDS, type ImportField } from '../import-fields';
import { normaliseWords } from '../cells/normalise-words';
import { parseColumnMapping, scoreHeader, suggestMapping, type HeaderCell } from './column-mapping';
import { FIELD_SYNONYMS, WEAK_SYNONYMS } from './synonyms';

const headers = (...labels: Array<string | [string, string]>): HeaderCell[] =>
  labels.map((label, i) => ({
    column: String.fromCharCode(65 + i),
    label: Array.isArray(label) ? label[1] : label,
    group: Array.isArray(label) ? label[0] : null,
  }));

describe('scoreHeader', () => {
  it.each<[string, ImportField, number]>([
    ['Ref', 'reference', 1],
    ['Ref.', 'reference', 1],
    ['NOS', 'reference', 0.8],
    ['Area for improvement', 'finding', 1],
    ['Areas for Improvement', 'finding', 1],
    ['Recommendation', 'finding', 1],
    ['Priority', 'workstream', 0.8],
    ['Key outcome', 'workstream', 1],
    ['Action', 'actionTitle', 1],
    ['What', 'actionTitle', 0.8],
    ['Description', 'description', 1],
    ['How', 'description', 0.8],
    ['Lead officer', 'owner', 1],
    ['Lead Officer(s)', 'owner', 0.72],
    ['Who', 'owner', 0.8],
    ['Responsible', 'owner', 1],
    ['Partner', 'partner', 1],
    ['Partner agency', 'partner', 1],
    ['Start', 'startDate', 1],
    ['Target date', 'dueDate', 1],
    ['Target date for completion', 'dueDate', 0.73], // 'date for completion', three words
    ['When', 'dueDate', 0.8],
    ['Deadline', 'dueDate', 1],
    ['Revised target date', 'dueDate', 1],
    ['Status', 'status', 1],
    ['Current status', 'status', 1],
    ['Progress', 'status', 0.8],
    ['RAG', 'rag', 1],
    ['RAG rating', 'rag', 1],
    ['Milestones', 'milestones', 1],
    ['Success measures', 'successMeasure', 1],
    ['How will we know it has worked?', 'successMeasure', 1],
    ['Update', 'latestUpdate', 1],
    ['Outcome Q1', 'latestUpdate', 1],
    ['Outcome Q1-Q4', 'latestUpdate', 1],
    ['Commentary', 'latestUpdate', 1],
    ['Update (January 2026)', 'latestUpdate', 0.71],
    ['Evidence', 'evidence', 1],
    ['Link to evidence', 'evidence', 1],
  ])('%p names %s with confidence %p', (label, field, confidence) => {
    expect(scoreHeader(label)[0]).toEqual({ field, confidence });
  });

  it.each(['Officer notes (internal)', 'Days overdue', 'Comments from the chair?', '', 'Column1'])('%p is weak or not a field', (label) => {
    const best = scoreHeader(label, null, true)[0];
    expect(best === undefined || best.confidence < 0.7).toBe(true);
  });

  it('marks down an "original" heading and a hidden column', () => {
    expect(scoreHeader('Original target date')[0]).toEqual({ field: 'dueDate', confidence: 0.52 });
    expect(scoreHeader('Original target date', null, true)).toEqual([]);
  });

  it('tries the group heading in front of the heading', () => {
    expect(scoreHeader('Q2', 'Outcome')[0]).toEqual({ field: 'latestUpdate', confidence: 1 });
    expect(scoreHeader('Start', 'Timescales')[0]).toEqual({ field: 'startDate', confidence: 1 });
  });

  it('lists every synonym in normalised form, for every field', () => {
    for (const field of IMPORT_FIELDS) {
      expect(FIELD_SYNONYMS[field].length).toBeGreaterThan(0);
      for (const synonym of FIELD_SYNONYMS[field]) expect(normaliseWords(synonym)).toBe(synonym);
    }
    for (const weak of WEAK_SYNONYMS) expect(Object.values(FIELD_SYNONYMS).some((list) => list.includes(weak))).toBe(true);
  });
});

describe('suggestMapping', () => {
  it('maps the common tracker shape', () => {
    const mapping = suggestMapping(
      headers('Ref', 'Area for improvement', 'Action', 'Lead officer', 'Partner', 'Start', 'Target date', 'Status', 'RAG', 'Update', 'Evidence', 'Success measure'),
    );
    expect(mapping.columns.map((c) => c.field)).toEqual([
      'reference',
      'finding',
      'actionTitle',
      'owner',
      'partner',
      'startDate',
      'dueDate',
      'status',
      'rag',
      'latestUpdate',
      'evidence',
      'successMeasure',
    ]);
    expect(mapping.version).toBe(1);
    expect(JSON.parse(JSON.stringify(mapping))).toEqual(mapping);
  });

  it('maps Torbay\u2019s NOS shape, with four quarterly outcome columns feeding the updates', () => {
    const mapping = suggestMapping(headers('NOS', 'What', 'Who', 'How', 'When', 'Success measures', 'Current status', 'Outcome Q1', 'Outcome Q2', 'Outcome Q3', 'Outcome Q4'));
    expect(mapping.columns.map((c) => c.field)).toEqual([
      'reference',
      'actionTitle',
      'owner',
      'description',
      'dueDate',
      'successMeasure',
      'status',
      'latestUpdate',
      'latestUpdate',
      'latestUpdate',
      'latestUpdate',
    ]);
  });

  it('gives a single-column field to the heading that names it best, and says why the other was left out', () => {
    const mapping = suggestMapping(headers('Action', 'Target date', 'Original target date', 'Lead', 'Lead officer'));
    expect(mapping.columns.map((c) => [c.column, c.field])).toEqual([
      ['A', 'actionTitle'],
      ['B', 'dueDate'],
      ['C', null],
      ['D', null],
      ['E', 'owner'],
    ]);
    expect(mapping.columns[2].note).toBe('also looks like Due date, which column B names better');
    expect(mapping.columns[3].note).toBe('also looks like Owner, which column E names better');
  });

  it('prefers a revised date to the original', () => {
    const mapping = suggestMapping(headers('Action', 'Target date', 'Revised target date'));
    expect(mapping.columns.map((c) => c.field)).toEqual(['actionTitle', null, 'dueDate']);
  });

  it('leaves unknown headings unmapped', () => {
    const mapping = suggestMapping(headers('Action', 'Days overdue', ''));
    expect(mapping.columns.slice(1)).toEqual([
      { column: 'B', header: 'Days overdue', field: null, confidence: 0, source: 'suggested', note: 'heading not recognised' },
      { column: 'C', header: '', field: null, confidence: 0, source: 'suggested', note: 'no heading' },
    ]);
  });

  it('takes the user\u2019s choices first, by column letter', () => {
    const mapping = suggestMapping(headers('Action', 'Days overdue', 'Target date'), { chosen: { B: 'milestones', C: null } });
    expect(mapping.columns.map((c) => [c.field, c.source])).toEqual([
      ['actionTitle', 'suggested'],
      ['milestones', 'chosen'],
      [null, 'chosen'],
    ]);
  });

  it('refuses two chosen columns for a single-column field', () => {
    expect(() => suggestMapping(headers('A', 'B'), { chosen: { A: 'dueDate', B: 'dueDate' } })).toThrow(expect.objectContaining({ code: ImportErrorCode.InvalidMapping }));
  });

  it('applies a saved mapping by heading, wherever the column has moved', () => {
    const saved = suggestMapping(headers('Action', 'Days overdue', 'When'), { chosen: { B: 'milestones' } });
    const next = suggestMapping(headers('When', 'Action', 'Days overdue', 'Owner'), { saved });
    expect(next.columns.map((c) => [c.column, c.field, c.source])).toEqual([
      ['A', 'dueDate', 'saved'],
      ['B', 'actionTitle', 'saved'],
      ['C', 'milestones', 'saved'],
      ['D', 'owner', 'suggested'],
    ]);
    expect(next.columns[2].note).toBe('saved for column B');
  });
});

describe('parseColumnMapping', () => {
  const valid = { version: 1, columns: [{ column: 'A', header: 'Ref', field: 'reference', confidence: 1, source: 'saved' }] };

  it('accepts a mapping made by suggestMapping', () => {
    const mapping = suggestMapping(headers('Ref', 'Action'));
    expect(parseColumnMapping(JSON.parse(JSON.stringify(mapping)))).toEqual(mapping);
    expect(parseColumnMapping(valid)).toEqual(valid);
  });

  it.each<[string, unknown, RegExp]>([
    ['a wrong version', { ...valid, version: 2 }, /mapping\.version/],
    ['an unknown field', { version: 1, columns: [{ ...valid.columns[0], field: 'budget' }] }, /mapping\.columns\.0\.field/],
    ['a bad column letter', { version: 1, columns: [{ ...valid.columns[0], column: 'a1' }] }, /column letter/],
    ['a field twice', { version: 1, columns: [valid.columns[0], { ...valid.columns[0], column: 'B' }] }, /reference is mapped to both column A and column B/],
    ['not an object', 'reference=A', /mapping/],
  ])('refuses %s with a 400 naming the field', (_label, value, message) => {
    expect(() => parseColumnMapping(value)).toThrow(message);
    try {
      parseColumnMapping(value);
    } catch (error) {
      expect(error).toMatchObject({ code: ImportErrorCode.InvalidMapping, status: 400 });
    }
  });
});
