import type { MeetingDto } from '../../meetings/dto/meeting.dto';
import type { PackDto } from '../../packs/dto/pack.dto';
import type { PlanNavigation } from '../common/view/plan-navigation';
import { fileSize, generatePackRequest, generatePackServiceError, packPage, packsPage, publishErrors } from './packs.view-model';

const planNav: PlanNavigation = { planId: 'plan-1', planTitle: 'Plan', closed: false, items: [] };
const meeting = (id: string, meetsOn: string, cancelled = false): MeetingDto => ({
  id,
  planId: 'plan-1',
  committee: { id: 'c1', name: 'Improvement Board', audience: 'board' },
  meetsOn,
  startsAt: null,
  venue: null,
  papersDeadline: meetsOn,
  papersDeadlineSet: false,
  cancelled,
  version: 1,
  createdAt: '',
  updatedAt: '',
});
const pack = (overrides: Partial<PackDto> = {}): PackDto => ({
  id: 'p1',
  meetingId: null,
  audience: 'board',
  asOf: '2026-11-23',
  title: 'Board pack',
  formats: ['pdf'],
  state: 'queued',
  progress: 0,
  failureReason: null,
  contentHash: null,
  jobId: null,
  requestedById: null,
  createdAt: '',
  completedAt: null,
  publishedAt: null,
  publishedById: null,
  figuresChangedAt: null,
  files: [],
  ...overrides,
});

describe('packsPage', () => {
  it('offers upcoming meetings only (not past or cancelled), the first chosen, and names each pack’s meeting', () => {
    const meetings = [meeting('past', '2026-10-01'), meeting('next', '2026-12-08'), meeting('gone', '2026-12-01', true)];
    const vm = packsPage(planNav, [pack({ meetingId: 'past' })], meetings, '2026-11-23');
    expect(vm.meetingItems.map((m) => [m.value, m.checked])).toEqual([['next', true]]);
    expect(vm.rows[0]).toMatchObject({ href: '/packs/p1', meeting: '1 October 2026, Improvement Board', status: { text: 'Queued' } });
    expect(vm.form).toMatchObject({ asOfDay: '23', asOfMonth: '11', asOfYear: '2026' });
  });

  it('without meetings, the date is chosen', () => {
    expect(packsPage(planNav, [], [], '2026-11-23').form.target).toBe('date');
  });
});

describe('generatePackRequest', () => {
  it('a meeting, or a real date', () => {
    expect(generatePackRequest({ audience: 'board', target: 'b1a7c3d2-0000-4000-8000-000000000001', asOfDay: '', asOfMonth: '', asOfYear: '' })).toEqual({ errors: [], dto: { audience: 'board', meetingId: 'b1a7c3d2-0000-4000-8000-000000000001', asOf: undefined } });
    expect(generatePackRequest({ audience: 'scrutiny', target: 'date', asOfDay: '3', asOfMonth: '11', asOfYear: '2026' }).dto).toEqual({ audience: 'scrutiny', meetingId: undefined, asOf: '2026-11-03' });
    expect(generatePackRequest({ audience: '', target: 'date', asOfDay: '31', asOfMonth: '2', asOfYear: '2026' }).errors.map((e) => e.text)).toEqual([
      'Select who the pack is for',
      'Reporting date must be a real date',
    ]);
  });

  it('maps the service’s refusal of asOf to the date field', () => {
    expect(generatePackServiceError([{ field: 'asOf', messages: ['must not be in the future (today is 2026-11-23 in London)'] }])).toMatchObject({ field: 'asOf', text: expect.stringContaining('must not be in the future') });
    expect(generatePackServiceError([{ field: 'other', messages: [] }])).toBeNull();
    // A meeting that is not an id at all is the form's own error (it never reaches the database).
    expect(generatePackRequest({ audience: 'board', target: 'x', asOfDay: '', asOfMonth: '', asOfYear: '' })).toEqual({ errors: [{ field: 'target', text: 'Select a meeting or a reporting date' }], dto: null });
    // A meeting of the other audience's committee: the form lists every committee's meetings, so say which.
    expect(generatePackServiceError([{ field: 'meetingId', messages: ["is a meeting of a board committee: a scrutiny pack is for a scrutiny committee's meeting, or for a date"] }])).toEqual({
      field: 'target',
      text: 'That is a meeting of a board committee: select a meeting of the committee the pack is for, or a reporting date',
    });
    expect(generatePackServiceError([{ field: 'meetingId', messages: ['is not a meeting of this plan'] }])).toEqual({ field: 'target', text: 'Select a meeting of this plan' });
  });
});

describe('packPage', () => {
  it('shows progress with a Refresh link while pending, the files once ready', () => {
    expect(packPage(planNav, pack(), { meeting: null, pdfPages: null, check: null })).toMatchObject({ pending: true, attachments: [], canPublish: false });
    const ready = pack({ state: 'ready', files: [{ format: 'pdf', contentType: 'application/pdf', sizeBytes: 2_500_000, sha256: '', url: '' }] });
    expect(packPage(planNav, ready, { meeting: null, pdfPages: 1, check: null }).attachments[0].metadata).toBe('PDF, 2.4 MB, 1 page');
  });

  it('offers publication for a ready, unpublished scrutiny pack with its check', () => {
    const check = { packId: 'p1', fieldsChecked: 3, replacements: [], suspects: [], acknowledgementRequired: false };
    expect(packPage(planNav, pack({ audience: 'scrutiny', state: 'ready' }), { meeting: null, pdfPages: null, check }).canPublish).toBe(true);
    expect(packPage(planNav, pack({ audience: 'scrutiny', state: 'ready', publishedAt: '2026-11-24T00:00:00Z' }), { meeting: null, pdfPages: null, check }).publishedReportHref).toBe('/reports/p1');
  });

  it('offers neither publication nor a new pack in a closed plan (the API answers 409 plan_closed)', () => {
    const check = { packId: 'p1', fieldsChecked: 3, replacements: [], suspects: [], acknowledgementRequired: false };
    const closedNav = { ...planNav, closed: true };
    expect(packPage(closedNav, pack({ audience: 'scrutiny', state: 'ready' }), { meeting: null, pdfPages: null, check }).canPublish).toBe(false);
    expect(packsPage(closedNav, [], [], '2026-11-23').canGenerate).toBe(false);
    expect(packsPage(planNav, [], [], '2026-11-23').canGenerate).toBe(true);
  });

  it('warns when its date’s statuses changed after it was made, with the time in London, and tags it in the list', () => {
    const options = { meeting: null, pdfPages: null, check: null };
    expect(packPage(planNav, pack({ state: 'ready' }), options).figuresChanged).toBeNull();
    const changed = pack({ state: 'ready', figuresChangedAt: '2026-11-25T14:05:00.000Z' });
    expect(packPage(planNav, changed, options).figuresChanged).toBe(
      'The RAG statuses for 23 November 2026 changed on 25 November 2026 at 2:05pm, after this pack was made. ' +
        'This pack still reports them as they were. Generate a new pack from the Packs page to report them as they are now.',
    );
    // British Summer Time: the London hour, not UTC's.
    expect(packPage(planNav, pack({ state: 'ready', asOf: '2026-06-30', publishedAt: '2026-07-01T08:00:00Z', figuresChangedAt: '2026-07-02T08:30:00.000Z' }), options).figuresChanged).toBe(
      'The RAG statuses for 30 June 2026 changed on 2 July 2026 at 9:30am, after this pack was made. ' +
        'The published pack still reports them as they were. Generate a new pack from the Packs page to report them as they are now.',
    );
    expect(packsPage(planNav, [pack({ id: 'a' }), changed], [], '2026-11-23').rows.map((r) => r.figuresChanged)).toEqual([false, true]);
  });
});

describe('publishErrors and fileSize', () => {
  it('needs the box ticked only when suspects remain', () => {
    expect(publishErrors({ acknowledgementRequired: true }, false).map((e) => e.field)).toEqual(['acknowledgeSuspects']);
    expect(publishErrors({ acknowledgementRequired: true }, true)).toEqual([]);
    expect(publishErrors({ acknowledgementRequired: false }, false)).toEqual([]);
  });

  it.each([
    [512, '512 bytes'],
    [1536, '1.5 KB'],
    [20_480, '20 KB'],
    [3_145_728, '3.0 MB'],
  ])('%d bytes: %s', (bytes, text) => expect(fileSize(bytes)).toBe(text));
});
