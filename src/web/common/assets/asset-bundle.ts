import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { ASSETS_PREFIX } from '../web-paths';

/**
 * The static files of the web pages, served by the app itself (no CDN, no Sass build): GOV.UK
 * Frontend's and MoJ Frontend's shipped, precompiled CSS, JavaScript and images, and our own few
 * files. Not GOV.UK's font: GDS Transport is licensed for services on GOV.UK only, so its
 * @font-face rules are taken out of the CSS and the pages fall back to Arial, as GOV.UK Frontend
 * advises for services elsewhere. All of them sit under one fingerprint, `/assets/<hash>/...`, where the hash is of
 * every file's name and bytes: a new release of either package (or of our files) is a new URL, so
 * browsers may keep each URL for a year. Every replica computes the same hash from the same files.
 */

export interface AssetFile {
  body: Buffer;
  contentType: string;
}

export interface AssetSource {
  /** Path inside the bundle, e.g. 'fonts/bold-affa96571d-v2.woff2'. */
  name: string;
  /** File on disk. */
  file: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
});

// The packages' CSS points at `/assets/...` (images); those URLs move under the hash.
const CSS_ASSET_URL = /url\((['"]?)\/assets\//g;
const GDS_TRANSPORT_FONT_FACE = /@font-face\{font-family:["']?GDS Transport["']?;[^}]*\}/g;

function servedCss(css: string, hash: string): string {
  return css.replace(GDS_TRANSPORT_FONT_FACE, '').replace(CSS_ASSET_URL, `url($1${ASSETS_PREFIX}/${hash}/`);
}

export class AssetBundle {
  constructor(
    readonly hash: string,
    private readonly files: ReadonlyMap<string, AssetFile>,
  ) {}

  /** `/assets/<hash>`: GOV.UK's template variable `assetPath`. */
  get basePath(): string {
    return `${ASSETS_PREFIX}/${this.hash}`;
  }

  /** The URL of a file of the bundle; a name that is not in it is a programming error. */
  url(name: string): string {
    if (!this.files.has(name)) throw new Error(`No asset named ${name}`);
    return `${this.basePath}/${name}`;
  }

  get(name: string): AssetFile | undefined {
    return this.files.get(name);
  }

  names(): string[] {
    return [...this.files.keys()].sort();
  }
}

export function buildAssetBundle(sources: readonly AssetSource[]): AssetBundle {
  const sorted = [...sources].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const raw = sorted.map((s) => ({ name: s.name, body: readFileSync(s.file) }));
  const digest = createHash('sha256');
  for (const { name, body } of raw) digest.update(name).update('\0').update(body).update('\0');
  const hash = digest.digest('hex').slice(0, 16);
  const files = new Map<string, AssetFile>();
  for (const { name, body } of raw) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (!contentType) throw new Error(`No content type known for asset ${name}`);
    const served = extname(name) === '.css' ? Buffer.from(servedCss(body.toString('utf8'), hash)) : body;
    files.set(name, { body: served, contentType });
  }
  return new AssetBundle(hash, files);
}

function filesUnder(dir: string, prefix: string): AssetSource[] {
  return readdirSync(dir).flatMap((entry) => {
    const file = join(dir, entry);
    return statSync(file).isDirectory() ? filesUnder(file, `${prefix}${entry}/`) : [{ name: `${prefix}${entry}`, file }];
  });
}

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** Our own static files (the module script that starts the components, a few styles). */
export const OWN_STATIC_DIR = join(__dirname, 'static');

/** What the pages use: the two design systems' precompiled files and ours, merged into one tree. */
export function webAssetSources(): AssetSource[] {
  const govuk = join(packageDir('govuk-frontend'), 'dist', 'govuk');
  const moj = join(packageDir('@ministryofjustice/frontend'), 'moj');
  const own = (names: string[], dir: string) => names.map((name) => ({ name, file: join(dir, name) }));
  return [
    ...own(['govuk-frontend.min.css', 'govuk-frontend.min.css.map', 'govuk-frontend.min.js', 'govuk-frontend.min.js.map'], govuk),
    ...filesUnder(join(govuk, 'assets'), '').filter((f) => !f.name.startsWith('fonts/')),
    ...own(['moj-frontend.min.css', 'moj-frontend.min.css.map', 'moj-frontend.min.js', 'moj-frontend.min.js.map'], moj),
    ...filesUnder(join(moj, 'assets'), ''),
    ...filesUnder(OWN_STATIC_DIR, ''),
  ];
}
