import { NextFunction, Request, Response } from 'express';
import { ASSETS_PREFIX } from '../web-paths';
import { AssetBundle } from './asset-bundle';

const A_YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves `/assets/<hash>/<name>` from the bundle with a year-long, immutable cache. Any other
 * hash (an old release's page still open somewhere) is a 404 rather than today's file under
 * yesterday's name, which a cache would then keep for a year.
 */
export function assetsMiddleware(bundle: AssetBundle) {
  const prefix = `${ASSETS_PREFIX}/`;
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.path.startsWith(prefix)) return next();
    const [hash, ...rest] = req.path.slice(prefix.length).split('/');
    const file = (req.method === 'GET' || req.method === 'HEAD') && hash === bundle.hash ? bundle.get(rest.join('/')) : undefined;
    if (!file) {
      res.status(404).setHeader('Cache-Control', 'no-store');
      res.type('text/plain').send('Not found');
      return;
    }
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Length', String(file.body.length));
    res.setHeader('Cache-Control', A_YEAR_IMMUTABLE);
    res.status(200).end(req.method === 'HEAD' ? undefined : file.body);
  };
}
