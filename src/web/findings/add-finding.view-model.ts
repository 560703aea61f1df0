import { FINDING_TYPES } from '../../findings/dto/finding.dto';
import type { FindingType } from '../../findings/entities/finding.entity';
import { FINDING_TYPE_LABELS } from '../../findings/finding.mapper';
import type { InspectionDto } from '../../inspections/dto/inspection.dto';
import type { RegulatorDto } from '../../inspections/dto/regulator.dto';
import { findingThemesFor, regulatorScores, type FindingTheme } from '../../inspections/regulator-scales';
import type { NoticeDto } from '../../notices/dto/notice.dto';
import type { ActionFormPage, PlanContext } from '../actions/action-forms.view-model';
import { serviceMessageWords } from '../actions/add-action.view-model';
import { serviceFieldErrors, type FieldLabel } from '../admin/service-errors';
import type { FieldError, FormErrors } from '../common/forms/form-errors';
import { formValue } from '../common/forms/form-errors';
import { govukDate } from '../common/nunjucks/filters';
import { planNavigation } from '../common/view/plan-navigation';
import { planPaths } from '../common/web-paths';

/** What the form offers: the plan's inspections (with their regulators, for the themes and scores) and notices. */
export interface NewFindingChoices {
  inspections: Pick<InspectionDto, 'id' | 'title' | 'regulatorId' | 'kind' | 'startDate'>[];
  regulators: Pick<RegulatorDto, 'id' | 'code' | 'name' | 'builtIn'>[];
  notices: Pick<NoticeDto, 'id' | 'kindLabel' | 'title'>[];
}

const wordsOf = (text: string): string[] => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/**
 * How the notice list names a notice: "kind: title", or the title alone when it already has every
 * word of its kind (case-insensitive), so "Section 50 notification to the Secretary of State" is not
 * "Section 50 notification: Section 50 notification to the Secretary of State".
 */
export function noticeChoiceText(notice: Pick<NoticeDto, 'kindLabel' | 'title'>): string {
  const titleWords = new Set(wordsOf(notice.title));
  return wordsOf(notice.kindLabel).every((w) => titleWords.has(w)) ? notice.title : `${notice.kindLabel}: ${notice.title}`;
}

/** How a finding is named on its pages and in the banners: "QS-SAFE-1: Safeguarding: significant shortfalls". */
export function findingName(finding: { reference: string; title: string }): string {
  return `${finding.reference}: ${finding.title}`;
}

/** The form's fields as sent. */
export interface NewFindingValues {
  inspectionId: string;
  noticeId: string;
  reference: string;
  title: string;
  text: string;
  type: string;
  /** A theme from the inspections' lists. */
  theme: string;
  /** A theme in the user's own words, for a regulator with no list. */
  themeText: string;
  score: string;
}

export const EMPTY_NEW_FINDING: NewFindingValues = Object.freeze({
  inspectionId: '',
  noticeId: '',
  reference: '',
  title: '',
  text: '',
  type: '',
  theme: '',
  themeText: '',
  score: '',
});

export function submittedNewFinding(body: unknown): NewFindingValues {
  return {
    inspectionId: formValue(body, 'inspectionId'),
    noticeId: formValue(body, 'noticeId'),
    reference: formValue(body, 'reference').trim(),
    title: formValue(body, 'title').trim(),
    text: formValue(body, 'text').replace(/\r\n/g, '\n'),
    type: formValue(body, 'type'),
    theme: formValue(body, 'theme'),
    themeText: formValue(body, 'themeText').trim(),
    score: formValue(body, 'score'),
  };
}

/** A blank form, with the inspection of `?inspection=` chosen when it is one of the plan's. */
export function newFindingFor(choices: NewFindingChoices, inspection: unknown): NewFindingValues {
  const chosen = typeof inspection === 'string' && choices.inspections.some((i) => i.id === inspection) ? inspection : '';
  return { ...EMPTY_NEW_FINDING, inspectionId: chosen };
}

/** The body `POST /api/v1/plans/:planId/findings` would take (checked next by the API's own DTO). */
export interface NewFindingBody {
  inspectionId: string;
  noticeId?: string;
  reference: string;
  title: string;
  text: string;
  type: string;
  theme?: string;
  score?: number;
}

/** The finding's fields, checked: an answer left blank (notice, theme, score) as null. */
export interface FindingDetails {
  inspectionId: string;
  noticeId: string | null;
  reference: string;
  title: string;
  text: string;
  type: string;
  theme: string | null;
  score: number | null;
}

/**
 * What the form itself asks, in GOV.UK's words and the order of the fields (the add and change forms
 * alike): the required answers, one theme at most, a score from the list. Lengths, an inspection and
 * notice of this plan that agree, a theme and score the inspection's regulator allows and a reference
 * free within the inspection are the API's DTO's and the findings service's; their refusals come back
 * through `newFindingServiceErrors`.
 */
export function checkFindingDetails(values: NewFindingValues): { errors: FieldError[]; details: FindingDetails | null } {
  const errors: FieldError[] = [];
  if (!values.inspectionId) errors.push({ field: 'inspectionId', text: 'Select the inspection the finding comes from' });
  if (!values.reference) errors.push({ field: 'reference', text: 'Enter the finding’s reference in the report' });
  if (!values.title) errors.push({ field: 'title', text: 'Enter a title' });
  if (!values.type) errors.push({ field: 'type', text: 'Select the type of finding' });
  if (values.theme && values.themeText) errors.push({ field: 'themeText', text: 'Choose a theme from the list or type one, not both' });
  if (values.score && !/^[1-4]$/.test(values.score)) errors.push({ field: 'score', text: 'Select a score from the list' });
  if (errors.length > 0) return { errors, details: null };
  return {
    errors,
    details: {
      inspectionId: values.inspectionId,
      noticeId: values.noticeId || null,
      reference: values.reference,
      title: values.title,
      text: values.text,
      type: values.type,
      theme: values.theme || values.themeText || null,
      score: values.score ? Number(values.score) : null,
    },
  };
}

/** What the add form asks (`checkFindingDetails`), as the body of `POST /api/v1/plans/:planId/findings`: notice, theme and score only when given. */
export function checkNewFinding(values: NewFindingValues): { errors: FieldError[]; body: NewFindingBody | null } {
  const { errors, details } = checkFindingDetails(values);
  if (!details) return { errors, body: null };
  const body: NewFindingBody = { inspectionId: details.inspectionId, reference: details.reference, title: details.title, text: details.text, type: details.type };
  if (details.noticeId) body.noticeId = details.noticeId;
  if (details.theme) body.theme = details.theme;
  if (details.score !== null) body.score = details.score;
  return { errors, body };
}

/** One message of the DTO or the findings service in the form's words. */
export function findingMessageWords(apiField: string, message: string): string {
  const own = message.startsWith(`${apiField} `) ? message.slice(apiField.length + 1) : message;
  if (apiField === 'inspectionId') return 'must be one of this plan’s inspections, from the list';
  if (apiField === 'noticeId') {
    if (/follows a different inspection/.test(own)) return 'follows a different inspection from the one chosen: choose No notice, or that inspection';
    return 'must be one of this plan’s notices, from the list';
  }
  if (apiField === 'type') return 'must be one from the list';
  if (apiField === 'theme') {
    // "must be a CQC quality statement: one of assessing_needs, ...": the list is on the page.
    const listed = /^(must be .+?): one of /.exec(own);
    if (listed) return `${listed[1]} for the inspection chosen`;
  }
  if (apiField === 'score') {
    if (/only where the regulator scores/.test(own)) return 'must be Not scored for this inspection: only CQC scores its findings';
    return 'must be one from the list';
  }
  return serviceMessageWords(apiField, message);
}

/**
 * The refusal of the DTO or the findings service (400, or 409 for a reference already used in the
 * inspection) on the form's fields, in the form's words; null when it is another error, or a problem
 * names no field of the form. A theme's refusal goes on the field it was given in.
 */
export function newFindingServiceErrors(err: unknown, values: Pick<NewFindingValues, 'theme' | 'themeText'>): FieldError[] | null {
  const fields: Record<string, FieldLabel> = {
    inspectionId: { field: 'inspectionId', label: 'Inspection' },
    noticeId: { field: 'noticeId', label: 'The notice' },
    reference: { field: 'reference', label: 'Reference' },
    title: { field: 'title', label: 'Title' },
    text: { field: 'text', label: 'The finding' },
    type: { field: 'type', label: 'Type' },
    theme: { field: values.theme || !values.themeText ? 'theme' : 'themeText', label: 'Theme' },
    score: { field: 'score', label: 'Score' },
  };
  return serviceFieldErrors(err, fields, { words: findingMessageWords });
}

/** Which list a theme comes from, in words ("CQC quality statement"), by regulator and kind. */
function themeListName(regulator: Pick<RegulatorDto, 'code' | 'builtIn'>, kind: string): string {
  if (kind === 'jtai') return 'JTAI heading';
  if (regulator.builtIn && regulator.code === 'cqc') return 'CQC quality statement';
  if (regulator.builtIn && regulator.code === 'ofsted') return 'Ofsted ILACS judgement';
  return 'Theme';
}

type Item = { value: string; text: string };

/** The items of the finding's fields (the shared partial `findings/finding-fields.njk`), add and change forms alike. */
export interface FindingFieldItems {
  inspectionItems: (Item & { selected: boolean })[];
  /** The plan's notices, "No notice" first, or null when it has none (no field). */
  noticeItems: (Item & { selected: boolean })[] | null;
  typeItems: (Item & { checked: boolean })[];
  /** The themes of the inspections' lists (null: none has a list), and which lists they are. */
  themeItems: (Item & { selected: boolean })[] | null;
  /** Which lists the themes come from, in words. */
  themeHint: string;
  /** The regulators whose findings take a theme in words (null: none of the plan's inspections). */
  freeThemeRegulators: string[] | null;
  /** The score field, when an inspection's regulator scores (CQC). */
  scoreItems: (Item & { selected: boolean })[] | null;
}

export interface AddFindingViewModel extends ActionFormPage, FindingFieldItems {
  values: NewFindingValues;
  /** False when the plan has no inspection yet: a finding could not be added. */
  ready: boolean;
  newInspectionHref: string;
}

/** "The CQC quality statement the finding falls under", or the lists it may come from when there are several. */
function themeHint(lists: string[]): string {
  if (lists.length === 0) return '';
  if (lists.length === 1) return `The ${lists[0]} the finding falls under`;
  const plural = lists.map((l) => `${l}s`);
  return `From the list of the inspection’s regulator: ${plural.slice(0, -1).join(', ')} or ${plural[plural.length - 1]}`;
}

const SCORE_WORDS = ['significant shortfalls', 'some shortfalls', 'good standard', 'exceptional standard'];

/** A CQC score as the form's choices word it ("1: significant shortfalls"); the bare number out of range. */
export const scoreInWords = (score: number): string => (SCORE_WORDS[score - 1] ? `${score}: ${SCORE_WORDS[score - 1]}` : String(score));

/** The plan's inspections with a known regulator, oldest first, each with its regulator and its list of themes (null: themes in words). */
export function inspectionsWithThemes(choices: NewFindingChoices) {
  const regulatorOf = new Map(choices.regulators.map((r) => [r.id, r]));
  return [...choices.inspections]
    .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.title.localeCompare(b.title)))
    .flatMap((i) => {
      const regulator = regulatorOf.get(i.regulatorId);
      return regulator ? [{ ...i, regulator, themes: findingThemesFor(regulator, i.kind) }] : [];
    });
}

/** The inspections, notices, types, themes and scores of the finding's fields, as `values` chose them. */
export function findingFieldItems(choices: NewFindingChoices, values: NewFindingValues): FindingFieldItems {
  const inspections = inspectionsWithThemes(choices);
  // Each list of themes once, in the order of the inspections using it; its items named by the list
  // when there is more than one.
  const lists = new Map<string, FindingTheme[]>();
  for (const i of inspections) if (i.themes && !lists.has(themeListName(i.regulator, i.kind))) lists.set(themeListName(i.regulator, i.kind), i.themes);
  const named = lists.size > 1;
  const free = [...new Set(inspections.filter((i) => i.themes === null).map((i) => i.regulator.name))];
  return {
    inspectionItems: [
      { value: '', text: 'Choose an inspection', selected: values.inspectionId === '' },
      ...inspections.map((i) => ({ value: i.id, text: `${i.title} (${govukDate(i.startDate)})`, selected: i.id === values.inspectionId })),
    ],
    noticeItems: choices.notices.length
      ? [{ value: '', text: 'No notice', selected: values.noticeId === '' }, ...choices.notices.map((n) => ({ value: n.id, text: noticeChoiceText(n), selected: n.id === values.noticeId }))]
      : null,
    typeItems: FINDING_TYPES.map((t: FindingType) => ({ value: t, text: FINDING_TYPE_LABELS[t], checked: values.type === t })),
    themeItems: lists.size
      ? [
          { value: '', text: 'None', selected: values.theme === '' },
          ...[...lists].flatMap(([list, themes]) => themes.map((t) => ({ value: t.key, text: named ? `${list}: ${t.label}` : t.label, selected: t.key === values.theme }))),
        ]
      : null,
    themeHint: themeHint([...lists.keys()]),
    freeThemeRegulators: free.length ? free : null,
    scoreItems: inspections.some((i) => regulatorScores(i.regulator))
      ? [
          { value: '', text: 'Not scored', selected: values.score === '' },
          ...SCORE_WORDS.map((_, n) => ({ value: String(n + 1), text: scoreInWords(n + 1), selected: values.score === String(n + 1) })),
        ]
      : null,
  };
}

/** The "Add a finding" page of a plan: its form, blank or as sent with its errors. */
export function addFindingPage(ctx: PlanContext, choices: NewFindingChoices, values: NewFindingValues = EMPTY_NEW_FINDING, errors: FormErrors = []): AddFindingViewModel {
  const paths = planPaths(ctx.plan.id);
  const items = findingFieldItems(choices, values);
  const known = items.inspectionItems.some((i) => i.value !== '' && i.value === values.inspectionId);
  return {
    pageTitle: 'Add a finding',
    planNav: planNavigation(ctx.plan, ctx.role, 'plan'),
    backLink: known ? `${paths.plan}#inspection-${values.inspectionId}` : paths.plan,
    caption: 'The plan',
    action: paths.newFinding,
    errors,
    values,
    ready: items.inspectionItems.length > 1,
    newInspectionHref: paths.newInspection,
    ...items,
  };
}
