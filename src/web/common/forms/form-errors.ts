import { AppException } from '../../../common/errors/app.exception';
import { CommonErrorCode } from '../../../common/errors/error-code';
import { INT4_MAX } from '../../../common/validation/int-range';
/**
 * GOV.UK error messages for a form: one message per field, in the order of the fields on the page,
 * each shown in the error summary (linking to the field) and beside the field itself.
 * View-model builders make them; templates read them through the `errorSummaryItems` and
 * `errorMessageFor` filters.
 */
export interface FieldError {
  /** The field's name, which is also its input's id unless `href` says otherwise. */
  field: string;
  /** Says what went wrong and how to fix it: "Enter your email address". */
  text: string;
  /** Where the summary links to, when the input's id is not the field name (date parts, radios). */
  href?: string;
}

export type FormErrors = readonly FieldError[];

/** `errorList` for govukErrorSummary. */
export function errorSummaryItems(errors: FormErrors | null | undefined): { text: string; href: string }[] {
  return (errors ?? []).map((e) => ({ text: e.text, href: e.href ?? `#${e.field}` }));
}

/** `errorMessage` for a GOV.UK form component: the field's first error, or false (no message). */
export function errorMessageFor(errors: FormErrors | null | undefined, field: string): { text: string } | false {
  const error = (errors ?? []).find((e) => e.field === field);
  return error ? { text: error.text } : false;
}

/**
 * The version a form was built from (optimistic locking), or 0 when it is missing or not one a row
 * can have (not a whole number from 1 to PostgreSQL's integer maximum): saving then answers 409
 * stale, never a database error.
 */
export function formVersion(body: unknown): number {
  const raw = formValue(body, 'version');
  const version = /^\d{1,10}$/.test(raw) ? Number(raw) : 0;
  return version >= 1 && version <= INT4_MAX ? version : 0;
}

/** A form's submitted values, as strings (a repeated field keeps its first value). */
export function formValue(body: unknown, field: string): string {
  if (!body || typeof body !== 'object') return '';
  const value = (body as Record<string, unknown>)[field];
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' ? first : '';
}

/** Every non-empty value of a field that may repeat (checkboxes), as strings. */
export function formValues(body: unknown, field: string): string[] {
  if (!body || typeof body !== 'object') return [];
  const value = (body as Record<string, unknown>)[field];
  return (Array.isArray(value) ? (value as unknown[]) : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
}

/** A save refused because the form's version is no longer the row's (409 stale): the page answers with what the row says now. */
export function isStaleVersion(err: unknown): err is AppException {
  return err instanceof AppException && err.code === CommonErrorCode.StaleVersion;
}
