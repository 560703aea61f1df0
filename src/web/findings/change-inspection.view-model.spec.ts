import type { InspectionDto } from '../../inspections/dto/inspection.dto';
import { inspectionKindsFor } from '../../inspections/regulator-scales';
import { changeInspectionPage, checkInspectionChange, inspectionValues, STALE_INSPECTION_ERROR } from './change-inspection.view-model';

const CQC = '11111111-1111-4111-8111-111111111111';
const ctx = { plan: { id: 'p1', title: 'Adult social care improvement plan' }, role: 'board' as const };
const choices = { regulators: [{ id: CQC, name: 'Care Quality Commission', judgementScale: ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'], inspectionKinds: inspectionKindsFor({ code: 'cqc', builtIn: true }) }] };
const inspection = {
  id: 'i1',
  regulatorId: CQC,
  regulator: { id: CQC, code: 'cqc', name: 'Care Quality Commission' },
  kind: 'cqc_la_assessment',
  kindLabel: 'CQC local authority assessment',
  title: 'CQC assessment 2025',
  startDate: '2025-03-03',
  endDate: null,
  publishedDate: '2025-06-20',
  reportReference: 'LA-2025',
  reportUrl: null,
  overallJudgement: null,
  version: 4,
} as unknown as InspectionDto;

describe('inspectionValues', () => {
  it('fills the form with what the inspection says, dates in their three boxes and empty ones blank', () => {
    expect(inspectionValues(inspection)).toEqual({
      regulatorId: CQC,
      kind: 'cqc_la_assessment',
      title: 'CQC assessment 2025',
      start: { day: '3', month: '3', year: '2025' },
      end: { day: '', month: '', year: '' },
      published: { day: '20', month: '6', year: '2025' },
      reportReference: 'LA-2025',
      reportUrl: '',
      overallJudgement: '',
    });
  });
});

describe('checkInspectionChange', () => {
  it('sends every field, a blank optional one as null so that it is cleared', () => {
    expect(checkInspectionChange({ ...inspectionValues(inspection), published: { day: '', month: '', year: '' }, reportReference: '' })).toEqual({
      errors: [],
      body: { regulatorId: CQC, kind: 'cqc_la_assessment', title: 'CQC assessment 2025', startDate: '2025-03-03', endDate: null, publishedDate: null, reportReference: null, reportUrl: null, overallJudgement: null },
    });
  });

  it('asks what "Add an inspection" asks, in the order of the fields', () => {
    const { errors, body } = checkInspectionChange({ ...inspectionValues(inspection), title: '', start: { day: '31', month: '2', year: '2025' } });
    expect(body).toBeNull();
    expect(errors.map((e) => e.field)).toEqual(['title', 'startDate']);
  });
});

describe('changeInspectionPage', () => {
  it('prefills the form, carries the version, goes back to the inspection on the plan page and links to its delete page', () => {
    const page = changeInspectionPage(ctx, choices, inspection);
    expect(page).toMatchObject({
      pageTitle: 'Change the inspection',
      caption: 'CQC assessment 2025',
      backLink: '/plans/p1/plan#inspection-i1',
      action: '/inspections/i1/edit',
      deleteHref: '/inspections/i1/delete',
      version: 4,
      errors: [],
      now: null,
    });
    expect(page.regulatorItems.find((r) => r.selected)?.value).toBe(CQC);
    expect(page.kindItems.find((k) => k.checked)?.value).toBe('cqc_la_assessment');
    expect(page.publishedItems.map((i) => i.value)).toEqual(['20', '6', '2025']);
  });

  it('shows what was typed with its errors, and after a stale send what the inspection says now', () => {
    const typed = { ...inspectionValues(inspection), title: 'Typed title' };
    expect(changeInspectionPage(ctx, choices, inspection, typed, [{ field: 'title', text: 'Enter a title' }])).toMatchObject({ values: { title: 'Typed title' }, now: null });
    const stale = changeInspectionPage(ctx, choices, { ...inspection, version: 5, title: 'Saved by someone else' }, typed, [STALE_INSPECTION_ERROR]);
    expect(stale.version).toBe(5);
    expect(stale.values.title).toBe('Typed title');
    expect(stale.now).toContainEqual({ key: { text: 'Title' }, value: { text: 'Saved by someone else' } });
    expect(stale.now).toContainEqual({ key: { text: 'Report published' }, value: { text: '20 June 2025' } });
  });
});
