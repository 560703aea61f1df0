import type { CommitteeDto } from '../../meetings/dto/committee.dto';
import type { MeetingDto } from '../../meetings/dto/meeting.dto';
import { checkMeetingForm, committeeFormErrors, emptyMeetingForm, meetingFormFrom, meetingPage, meetingsPage, newMeetingPage, parseDateInput, parseTime } from './meetings-pages.view-model';

const plan = { id: 'p1', title: 'Adult social care plan', status: 'active' };
const committee: CommitteeDto = { id: 'c1', planId: 'p1', name: 'Improvement Board', audience: 'board', version: 1, createdAt: '', updatedAt: '' };
const meeting: MeetingDto = {
  id: 'm1',
  planId: 'p1',
  committee: { id: 'c1', name: 'Improvement Board', audience: 'board' },
  meetsOn: '2027-01-05',
  startsAt: '18:30',
  venue: null,
  papersDeadline: '2026-12-22',
  papersDeadlineSet: false,
  cancelled: false,
  version: 1,
  createdAt: '',
  updatedAt: '',
};

describe('committees and meetings view models', () => {
  it.each([
    [{ day: '5', month: '1', year: '2027' }, '2027-01-05'],
    [{ day: '', month: '', year: '' }, 'empty'],
    [{ day: '5', month: '', year: '' }, 'The date of the meeting must include a month and a year'],
    [{ day: '31', month: '2', year: '2027' }, 'The date of the meeting must be a real date'],
    [{ day: '5', month: 'Jan', year: '2027' }, 'The date of the meeting must be a real date'],
    [{ day: '5', month: '1', year: '27' }, 'The date of the meeting must include a year with 4 numbers, like 2027'],
  ])('date input %j', (parts, expected) => {
    const result = parseDateInput('meetsOn', parts, 'the date of the meeting');
    expect(result.kind === 'date' ? result.date : result.kind === 'empty' ? 'empty' : result.error.text).toBe(expected);
  });

  it.each([
    ['18:30', '18:30'],
    ['9:05', '09:05'],
    ['0930', '09:30'],
    ['', null],
    ['24:00', undefined],
    ['half six', undefined],
  ])('time %s', (text, expected) => {
    expect(parseTime(text)).toBe(expected);
  });

  it('checks a meeting form, leaving a blank deadline to the rule', () => {
    const form = { ...emptyMeetingForm('c1'), meetsOn: { day: '5', month: '1', year: '2027' }, venue: ' Town Hall ' };
    expect(checkMeetingForm(form, [committee])).toEqual({ ok: true, meeting: { committeeId: 'c1', meetsOn: '2027-01-05', startsAt: null, venue: 'Town Hall', papersDeadline: null, cancelled: false } });
    const bad = checkMeetingForm({ ...form, committeeId: '', startsAt: 'later', papersDeadline: { day: '6', month: '1', year: '2027' } }, [committee]);
    expect(!bad.ok && bad.errors.map((e) => `${e.field} ${e.href ?? ''}`)).toEqual(['committeeId ', 'startsAt ', 'papersDeadline #papersDeadline-day']);
    const missing = checkMeetingForm(emptyMeetingForm('c1'), [committee]);
    expect(!missing.ok && missing.errors).toEqual([{ field: 'meetsOn', text: 'Enter the date of the meeting', href: '#meetsOn-day' }]);
  });

  it('checks a committee form', () => {
    expect(committeeFormErrors({ name: '', audience: 'public' }).map((e) => e.text)).toEqual(['Enter the committee’s name', 'Select what the committee receives']);
    expect(committeeFormErrors({ name: 'Scrutiny', audience: 'scrutiny' })).toEqual([]);
  });

  it('lists each committee with its meetings and papers deadlines in words', () => {
    const page = meetingsPage({ plan, role: 'board', committees: [committee], meetings: [meeting, { ...meeting, id: 'm2', papersDeadlineSet: true, cancelled: true }] });
    expect(page.planNav.items.find((i) => i.current)?.text).toBe('Meetings');
    expect(page.canEdit).toBe(true);
    expect(page.committees[0]).toMatchObject({ name: 'Improvement Board', audience: 'Improvement board', addMeetingHref: '/plans/p1/meetings/new?committeeId=c1' });
    expect(page.committees[0].meetings.map((m) => [m.meetsOn, m.papersDeadline, m.cancelled, m.href])).toEqual([
      ['5 January 2027', '22 December 2026 (5 working days before)', false, '/meetings/m1'],
      ['5 January 2027', '22 December 2026 (set by hand)', true, '/meetings/m2'],
    ]);
    expect(meetingsPage({ plan: { ...plan, status: 'closed' }, role: 'admin', committees: [], meetings: [] }).canEdit).toBe(false);
  });

  it("shows the rule's deadline for the meeting's date, and a rule deadline as a blank box", () => {
    expect(meetingFormFrom(meeting).papersDeadline).toEqual({ day: '', month: '', year: '' });
    expect(meetingFormFrom({ ...meeting, papersDeadlineSet: true }).papersDeadline).toEqual({ day: '22', month: '12', year: '2026' });
    const page = meetingPage({ plan, role: 'admin', meeting, ruleDeadline: '2026-12-22' });
    expect(page.deadlineHint).toContain('for this date, 22 December 2026');
    expect(page.deleteAction).toBe('/meetings/m1/delete');
    expect(newMeetingPage({ plan, role: 'admin', committees: [committee], ruleDeadline: '2026-12-22' }).deadlineHint).toContain('22 December 2026');
    expect(newMeetingPage({ plan, role: 'admin', committees: [committee] }).deadlineHint).toContain('5 working days before the meeting');
  });
});
