import { dirname, join } from 'node:path';
import { NestExpressApplication } from '@nestjs/platform-express';
import nunjucks from 'nunjucks';
import { AssetBundle } from '../assets/asset-bundle';
import { errorMessageFor, errorSummaryItems } from '../forms/form-errors';
import { WEB_PATHS } from '../web-paths';
import { WEB_FILTERS } from './filters';

/** Our templates: `src/web/views/<area>/<page>.njk`, the layout and shared macros. */
export const WEB_VIEWS_DIR = join(__dirname, '..', '..', 'views');

export const SERVICE_NAME = 'Improvement tracker';

/**
 * Nunjucks for the Express adapter, set up once: autoescaping on, our views first, then GOV.UK
 * Frontend's and MoJ Frontend's macros (`govuk/components/.../macro.njk`,
 * `moj/components/.../macro.njk`), the shared filters and the globals every page reads.
 */
export function setUpNunjucks(app: NestExpressApplication, assets: AssetBundle): nunjucks.Environment {
  const env = createNunjucksEnvironment(assets);
  env.express(app.getHttpAdapter().getInstance());
  app.setViewEngine('njk');
  return env;
}

/** The environment itself, without Express (unit tests render templates and macros with it). */
export function createNunjucksEnvironment(assets: AssetBundle): nunjucks.Environment {
  const govuk = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');
  const moj = dirname(require.resolve('@ministryofjustice/frontend/package.json'));
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([WEB_VIEWS_DIR, govuk, moj]), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });

  env.addGlobal('serviceName', SERVICE_NAME);
  env.addGlobal('paths', WEB_PATHS);
  env.addGlobal('assetPath', assets.basePath);
  env.addGlobal('asset', (name: string) => assets.url(name));

  for (const [name, filter] of Object.entries(WEB_FILTERS)) env.addFilter(name, filter);
  env.addFilter('errorSummaryItems', errorSummaryItems);
  env.addFilter('errorMessageFor', errorMessageFor);
  return env;
}
