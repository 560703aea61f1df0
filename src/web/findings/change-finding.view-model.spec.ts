import type { FindingDto } from '../../findings/dto/finding.dto';
import { checkNewFinding, EMPTY_NEW_FINDING, type NewFindingChoices } from './add-finding.view-model';
import { changeFindingPage, checkFindingChange, findingValues, STALE_FINDING_ERROR } from './change-finding.view-model';

const I1 = '11111111-1111-4111-8111-111111111111';
const I2 = '22222222-2222-4222-8222-222222222222';
const N1 = '44444444-4444-4444-8444-444444444444';
const CQC = { id: 'r-cqc', code: 'cqc', name: 'Care Quality Commission', builtIn: true };
const OWN = { id: 'r-own', code: 'ciw', name: 'Care Inspectorate Wales', builtIn: false };
const ctx = { plan: { id: 'p1', title: 'Adult social care improvement plan' }, role: 'board' as const };
const choices: NewFindingChoices = {
  inspections: [
    { id: I1, title: 'CQC assessment 2025', regulatorId: CQC.id, kind: 'cqc_la_assessment', startDate: '2025-03-03' },
    { id: I2, title: 'Review 2026', regulatorId: OWN.id, kind: 'other', startDate: '2026-01-10' },
  ],
  regulators: [CQC, OWN],
  notices: [{ id: N1, kindLabel: 'Section 50 notification', title: 'Section 50 letter' }],
};
const finding = {
  id: 'f1',
  inspectionId: I1,
  noticeId: N1,
  reference: 'QS-SAFE-1',
  title: 'Safeguarding: significant shortfalls',
  text: 'Evidence shows significant shortfalls.',
  theme: 'safeguarding',
  themeLabel: 'Safeguarding',
  score: 1,
  type: 'area_for_priority_action',
  typeLabel: 'Area for priority action',
  version: 3,
} as unknown as FindingDto;

describe('findingValues', () => {
  it('prefills the form with what the finding says: a listed theme in the list, the score as its option', () => {
    expect(findingValues(finding, choices)).toEqual({
      inspectionId: I1,
      noticeId: N1,
      reference: 'QS-SAFE-1',
      title: 'Safeguarding: significant shortfalls',
      text: 'Evidence shows significant shortfalls.',
      type: 'area_for_priority_action',
      theme: 'safeguarding',
      themeText: '',
      score: '1',
    });
  });

  it('puts a theme in words in the words box for a regulator with no list; no notice or score as blank', () => {
    expect(findingValues({ ...finding, inspectionId: I2, noticeId: null, theme: 'Fire safety', score: null }, choices)).toMatchObject({ noticeId: '', theme: '', themeText: 'Fire safety', score: '' });
  });
});

describe('checkFindingChange', () => {
  it('gives the PATCH body with every field: "No notice", no theme and "Not scored" clear them', () => {
    expect(checkFindingChange({ ...findingValues(finding, choices), noticeId: '', theme: '', score: '' })).toEqual({
      errors: [],
      body: { inspectionId: I1, noticeId: null, reference: 'QS-SAFE-1', title: 'Safeguarding: significant shortfalls', text: 'Evidence shows significant shortfalls.', type: 'area_for_priority_action', theme: null, score: null },
    });
    expect(checkFindingChange(findingValues(finding, choices)).body).toMatchObject({ noticeId: N1, theme: 'safeguarding', score: 1 });
  });

  it('asks what the add form asks, on the same fields', () => {
    const sent = { ...EMPTY_NEW_FINDING, theme: 'safeguarding', themeText: 'Own words', score: '9' };
    const { errors, body } = checkFindingChange(sent);
    expect(body).toBeNull();
    expect(errors.map((e) => e.field)).toEqual(['inspectionId', 'reference', 'title', 'type', 'themeText', 'score']);
    expect(errors).toEqual(checkNewFinding(sent).errors);
  });
});

describe('changeFindingPage', () => {
  it('is the finding’s form, prefilled, with its version, the add form’s items ("No notice" first), and a link to delete it', () => {
    const page = changeFindingPage(ctx, choices, finding);
    expect(page).toMatchObject({
      pageTitle: 'Change the finding',
      caption: 'QS-SAFE-1: Safeguarding: significant shortfalls',
      action: '/findings/f1/edit',
      backLink: '/plans/p1/plan#finding-f1',
      deleteHref: '/findings/f1/delete',
      version: 3,
      values: findingValues(finding, choices),
      now: null,
    });
    expect(page.noticeItems).toEqual([
      { value: '', text: 'No notice', selected: false },
      { value: N1, text: 'Section 50 notification: Section 50 letter', selected: true },
    ]);
    expect(page.inspectionItems.find((i) => i.selected)?.value).toBe(I1);
    expect(page.typeItems.find((t) => t.checked)?.value).toBe('area_for_priority_action');
    expect(page.themeItems?.find((t) => t.selected)?.value).toBe('safeguarding');
    expect(page.scoreItems?.find((s) => s.selected)?.value).toBe('1');
    expect(page.freeThemeRegulators).toEqual(['Care Inspectorate Wales']);
  });

  it('after a stale send, keeps what was sent and shows what the finding says now', () => {
    const sent = { ...findingValues(finding, choices), title: 'My title' };
    const page = changeFindingPage(ctx, choices, { ...finding, title: 'Their title', noticeId: null, score: null, version: 4 }, sent, [STALE_FINDING_ERROR]);
    expect(page.values.title).toBe('My title');
    expect(page.version).toBe(4);
    expect(page.now).toEqual([
      { key: { text: 'Inspection' }, value: { text: 'CQC assessment 2025 (3 March 2025)' } },
      { key: { text: 'Notice' }, value: { text: 'No notice' } },
      { key: { text: 'Reference' }, value: { text: 'QS-SAFE-1' } },
      { key: { text: 'Title' }, value: { text: 'Their title' } },
      { key: { text: 'What the report says' }, value: { text: 'Evidence shows significant shortfalls.' } },
      { key: { text: 'Type' }, value: { text: 'Area for priority action' } },
      { key: { text: 'Theme' }, value: { text: 'Safeguarding' } },
      { key: { text: 'Score' }, value: { text: 'Not scored' } },
    ]);
  });
});
