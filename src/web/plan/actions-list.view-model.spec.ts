import type { ActionSummaryDto } from '../../actions/dto/action.dto';
import { actionListQuery, actionsListPage, filtersQueryString, pageNumbers, parseActionFilters } from './actions-list.view-model';

const WS = '11111111-1111-4111-8111-111111111111';
const OWNER = '22222222-2222-4222-8222-222222222222';
const FINDING = '33333333-3333-4333-8333-333333333333';

describe('actions list view model', () => {
  it('reads the GET form into the API query the actions API takes', () => {
    const { filters, errors } = parseActionFilters({ colour: ['red', 'amber'], status: 'in_progress,blocked', workstream: WS, finding: FINDING, owner: OWNER, overdue: 'yes', q: ' audit ', sort: '-dueDate', page: '3' });
    expect(errors).toEqual([]);
    expect(actionListQuery(filters, '2026-11-30')).toEqual({
      ragColour: ['red', 'amber'],
      status: ['in_progress', 'blocked'],
      workstreamId: WS,
      findingId: FINDING,
      ownerId: OWNER,
      overdueAt: '2026-11-30',
      q: 'audit',
      sort: '-dueDate',
      page: 3,
      pageSize: 25,
    });
  });

  it('drops what it cannot use and names the field', () => {
    const { filters, errors } = parseActionFilters({ colour: ['red', 'purple'], status: 'sleeping', workstream: 'x', finding: 'F1', owner: "1' OR 1=1", page: '-2', sort: 'owner' });
    expect(errors.map((e) => e.field)).toEqual(['colour', 'status', 'workstream', 'finding', 'owner']);
    expect(filters).toMatchObject({ colour: ['red'], status: [], workstream: '', finding: '', owner: '', page: 1, sort: 'reference' });
    expect(actionListQuery(filters, '2026-11-30')).toEqual({ ragColour: ['red'], sort: 'reference', page: 1, pageSize: 25 });
  });

  it('keeps every filter in sort, page and remove links', () => {
    const { filters } = parseActionFilters({ colour: ['red', 'amber'], q: 'a&b', page: '2' });
    expect(filtersQueryString(filters)).toBe('?colour=red&colour=amber&q=a%26b&page=2');
    expect(filtersQueryString(filters, { colour: ['amber'], page: 1 })).toBe('?colour=amber&q=a%26b');
  });

  it('filters by a finding: kept in links, named in the selected filters, its title shortened in the select', () => {
    const long = 'Leaders do not have a clear enough understanding of the quality of social work practice across the service';
    const { filters } = parseActionFilters({ finding: FINDING, colour: 'red' });
    expect(filtersQueryString(filters, { page: 2 })).toBe(`?colour=red&finding=${FINDING}&page=2`);
    const page = actionsListPage({
      plan: { id: 'p1', title: 'Plan', status: 'active' },
      role: 'board',
      filters,
      errors: [],
      page: { items: [], total: 0, page: 1, pageSize: 25 },
      workstreams: [],
      findings: [{ id: FINDING, reference: 'QS-1', title: long }, { id: OWNER, reference: 'QS-2', title: 'Short' }],
      owners: [],
    });
    expect(page.selected).toEqual([
      { text: 'Colour: Red', href: `/plans/p1/actions?finding=${FINDING}` },
      { text: `Finding: QS-1 ${long}`, href: '/plans/p1/actions?colour=red' },
    ]);
    expect(page.findingItems).toEqual([
      { value: '', text: 'Any finding', selected: false },
      { value: FINDING, text: 'QS-1 Leaders do not have a clear enough understanding of the…', selected: true },
      { value: OWNER, text: 'QS-2 Short', selected: false },
    ]);
  });

  it('numbers pages with gaps', () => {
    expect(pageNumbers(1, 1)).toEqual([1]);
    expect(pageNumbers(1, 10)).toEqual([1, 2, 3, null, 10]);
    expect(pageNumbers(6, 200)).toEqual([1, null, 4, 5, 6, 7, 8, null, 200]);
  });

  it('says a plan has no actions yet when nothing is filtered, and that none match when something is', () => {
    const listed = (query: Record<string, string>) =>
      actionsListPage({
        plan: { id: 'p1', title: 'Plan', status: 'active' },
        role: 'board',
        filters: parseActionFilters(query).filters,
        errors: [],
        page: { items: [], total: 0, page: 1, pageSize: 25 },
        workstreams: [],
        findings: [],
        owners: [],
      }).showing;
    expect(listed({})).toBe('This plan has no actions yet');
    expect(listed({ colour: 'red' })).toBe('No actions match');
    expect(listed({ q: 'audit' })).toBe('No actions match');
  });

  it('builds rows with the colour word, sort headers and GOV.UK pagination', () => {
    const { filters } = parseActionFilters({ colour: 'red', page: '2' });
    const action = {
      id: 'a1',
      reference: 'A1.1',
      title: 'Audit',
      workstream: { id: WS, code: 'KO1', title: 'Practice' },
      owner: { id: OWNER, name: 'Owner One', jobTitle: null, partnerAgency: null },
      dueDate: '2026-10-01',
      status: 'blocked',
      rag: { colour: 'red', reasons: [{ code: 'blocked', colour: 'red', text: 'blocked' }], overridden: false },
    } as unknown as ActionSummaryDto;
    const page = actionsListPage({
      plan: { id: 'p1', title: 'Plan', status: 'active' },
      role: 'owner',
      filters,
      errors: [],
      page: { items: [action], total: 60, page: 2, pageSize: 25 },
      workstreams: [{ id: WS, code: 'KO1', title: 'Practice' }],
      findings: [{ id: FINDING, reference: 'QS-1', title: 'Learning from audits' }],
      owners: [{ id: OWNER, name: 'Owner One' }],
    });
    expect(page.rows).toEqual([{ href: '/actions/a1', reference: 'A1.1', title: 'Audit', workstream: 'KO1', owner: 'Owner One', dueDate: '2026-10-01', status: 'Blocked', colour: 'red', reasons: ['blocked'], overridden: false }]);
    expect(page.showing).toBe('Showing 26 to 50 of 60 actions');
    expect(page.headers.reference).toEqual({ text: 'Reference', href: '/plans/p1/actions?colour=red&sort=-reference', ariaSort: 'ascending' });
    expect(page.headers.dueDate.ariaSort).toBe('none');
    expect(page.pagination).toEqual({
      previous: { href: '/plans/p1/actions?colour=red' },
      next: { href: '/plans/p1/actions?colour=red&page=3' },
      items: [
        { number: 1, href: '/plans/p1/actions?colour=red', current: false },
        { number: 2, href: '/plans/p1/actions?colour=red&page=2', current: true },
        { number: 3, href: '/plans/p1/actions?colour=red&page=3', current: false },
      ],
    });
    expect(page.selected).toEqual([{ text: 'Colour: Red', href: '/plans/p1/actions' }]);
    expect(page.colourItems.find((c) => c.value === 'red')?.checked).toBe(true);
    // An owner adds no actions.
    expect(page.addActionHref).toBeNull();
  });

  it('offers "Add an action" to the plan managers, while the plan is open', () => {
    const input = (status: string, manage: boolean) => ({
      plan: { id: 'p1', title: 'Plan', status },
      role: 'board' as const,
      filters: parseActionFilters({}).filters,
      errors: [],
      page: { items: [], total: 0, page: 1, pageSize: 25 },
      workstreams: [],
      findings: [],
      owners: [],
      manage,
    });
    expect(actionsListPage(input('active', true)).addActionHref).toBe('/plans/p1/actions/new');
    expect(actionsListPage(input('closed', true)).addActionHref).toBeNull();
    expect(actionsListPage(input('active', false)).addActionHref).toBeNull();
  });
});
