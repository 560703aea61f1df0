import type { RegulatorDto } from '../../inspections/dto/regulator.dto';
import { INSPECTION_KIND_INFO, INSPECTION_KINDS } from '../../vocabulary/inspection-kind';
import { dateItems, dateParts, parseDateInput, planFormFrame, type ActionFormPage, type DateParts, type PlanContext } from '../actions/action-forms.view-model';
import { serviceMessageWords } from '../actions/add-action.view-model';
import { serviceFieldErrors, type FieldLabel } from '../admin/service-errors';
import type { FieldError, FormErrors } from '../common/forms/form-errors';
import { formValue } from '../common/forms/form-errors';
import { planPaths } from '../common/web-paths';

/** What the form offers: the regulators the organisation can use (`GET /regulators`: built-in and its own). */
export interface NewInspectionChoices {
  regulators: Pick<RegulatorDto, 'id' | 'name' | 'judgementScale' | 'inspectionKinds'>[];
}

/** The form's fields as sent (dates as their three boxes). */
export interface NewInspectionValues {
  regulatorId: string;
  kind: string;
  title: string;
  start: DateParts;
  end: DateParts;
  published: DateParts;
  reportReference: string;
  reportUrl: string;
  overallJudgement: string;
}

export const NO_DATE: DateParts = Object.freeze({ day: '', month: '', year: '' });

export const EMPTY_NEW_INSPECTION: NewInspectionValues = Object.freeze({
  regulatorId: '',
  kind: '',
  title: '',
  start: NO_DATE,
  end: NO_DATE,
  published: NO_DATE,
  reportReference: '',
  reportUrl: '',
  overallJudgement: '',
});

export function submittedNewInspection(body: unknown): NewInspectionValues {
  return {
    regulatorId: formValue(body, 'regulatorId'),
    kind: formValue(body, 'kind'),
    title: formValue(body, 'title').trim(),
    start: dateParts(body, 'startDate'),
    end: dateParts(body, 'endDate'),
    published: dateParts(body, 'publishedDate'),
    reportReference: formValue(body, 'reportReference').trim(),
    reportUrl: formValue(body, 'reportUrl').trim(),
    overallJudgement: formValue(body, 'overallJudgement'),
  };
}

/** The body `POST /api/v1/plans/:planId/inspections` would take (checked next by the API's own DTO). */
export interface NewInspectionBody {
  regulatorId: string;
  kind: string;
  title: string;
  startDate: string;
  endDate?: string;
  publishedDate?: string;
  reportReference?: string;
  reportUrl?: string;
  overallJudgement?: string;
}

const given = (parts: DateParts) => [parts.day, parts.month, parts.year].some((p) => p !== '');

/**
 * What the form itself asks, in GOV.UK's words and the order of the fields: the required answers and
 * real dates. Lengths, the web address, a kind the regulator carries out, a judgement on its scale
 * and dates not before the start are the API's DTO's and the inspections service's; their refusals
 * come back through `newInspectionServiceErrors`.
 */
export function checkNewInspection(values: NewInspectionValues): { errors: FieldError[]; body: NewInspectionBody | null } {
  const errors: FieldError[] = [];
  if (!values.regulatorId) errors.push({ field: 'regulatorId', text: 'Select the regulator' });
  if (!values.kind) errors.push({ field: 'kind', text: 'Select the kind of inspection' });
  if (!values.title) errors.push({ field: 'title', text: 'Enter a title' });
  const start = parseDateInput(values.start, 'startDate', 'The start date', 'Enter the date the inspection started');
  if ('error' in start) errors.push(start.error);
  const end = given(values.end) ? parseDateInput(values.end, 'endDate', 'The end date', '') : null;
  if (end && 'error' in end) errors.push(end.error);
  const published = given(values.published) ? parseDateInput(values.published, 'publishedDate', 'The date the report was published', '') : null;
  if (published && 'error' in published) errors.push(published.error);
  if (errors.length > 0 || 'error' in start || (end && 'error' in end) || (published && 'error' in published)) return { errors, body: null };
  const body: NewInspectionBody = { regulatorId: values.regulatorId, kind: values.kind, title: values.title, startDate: start.date };
  if (end) body.endDate = end.date;
  if (published) body.publishedDate = published.date;
  if (values.reportReference) body.reportReference = values.reportReference;
  if (values.reportUrl) body.reportUrl = values.reportUrl;
  if (values.overallJudgement) body.overallJudgement = values.overallJudgement;
  return { errors, body };
}

/** The API's field names, as the form names and labels them. */
const SERVICE_FIELDS: Readonly<Record<string, FieldLabel>> = Object.freeze({
  regulatorId: { field: 'regulatorId', label: 'Regulator' },
  kind: { field: 'kind', label: 'Kind of inspection' },
  title: { field: 'title', label: 'Title' },
  startDate: { field: 'startDate', label: 'The start date', href: '#startDate-day' },
  endDate: { field: 'endDate', label: 'The end date', href: '#endDate-day' },
  publishedDate: { field: 'publishedDate', label: 'The date the report was published', href: '#publishedDate-day' },
  reportReference: { field: 'reportReference', label: 'Report reference' },
  reportUrl: { field: 'reportUrl', label: 'The link to the report' },
  overallJudgement: { field: 'overallJudgement', label: 'Overall judgement' },
});

const KIND_KEYS = new RegExp(`\\b(${INSPECTION_KINDS.join('|')})\\b`, 'g');
const anArticle = (words: string) => (/^[AEIOU]/i.test(words) ? `an ${words}` : `a ${words}`);

/** One message of the DTO or the inspections service in the form's words (kinds by their names). */
export function inspectionMessageWords(apiField: string, message: string): string {
  const own = message.startsWith(`${apiField} `) ? message.slice(apiField.length + 1) : message;
  if (apiField === 'regulatorId') {
    // The change form: a finding's theme and score are read against its inspection's regulator.
    const themed = /^cannot change: the inspection has findings \((.*)\)/.exec(own);
    return themed ? `cannot change while the inspection has findings (${themed[1]}): their themes and scores are the regulator’s` : 'must be one from the list';
  }
  if (apiField === 'kind') {
    const carried = /^must be a kind of inspection this regulator carries out: (.*)$/.exec(own);
    if (!carried) return 'must be one from the list';
    return `must be one the regulator carries out: ${carried[1].replace(KIND_KEYS, (k: string) => INSPECTION_KIND_INFO[k as keyof typeof INSPECTION_KIND_INFO].label)}`;
  }
  if (/^must not be before startDate\b/.test(own)) return 'must be the same as or after the start date';
  if (apiField === 'reportUrl' && /http\(s\) URL/.test(own)) return 'must be a web address starting with https:// or http://';
  if (apiField === 'overallJudgement') {
    if (/^is derived from qualityStatementScores/.test(own)) return 'must be None: a CQC assessment’s rating is worked out from its quality statement scores, recorded through the import or the API';
    const ungraded = /^a (.+) is not graded: leave it out$/.exec(own);
    if (ungraded) return `must be None: ${anArticle(ungraded[1])} is not graded`;
    if (/has no judgement scale/.test(own)) return 'must be None: this regulator does not grade';
    return own.replace(/regulator's/, 'regulator’s');
  }
  return serviceMessageWords(apiField, message);
}

/**
 * The refusal of the DTO or the inspections service (400) on the form's fields, in the form's words;
 * null when it is another error, or a problem names no field of the form (the usual error page answers).
 */
export function newInspectionServiceErrors(err: unknown): FieldError[] | null {
  return serviceFieldErrors(err, SERVICE_FIELDS, { words: inspectionMessageWords });
}

/**
 * Every judgement on the regulators' scales, once, best first: each value at the best place it holds
 * on any scale (ties in the order the regulators come).
 */
export function judgementChoices(regulators: NewInspectionChoices['regulators']): string[] {
  const rank = new Map<string, number>();
  for (const r of regulators) r.judgementScale.forEach((j, i) => rank.set(j, Math.min(rank.get(j) ?? i, i)));
  return [...rank.keys()].sort((a, b) => rank.get(a)! - rank.get(b)!);
}

type Item = { value: string; text: string };

/** The items of the inspection's fields (views/findings/inspection-fields.njk), shared by "Add an inspection" and "Change the inspection". */
export interface InspectionFieldItems {
  regulatorItems: (Item & { selected: boolean })[];
  kindItems: (Item & { hint: { text: string }; checked: boolean })[];
  judgementItems: (Item & { selected: boolean })[];
  startItems: ReturnType<typeof dateItems>;
  endItems: ReturnType<typeof dateItems>;
  publishedItems: ReturnType<typeof dateItems>;
}

export interface AddInspectionViewModel extends ActionFormPage, InspectionFieldItems {
  values: NewInspectionValues;
}

/** The fields' items as `values` has them, the date boxes in error where `errors` says. */
export function inspectionFieldItems(choices: NewInspectionChoices, values: NewInspectionValues, errors: FormErrors): InspectionFieldItems {
  const hasError = (field: string) => errors.some((e) => e.field === field);
  // Each kind says who carries it out; a kind no regulator carries out is not offered.
  const kindItems = INSPECTION_KINDS.flatMap((kind) => {
    const by = choices.regulators.filter((r) => r.inspectionKinds.some((k) => k.key === kind)).map((r) => r.name);
    return by.length ? [{ value: kind, text: INSPECTION_KIND_INFO[kind].label, hint: { text: `By ${by.join(', ')}` }, checked: values.kind === kind }] : [];
  });
  return {
    regulatorItems: [
      { value: '', text: 'Choose a regulator', selected: values.regulatorId === '' },
      ...choices.regulators.map((r) => ({ value: r.id, text: r.name, selected: r.id === values.regulatorId })),
    ],
    kindItems,
    judgementItems: [
      { value: '', text: 'None', selected: values.overallJudgement === '' },
      ...judgementChoices(choices.regulators).map((j) => ({ value: j, text: j, selected: j === values.overallJudgement })),
    ],
    startItems: dateItems(values.start, hasError('startDate')),
    endItems: dateItems(values.end, hasError('endDate')),
    publishedItems: dateItems(values.published, hasError('publishedDate')),
  };
}

/** The "Add an inspection" page of a plan: its form, blank or as sent with its errors. */
export function addInspectionPage(ctx: PlanContext, choices: NewInspectionChoices, values: NewInspectionValues = EMPTY_NEW_INSPECTION, errors: FormErrors = []): AddInspectionViewModel {
  return {
    ...planFormFrame(ctx, 'Add an inspection', planPaths(ctx.plan.id).newInspection),
    errors,
    values,
    ...inspectionFieldItems(choices, values, errors),
  };
}
