import { Request } from 'express';

/** A one-off message for the next page, after a POST that redirects ("Your password has been changed"). */
export interface FlashMessage {
  kind: 'success' | 'information';
  title: string;
  text?: string;
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
