import type { ActionSummaryDto } from '../../actions/dto/action.dto';
import type { ActionSort } from '../../actions/dto/action-query.dto';
import type { Role } from '../../common/request-context/request-context';
import { isUuid } from '../../common/validation/uuid';
import { ACTION_STATUS_INFO, ACTION_STATUSES, type ActionStatus } from '../../vocabulary/action-status';
import { RAG_COLOUR_INFO, RAG_COLOURS, type RagColour } from '../../vocabulary/rag-colour';
import type { FieldError } from '../common/forms/form-errors';
import { planNavigation, type PlanNavigation } from '../common/view/plan-navigation';
import { planPaths, ROW_PAGE } from '../common/web-paths';

/** Rows per page of the actions list. */
export const ACTIONS_PAGE_SIZE = 25;

const SORTS: readonly ActionSort[] = ['reference', '-reference', 'dueDate', '-dueDate'];
const MAX_PAGE = 1_000_000;

/** The list's filters as the page's GET form sends them (`?colour=red&colour=amber&q=...`). */
export interface ActionFilters {
  colour: RagColour[];
  status: ActionStatus[];
  workstream: string;
  /** A finding's id: the actions answering it (the plan page links here from a finding). */
  finding: string;
  owner: string;
  overdue: boolean;
  q: string;
  sort: ActionSort;
  page: number;
}

/** What the API's list query (`ActionQueryDto`) gets from the filters. */
export interface ActionListQuery {
  ragColour?: RagColour[];
  status?: ActionStatus[];
  workstreamId?: string;
  findingId?: string;
  ownerId?: string;
  overdueAt?: string;
  q?: string;
  sort: ActionSort;
  page: number;
  pageSize: number;
}

const many = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value])
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
const one = (value: unknown): string => many(value)[0] ?? '';

/**
 * Reads the filters from the query string. A value the list cannot use (an unknown colour, an id
 * that is not one, a page that is not a number) is dropped and named in an error, so the page
 * still shows and says what it ignored.
 */
export function parseActionFilters(raw: Record<string, unknown>): { filters: ActionFilters; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const colours = many(raw.colour);
  const colour = colours.filter((c): c is RagColour => (RAG_COLOURS as readonly string[]).includes(c));
  if (colour.length !== colours.length) errors.push({ field: 'colour', text: 'Choose colours from the list' });
  const statuses = many(raw.status);
  const status = statuses.filter((s): s is ActionStatus => (ACTION_STATUSES as readonly string[]).includes(s));
  if (status.length !== statuses.length) errors.push({ field: 'status', text: 'Choose statuses from the list' });
  let workstream = one(raw.workstream);
  if (workstream && !isUuid(workstream)) {
    errors.push({ field: 'workstream', text: 'Choose a workstream from the list' });
    workstream = '';
  }
  let finding = one(raw.finding);
  if (finding && !isUuid(finding)) {
    errors.push({ field: 'finding', text: 'Choose a finding from the list' });
    finding = '';
  }
  let owner = one(raw.owner);
  if (owner && !isUuid(owner)) {
    errors.push({ field: 'owner', text: 'Choose an owner from the list' });
    owner = '';
  }
  let q = one(raw.q);
  if (q.length > 100) {
    errors.push({ field: 'q', text: 'Search text must be 100 characters or fewer' });
    q = q.slice(0, 100);
  }
  const sortRaw = one(raw.sort);
  const sort = (SORTS as readonly string[]).includes(sortRaw) ? (sortRaw as ActionSort) : 'reference';
  const pageRaw = one(raw.page);
  const pageNumber = /^\d{1,7}$/.test(pageRaw) ? Number(pageRaw) : 1;
  const page = pageNumber >= 1 && pageNumber <= MAX_PAGE ? pageNumber : 1;
  return { filters: { colour, status, workstream, finding, owner, overdue: one(raw.overdue) === 'yes', q, sort, page }, errors };
}

/** The API query for the filters: the page and the API list the same rows. */
export function actionListQuery(filters: ActionFilters, today: string): ActionListQuery {
  return {
    ...(filters.colour.length ? { ragColour: filters.colour } : {}),
    ...(filters.status.length ? { status: filters.status } : {}),
    ...(filters.workstream ? { workstreamId: filters.workstream } : {}),
    ...(filters.finding ? { findingId: filters.finding } : {}),
    ...(filters.owner ? { ownerId: filters.owner } : {}),
    ...(filters.overdue ? { overdueAt: today } : {}),
    ...(filters.q ? { q: filters.q } : {}),
    sort: filters.sort,
    page: filters.page,
    pageSize: ACTIONS_PAGE_SIZE,
  };
}

/** The query string for these filters with some changed (sort links, pages, removing a filter). */
export function filtersQueryString(filters: ActionFilters, changes: Partial<ActionFilters> = {}): string {
  const f = { ...filters, ...changes };
  const params = new URLSearchParams();
  for (const c of f.colour) params.append('colour', c);
  for (const s of f.status) params.append('status', s);
  if (f.workstream) params.set('workstream', f.workstream);
  if (f.finding) params.set('finding', f.finding);
  if (f.owner) params.set('owner', f.owner);
  if (f.overdue) params.set('overdue', 'yes');
  if (f.q) params.set('q', f.q);
  if (f.sort !== 'reference') params.set('sort', f.sort);
  if (f.page > 1) params.set('page', String(f.page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface Option {
  value: string;
  text: string;
}

export interface ActionsListInput {
  plan: { id: string; title: string; status: string };
  role: Role;
  filters: ActionFilters;
  errors: FieldError[];
  page: { items: ActionSummaryDto[]; total: number; page: number; pageSize: number };
  workstreams: { id: string; code: string; title: string }[];
  /** The plan's findings, by reference, for the finding filter. */
  findings: { id: string; reference: string; title: string }[];
  owners: { id: string; name: string }[];
  /** Board and admin (the access policy's plan managers, decided by the controller): they add actions. */
  manage?: boolean;
}

export interface SortHeader {
  text: string;
  href: string | null;
  ariaSort: 'ascending' | 'descending' | 'none' | null;
}

export interface ActionsListViewModel {
  pageTitle: string;
  planNav: PlanNavigation;
  closed: boolean;
  /** "Add an action": the plan's managers, while it is open. */
  addActionHref: string | null;
  errors: FieldError[];
  action: string;
  filters: ActionFilters;
  colourItems: (Option & { checked: boolean })[];
  statusItems: (Option & { checked: boolean })[];
  workstreamItems: (Option & { selected: boolean })[];
  findingItems: (Option & { selected: boolean })[];
  ownerItems: (Option & { selected: boolean })[];
  selected: { text: string; href: string }[];
  clearHref: string;
  total: number;
  showing: string;
  headers: { reference: SortHeader; dueDate: SortHeader };
  rows: {
    href: string;
    reference: string;
    title: string;
    workstream: string;
    owner: string;
    dueDate: string;
    status: string;
    colour: RagColour | null;
    reasons: string[];
    overridden: boolean;
  }[];
  pagination: { previous?: { href: string }; next?: { href: string }; items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] } | null;
}

/** A finding's title as a select option: regulators' findings run to sentences. */
const OPTION_TITLE_LENGTH = 60;
function shortened(title: string): string {
  if (title.length <= OPTION_TITLE_LENGTH) return title;
  const cut = title.slice(0, OPTION_TITLE_LENGTH);
  const space = cut.lastIndexOf(' ');
  return `${(space > OPTION_TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Page numbers to link: first, last, and two either side of the current one, with gaps. */
export function pageNumbers(current: number, last: number): (number | null)[] {
  const wanted = new Set([1, last, current - 2, current - 1, current, current + 1, current + 2].filter((n) => n >= 1 && n <= last));
  const sorted = [...wanted].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  sorted.forEach((n, i) => {
    if (i > 0 && n - sorted[i - 1] > 1) out.push(null);
    out.push(n);
  });
  return out;
}

/** The plan's actions, filtered, sorted and paged on the server; the form works without JavaScript. */
export function actionsListPage(input: ActionsListInput): ActionsListViewModel {
  const { filters: f, page } = input;
  const base = planPaths(input.plan.id).actions;
  const href = (changes: Partial<ActionFilters>) => `${base}${filtersQueryString(f, { page: 1, ...changes })}`;
  const selected: { text: string; href: string }[] = [
    ...f.colour.map((c) => ({ text: `Colour: ${RAG_COLOUR_INFO[c].label}`, href: href({ colour: f.colour.filter((x) => x !== c) }) })),
    ...f.status.map((s) => ({ text: `Status: ${ACTION_STATUS_INFO[s].label}`, href: href({ status: f.status.filter((x) => x !== s) }) })),
  ];
  const ws = input.workstreams.find((w) => w.id === f.workstream);
  if (f.workstream) selected.push({ text: `Workstream: ${ws ? `${ws.code} ${ws.title}` : 'unknown'}`, href: href({ workstream: '' }) });
  const finding = input.findings.find((x) => x.id === f.finding);
  if (f.finding) selected.push({ text: `Finding: ${finding ? `${finding.reference} ${finding.title}` : 'unknown'}`, href: href({ finding: '' }) });
  const owner = input.owners.find((o) => o.id === f.owner);
  if (f.owner) selected.push({ text: `Owner: ${owner?.name ?? 'unknown'}`, href: href({ owner: '' }) });
  if (f.overdue) selected.push({ text: 'Overdue only', href: href({ overdue: false }) });
  if (f.q) selected.push({ text: `Search: ${f.q}`, href: href({ q: '' }) });

  const sortHeader = (text: string, key: 'reference' | 'dueDate'): SortHeader => {
    const ascending = f.sort === key;
    const descending = f.sort === `-${key}`;
    const next: ActionSort = ascending ? (`-${key}` as const) : key;
    return { text, href: href({ sort: next }), ariaSort: ascending ? 'ascending' : descending ? 'descending' : 'none' };
  };

  const lastPage = Math.max(1, Math.ceil(page.total / page.pageSize));
  const pageHref = (n: number) => `${base}${filtersQueryString(f, { page: n })}`;
  const first = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
  const last = Math.min(page.total, page.page * page.pageSize);

  return {
    pageTitle: `Actions: ${input.plan.title}`,
    planNav: planNavigation(input.plan, input.role, 'actions'),
    closed: input.plan.status === 'closed',
    addActionHref: input.manage && input.plan.status !== 'closed' ? planPaths(input.plan.id).newAction : null,
    errors: input.errors,
    action: base,
    filters: f,
    colourItems: RAG_COLOURS.map((c) => ({ value: c, text: RAG_COLOUR_INFO[c].label, checked: f.colour.includes(c) })),
    statusItems: ACTION_STATUSES.map((s) => ({ value: s, text: ACTION_STATUS_INFO[s].label, checked: f.status.includes(s) })),
    workstreamItems: [{ value: '', text: 'Any workstream', selected: !f.workstream }, ...input.workstreams.map((w) => ({ value: w.id, text: `${w.code} ${w.title}`, selected: w.id === f.workstream }))],
    findingItems: [{ value: '', text: 'Any finding', selected: !f.finding }, ...input.findings.map((x) => ({ value: x.id, text: `${x.reference} ${shortened(x.title)}`, selected: x.id === f.finding }))],
    ownerItems: [{ value: '', text: 'Anyone', selected: !f.owner }, ...input.owners.map((o) => ({ value: o.id, text: o.name, selected: o.id === f.owner }))],
    selected,
    clearHref: base,
    total: page.total,
    showing: page.total === 0 ? (selected.length ? 'No actions match' : 'This plan has no actions yet') : `Showing ${first} to ${last} of ${page.total} ${page.total === 1 ? 'action' : 'actions'}`,
    headers: { reference: sortHeader('Reference', 'reference'), dueDate: sortHeader('Due', 'dueDate') },
    rows: page.items.map((a) => ({
      href: ROW_PAGE.action(a.id),
      reference: a.reference,
      title: a.title,
      workstream: a.workstream.code,
      owner: a.owner.name,
      dueDate: a.dueDate,
      status: ACTION_STATUS_INFO[a.status].label,
      colour: a.rag?.colour ?? null,
      reasons: a.rag?.reasons.map((r) => r.text) ?? [],
      overridden: a.rag?.overridden ?? false,
    })),
    pagination:
      lastPage <= 1
        ? null
        : {
            ...(page.page > 1 ? { previous: { href: pageHref(page.page - 1) } } : {}),
            ...(page.page < lastPage ? { next: { href: pageHref(page.page + 1) } } : {}),
            items: pageNumbers(Math.min(page.page, lastPage), lastPage).map((n) => (n === null ? { ellipsis: true as const } : { number: n, href: pageHref(n), current: n === page.page })),
          },
  };
}
