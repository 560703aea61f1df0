import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAssetBundle, webAssetSources } from './asset-bundle';

describe('asset bundle', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'assets-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return { name, file: join(dir, name) };
  };

  it('fingerprints the whole bundle by names and bytes, whatever the order of sources', () => {
    const a = write('a.css', 'body{}');
    const b = write('b.js', 'export {}');
    const first = buildAssetBundle([a, b]);
    expect(first.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(buildAssetBundle([b, a]).hash).toBe(first.hash);
    write('b.js', 'export const changed = 1');
    expect(buildAssetBundle([a, b]).hash).not.toBe(first.hash);
  });

  it("moves the design systems' /assets/ URLs in CSS under the fingerprint", () => {
    const css = write('x.css', '@font-face{font-family:Other;src:url(/assets/fonts/a.woff2)}.i{background:url("/assets/images/i.svg")}.o{background:url(/other.png)}');
    const bundle = buildAssetBundle([css]);
    const served = bundle.get('x.css')!.body.toString();
    expect(served).toContain(`url(/assets/${bundle.hash}/fonts/a.woff2)`);
    expect(served).toContain(`url("/assets/${bundle.hash}/images/i.svg")`);
    expect(served).toContain('url(/other.png)');
  });

  it('knows the content type of each file and refuses unknown kinds', () => {
    const bundle = buildAssetBundle([write('app.js', ''), write('f.woff2', '')]);
    expect(bundle.get('app.js')!.contentType).toBe('text/javascript; charset=utf-8');
    expect(bundle.get('f.woff2')!.contentType).toBe('font/woff2');
    expect(() => buildAssetBundle([write('x.exe', '')])).toThrow(/content type/);
  });

  it('gives URLs under the fingerprint and refuses a name it does not hold', () => {
    const bundle = buildAssetBundle([write('app.css', '')]);
    expect(bundle.url('app.css')).toBe(`/assets/${bundle.hash}/app.css`);
    expect(() => bundle.url('missing.css')).toThrow(/missing.css/);
  });

  it("holds GOV.UK Frontend's and MoJ Frontend's precompiled files, fonts and images, and ours", () => {
    const bundle = buildAssetBundle(webAssetSources());
    for (const name of ['govuk-frontend.min.css', 'govuk-frontend.min.js', 'moj-frontend.min.css', 'moj-frontend.min.js', 'app.js', 'app.css', 'manifest.json', 'images/favicon.ico']) {
      expect(bundle.get(name)).toBeDefined();
    }
    // GDS Transport is for GOV.UK services only: neither its files nor its @font-face are served.
    expect(bundle.names().filter((n) => n.startsWith('fonts/'))).toEqual([]);
    expect(bundle.get('govuk-frontend.min.css')!.body.toString()).not.toMatch(/@font-face/);
    // Every URL the CSS names is in the bundle, so no font or icon is a 404.
    for (const css of ['govuk-frontend.min.css', 'moj-frontend.min.css']) {
      const urls = [...bundle.get(css)!.body.toString().matchAll(/url\(["']?([^)"']+)["']?\)/g)].map((m) => m[1]).filter((u) => u.startsWith('/assets/'));
      for (const url of urls) expect(bundle.get(url.replace(`${bundle.basePath}/`, ''))).toBeDefined();
    }
  });
});
