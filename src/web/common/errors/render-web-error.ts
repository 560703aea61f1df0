import { Logger } from '@nestjs/common';
import { Request, Response } from 'express';
import { webErrorResponse } from './web-error-page';

const logger = new Logger('WebErrors');

/** Answers an error on a web route with its HTML page (or the sign-in redirect). */
export function renderWebError(req: Request & { id?: string }, res: Response, status: number, code: string | undefined, details?: unknown): void {
  const response = webErrorResponse(status, code, req.method, req.originalUrl, details);
  if (response.kind === 'redirect') {
    res.redirect(303, response.url);
    return;
  }
  const { view, status: pageStatus, ...model } = response;
  res.status(pageStatus).render(view, { ...model, requestId: req.id }, (err: Error | null, html?: string) => {
    if (err) {
      // The error page itself failed (a template bug): say so in plain text rather than nothing.
      logger.error({ err, requestId: req.id }, `rendering ${view} failed`);
      res.status(500).type('text/plain').send('Sorry, there is a problem with the service.');
      return;
    }
    res.type('html').send(html);
  });
}
