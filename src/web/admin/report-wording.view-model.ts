import { isEmail } from 'class-validator';
import type { ReportWordingDto } from '../../report-wording/dto/report-wording.dto';
import type { FieldError, FormErrors } from '../common/forms/form-errors';
import { WEB_PATHS } from '../common/web-paths';

/** The text fields of the wording, in the order of the committee report, each with its limit. */
const TEXT_FIELDS = [
  { name: 'committeeName', label: 'Committee name', hint: 'Used when the report is not for a meeting on the calendar.', max: 200, kind: 'input' },
  { name: 'reportOfRole', label: 'Report of', hint: 'An officer’s role, not a name.', max: 200, kind: 'input' },
  { name: 'contactOfficerRole', label: 'Contact officer', hint: 'A role, not a name.', max: 200, kind: 'input' },
  { name: 'contactMailbox', label: 'Contact mailbox', hint: 'A team mailbox, never a person’s address.', max: 254, kind: 'email' },
  { name: 'purpose', label: 'Purpose of the report', hint: '', max: 4000, kind: 'textarea' },
  { name: 'reasonsForRecommendations', label: 'Reasons for the recommendations', hint: '', max: 4000, kind: 'textarea' },
  { name: 'financialImplications', label: 'Financial implications', hint: '', max: 4000, kind: 'textarea' },
  { name: 'legalImplications', label: 'Legal implications', hint: '', max: 4000, kind: 'textarea' },
  { name: 'equalityImplications', label: 'Equality implications', hint: '', max: 4000, kind: 'textarea' },
  { name: 'safeguardingImplications', label: 'Safeguarding implications', hint: '', max: 4000, kind: 'textarea' },
] as const;
type TextField = (typeof TEXT_FIELDS)[number]['name'];

export type ReportWordingForm = Record<TextField | 'recommendations' | 'glossary', string>;

const MAX_RECOMMENDATIONS = 8;
const MAX_GLOSSARY = 40;

export function wordingFormFrom(dto: ReportWordingDto): ReportWordingForm {
  const s = dto.settings;
  const form = Object.fromEntries(TEXT_FIELDS.map((f) => [f.name, s[f.name] ?? ''])) as ReportWordingForm;
  form.recommendations = (s.recommendations ?? []).join('\n');
  form.glossary = (s.glossary ?? []).map((g) => `${g.term}: ${g.meaning}`).join('\n');
  return form;
}

const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');

export interface CheckedWording {
  [field: string]: unknown;
  recommendations: string[] | null;
  glossary: { term: string; meaning: string }[] | null;
}

export type WordingResult = { ok: true; wording: CheckedWording } | { ok: false; errors: FieldError[] };

/** The form's checks, the same limits as the API's; blank means "use the default". */
export function checkWordingForm(form: ReportWordingForm): WordingResult {
  const errors: FieldError[] = [];
  const wording: CheckedWording = { recommendations: null, glossary: null };
  for (const f of TEXT_FIELDS) {
    const value = form[f.name].trim();
    if (value.length > f.max) errors.push({ field: f.name, text: `${f.label} must be ${f.max} characters or fewer` });
    else if (f.kind === 'email' && value && !isEmail(value)) errors.push({ field: f.name, text: 'Enter the contact mailbox in the correct format, like improvement@council.gov.uk' });
    wording[f.name] = value || null;
  }
  const recommendations = lines(form.recommendations);
  if (recommendations.length > MAX_RECOMMENDATIONS) errors.push({ field: 'recommendations', text: `Give ${MAX_RECOMMENDATIONS} recommendations or fewer` });
  else if (recommendations.some((r) => r.length > 1000)) errors.push({ field: 'recommendations', text: 'Each recommendation must be 1,000 characters or fewer' });
  wording.recommendations = recommendations.length > 0 ? recommendations : null;
  const entries = lines(form.glossary);
  const glossary = entries.map((line) => {
    const at = line.indexOf(':');
    return at > 0 ? { term: line.slice(0, at).trim(), meaning: line.slice(at + 1).trim() } : null;
  });
  if (glossary.some((g) => g === null || !g.term || !g.meaning)) errors.push({ field: 'glossary', text: 'Write each glossary entry on its own line as the term, a colon, then its meaning' });
  else if (glossary.length > MAX_GLOSSARY) errors.push({ field: 'glossary', text: `Give ${MAX_GLOSSARY} glossary entries or fewer` });
  else if (glossary.some((g) => g!.term.length > 120 || g!.meaning.length > 1000)) errors.push({ field: 'glossary', text: 'Each term must be 120 characters or fewer, and each meaning 1,000 characters or fewer' });
  wording.glossary = glossary.length > 0 && !glossary.includes(null) ? (glossary as { term: string; meaning: string }[]) : null;
  return errors.length > 0 ? { ok: false, errors } : { ok: true, wording };
}

export interface WordingFieldView {
  name: string;
  label: string;
  hint: string;
  kind: 'input' | 'email' | 'textarea';
  value: string;
  /** The default, shown under the field ("Leave blank to use: ..."). */
  defaultText: string;
}

export interface ReportWordingViewModel {
  pageTitle: string;
  activeNav: 'admin';
  backLink: string;
  errors: FormErrors;
  version: number;
  action: string;
  fields: WordingFieldView[];
  recommendations: { value: string; defaults: string[] };
  glossary: { value: string; defaults: string[] };
}

export function reportWordingPage(dto: ReportWordingDto, form: ReportWordingForm = wordingFormFrom(dto), errors: FormErrors = []): ReportWordingViewModel {
  const d = dto.defaults;
  return {
    pageTitle: 'Report wording',
    activeNav: 'admin',
    backLink: WEB_PATHS.adminUsers,
    errors,
    version: dto.version,
    action: WEB_PATHS.adminWording,
    fields: TEXT_FIELDS.map((f) => ({
      name: f.name,
      label: f.label,
      hint: f.hint,
      kind: f.kind,
      value: form[f.name],
      defaultText: (f.name === 'contactMailbox' ? d.contactMailbox : d[f.name]) ?? 'None: the report gives the contact officer’s role only',
    })),
    recommendations: { value: form.recommendations, defaults: d.recommendations },
    glossary: { value: form.glossary, defaults: d.glossary.map((g) => `${g.term}: ${g.meaning}`) },
  };
}
