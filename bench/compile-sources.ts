import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { transformSync } from '@swc/core';

const REPO = join(__dirname, '..');

/**
 * src/ (and the given extra TypeScript files of the repository) compiled to CommonJS with swc, as
 * jest compiles them, into a temporary directory (other files copied): a few seconds. A bench then
 * runs the code as production runs it, not under ts-node (whose TypeScript compiler alone adds
 * some 150 MB to a process). Run the output with NODE_PATH=<repo>/node_modules. Returns the directory.
 * `root`: another checkout's sources (an A/B comparison of old and new code), this one's by default.
 */
export function compileSources(prefix: string, extra: string[] = [], root = REPO): string {
  const out = mkdtempSync(join(tmpdir(), prefix));
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  for (const file of [...walk(join(root, 'src')), ...extra.map((f) => join(root, f))]) {
    const target = join(out, relative(root, file));
    mkdirSync(dirname(target), { recursive: true });
    if (!file.endsWith('.ts')) {
      copyFileSync(file, target);
    } else if (!file.endsWith('.spec.ts')) {
      const { code } = transformSync(readFileSync(file, 'utf8'), {
        filename: file,
        jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022', keepClassNames: true },
        module: { type: 'commonjs' },
      });
      writeFileSync(target.replace(/\.ts$/, '.js'), code);
    }
  }
  return out;
}
