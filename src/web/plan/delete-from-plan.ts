import type { Response } from 'express';
import { AppException } from '../../common/errors/app.exception';
import { CommonErrorCode } from '../../common/errors/error-code';
import { redirectWithFlash } from '../common/session/flash';
import { planPaths } from '../common/web-paths';
import type { WebRequest } from '../common/web-request';

/**
 * The send of a delete page of a plan's row (views/plan/delete-row.njk): the service deletes it (303
 * to the plan page with a banner saying so), or refuses because rows still depend on it (409
 * HasDependents: `refused` renders the page again, saying which); any other refusal is the error page.
 */
export async function deleteFromPlan(
  req: WebRequest,
  res: Response,
  { planId, remove, refused, deleted }: { planId: string; remove: () => Promise<void>; refused: () => Promise<void>; deleted: string },
): Promise<void> {
  try {
    await remove();
  } catch (err) {
    if (err instanceof AppException && err.code === CommonErrorCode.HasDependents) return refused();
    throw err;
  }
  await redirectWithFlash(req, res, { kind: 'success', title: deleted }, planPaths(planId).plan);
}
