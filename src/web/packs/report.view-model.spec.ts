import { buildPackModel } from '../../packs/model/build-pack-model';
import { packSourceFixture } from '../../packs/model/pack-source.testing';
import type { PackDto } from '../../packs/dto/pack.dto';
import type { PlanNavigation } from '../common/view/plan-navigation';
import { reportPage, reportsPage } from './report.view-model';

const planNav: PlanNavigation = { planId: 'plan-1', planTitle: 'Adult social care improvement plan', closed: false, items: [] };

function pack(overrides: Partial<PackDto> = {}): PackDto {
  return {
    id: 'pack-1',
    meetingId: null,
    audience: 'scrutiny',
    asOf: '2026-11-23',
    title: 'Progress report',
    formats: ['pdf', 'docx', 'xlsx', 'json'],
    state: 'ready',
    progress: 100,
    failureReason: null,
    contentHash: 'h',
    jobId: 'pack-pack-1',
    requestedById: null,
    createdAt: '2026-11-23T10:00:00.000Z',
    completedAt: '2026-11-23T10:01:00.000Z',
    publishedAt: '2026-11-24T09:00:00.000Z',
    publishedById: null,
    figuresChangedAt: null,
    files: (['pdf', 'docx', 'xlsx', 'json'] as const).map((format) => ({ format, contentType: 'x', sizeBytes: 20_480, sha256: 's', url: `/api/v1/packs/pack-1/files/${format}` })),
    ...overrides,
  };
}

describe('reportPage (a scrutiny pack as HTML)', () => {
  const model = buildPackModel(packSourceFixture('scrutiny'));
  const vm = reportPage(planNav, pack(), model, 9);

  it('walks the model’s sections in order, as the PDF does', () => {
    expect(vm.title).toBe(model.meta.title);
    expect(vm.sections.map((s) => s.heading)).toEqual(model.sections.map((s) => s.displayHeading));
    expect(vm.contents.map((c) => c.id)).toEqual(vm.sections.map((s) => s.id));
  });

  it('gives every table a distinct caption and keeps RAG colours as words', () => {
    const tables = vm.sections.flatMap((s) => [...s.blocks, ...s.subsections.flatMap((x) => x.blocks)]).flatMap((b) => (b.kind === 'table' || b.kind === 'chart' ? [b.table] : []));
    expect(tables.length).toBeGreaterThan(2);
    const captions = tables.map((t) => t.caption);
    expect(new Set(captions).size).toBe(captions.length);
    const ragCells = tables.flatMap((t) => t.rows.flat()).filter((c) => c.rag !== null);
    expect(ragCells.length).toBeGreaterThan(0);
    for (const c of ragCells) expect(c.text).toMatch(/^(Red|Amber|Green|Blue|Grey)/);
  });

  it('offers the PDF, Word and Excel files beside it (not the JSON), the PDF with its pages', () => {
    expect(vm.attachments.map((a) => [a.format, a.href, a.metadata])).toEqual([
      ['pdf', '/packs/pack-1/files/pdf', 'PDF, 20 KB, 9 pages'],
      ['docx', '/packs/pack-1/files/docx', 'DOCX, 20 KB'],
      ['xlsx', '/packs/pack-1/files/xlsx', 'XLSX, 20 KB'],
    ]);
  });

  it('warns its readers when the date’s statuses changed after it was made', () => {
    expect(reportPage(planNav, pack(), null, null).figuresChanged).toBeNull();
    expect(reportPage(planNav, pack({ figuresChangedAt: '2026-12-02T10:15:00.000Z' }), null, null).figuresChanged).toBe(
      'The RAG statuses for 23 November 2026 changed on 2 December 2026 at 10:15am, after this report was made. The report still shows them as they were when it was made.',
    );
  });

  it('without its JSON model, says to read the files', () => {
    expect(reportPage(planNav, pack(), null, null)).toMatchObject({ htmlVersion: false, sections: [], title: 'Progress report' });
  });
});

describe('reportsPage', () => {
  it('lists published scrutiny packs only', () => {
    const vm = reportsPage(planNav, [pack(), pack({ id: 'draft', publishedAt: null }), pack({ id: 'board', audience: 'board' })]);
    expect(vm.rows.map((r) => r.href)).toEqual(['/reports/pack-1']);
  });
});
