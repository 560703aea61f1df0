import { HttpStatus } from '@nestjs/common';
import { AppException, type FieldProblem } from '../../common/errors/app.exception';
import type { FieldError } from '../common/forms/form-errors';

/** A form field as the service names it, and how the page names it. */
export interface FieldLabel {
  /** The form's own field (its input's id). */
  field: string;
  /** The label, to start the message: "Email address" + " is already in use". */
  label: string;
  /** Where the error summary links to, when the input's id is not the field (date parts). */
  href?: string;
}

/** How a form reads the service's field names and words (each as the service gave it by default). */
export interface ServiceErrorWording {
  /** The label key of an API field, e.g. an array item's 'findingIds.0' -> 'findingIds'. */
  key?: (apiField: string) => string;
  /** The service's message in the form's words (the key as `apiField`). */
  words?: (apiField: string, message: string) => string;
}

function isFieldProblems(details: unknown): details is FieldProblem[] {
  return Array.isArray(details) && details.every((d) => typeof d === 'object' && d !== null && typeof (d as FieldProblem).field === 'string' && Array.isArray((d as FieldProblem).messages));
}

/**
 * A service's refusal of one or more fields (400 or 409 with `details`), as errors on the form's
 * fields, or null when the error is about something else (a 404, a 403, a stale version: the usual
 * error pages answer those). Fields the form does not show are not matched.
 */
export function serviceFieldErrors(err: unknown, labels: Readonly<Record<string, FieldLabel>>, wording: ServiceErrorWording = {}): FieldError[] | null {
  if (!(err instanceof AppException) || (err.status !== HttpStatus.BAD_REQUEST && err.status !== HttpStatus.CONFLICT) || !isFieldProblems(err.details)) return null;
  const errors: FieldError[] = [];
  for (const problem of err.details) {
    const key = wording.key ? wording.key(problem.field) : problem.field;
    const label = labels[key];
    if (!label) return null;
    if (errors.some((e) => e.field === label.field)) continue;
    const message = problem.messages[0] ?? 'is not valid';
    errors.push({ field: label.field, text: `${label.label} ${wording.words ? wording.words(key, message) : message}`, ...(label.href ? { href: label.href } : {}) });
  }
  return errors.length > 0 ? errors : null;
}
