import { HttpStatus } from '@nestjs/common';
import { AppException, type FieldProblem } from '../../common/errors/app.exception';
import type { FieldError } from '../common/forms/form-errors';

/** A form field as the service names it, and how the page names it. */
export interface FieldLabel {
  /** The form's own field (its input's id). */
  field: string;
  /** The label, to start the message: "Email address" + " is already in use". */
  label: string;
}

function isFieldProblems(details: unknown): details is FieldProblem[] {
  return Array.isArray(details) && details.every((d) => typeof d === 'object' && d !== null && typeof (d as FieldProblem).field === 'string' && Array.isArray((d as FieldProblem).messages));
}

/**
 * A service's refusal of one or more fields (400 or 409 with `details`), as errors on the form's
 * fields, or null when the error is about something else (a 404, a 403, a stale version: the usual
 * error pages answer those). Fields the form does not show are not matched.
 */
export function serviceFieldErrors(err: unknown, labels: Readonly<Record<string, FieldLabel>>): FieldError[] | null {
  if (!(err instanceof AppException) || (err.status !== HttpStatus.BAD_REQUEST && err.status !== HttpStatus.CONFLICT) || !isFieldProblems(err.details)) return null;
  const errors: FieldError[] = [];
  for (const problem of err.details) {
    const label = labels[problem.field];
    if (!label) return null;
    if (!errors.some((e) => e.field === label.field)) errors.push({ field: label.field, text: `${label.label} ${problem.messages[0]}` });
  }
  return errors.length > 0 ? errors : null;
}
