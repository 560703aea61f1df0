import { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type { AuthUser } from '../../common/request-context/request-context';
import type { ContentConditions, EvidenceService } from '../evidence.service';
import { RangeNotSatisfiableException } from './range-not-satisfiable.exception';

/**
 * Answers a download of an evidence file, for the API's `GET /evidence/:id/content` and the web
 * page's download link alike: the same access rules (EvidenceService.openContent), headers, ranges
 * and streaming. Errors before the headers are thrown for the caller's error handling.
 */
export async function sendEvidenceContent(evidence: EvidenceService, user: AuthUser, id: string, conditions: ContentConditions, res: Response): Promise<void> {
  let download;
  try {
    download = await evidence.openContent(user, id, conditions);
  } catch (err) {
    if (err instanceof RangeNotSatisfiableException) res.setHeader('Content-Range', `bytes */${err.size}`);
    throw err;
  }
  // setHeader, not res.set: Express would rewrite the Content-Type (adding a charset we did not sniff).
  res.status(download.status);
  for (const [name, value] of Object.entries(download.headers)) res.setHeader(name, value);
  if (!download.body) {
    res.end();
    return;
  }
  // A client that goes away mid-download (or a storage read that fails after the headers) ends the
  // response; pipeline closes the stored file either way, and there is nobody left to answer.
  await pipeline(download.body, res).catch(() => undefined);
}
