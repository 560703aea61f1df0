import { Request, Response } from 'express';

/** A one-off message for the next page, after a POST that redirects ("Your password has been changed"). */
export interface FlashMessage {
  kind: 'success' | 'information';
  title: string;
  text?: string;
  /** A link under the text (GOV.UK's notification banner link), e.g. to the new row further down the page. */
  link?: { text: string; href: string };
  /** Links to what to do next, one a line (a new plan: give people roles, add its inspection). */
  links?: { text: string; href: string }[];
}

declare module 'express-session' {
  interface SessionData {
    flash?: FlashMessage[];
  }
}

export function addFlash(req: Request, message: FlashMessage): void {
  req.session.flash = [...(req.session.flash ?? []), message];
}

/** The messages waiting for this page, removed from the session as they are read. */
export function takeFlash(req: Request): FlashMessage[] {
  const messages = req.session?.flash;
  if (!messages) return [];
  delete req.session.flash;
  return messages;
}

/**
 * Adds the message and redirects once the session holding it is stored. express-session's own
 * save at the end of the response runs after the 303's headers are written, so a quick browser
 * could ask for the next page before the message is in the store and never see it.
 */
export async function redirectWithFlash(req: Request, res: Response, message: FlashMessage, url: string): Promise<void> {
  addFlash(req, message);
  await new Promise<void>((resolve, reject) => req.session.save((err?: unknown) => (err ? reject(err instanceof Error ? err : new Error('session not stored')) : resolve())));
  res.redirect(303, url);
}
