import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/**
 * The shape of src/ as a graph of files and their relative imports (static, dynamic, re-exports,
 * `import type` too), read from the sources themselves. It fails on any import cycle and on the
 * imports the house rules forbid, so merged branches keep them.
 */
const SRC = __dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return null;
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null; // JSON and other non-TypeScript files are not part of the graph
}

/** src-relative path ('packs/packs.service.ts') -> the src files it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((i) => resolveImport(file, i.fileName))
      .filter((t): t is string => t !== null)
      .map((t) => path.relative(SRC, t).split(path.sep).join('/'));
    graph.set(path.relative(SRC, file).split(path.sep).join('/'), [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const lowLinks = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    indices.set(node, index);
    lowLinks.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        lowLinks.set(node, Math.min(lowLinks.get(node)!, lowLinks.get(next)!));
      } else if (onStack.has(next)) {
        lowLinks.set(node, Math.min(lowLinks.get(node)!, indices.get(next)!));
      }
    }
    if (lowLinks.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!indices.has(node)) visit(node);
  return found;
}

const under = (dir: string) => (file: string) => file.startsWith(`${dir}/`);
const isFile = (name: string) => (file: string) => file === name;

/** Imports that must not exist: `from` files may not import `to` files. */
const FORBIDDEN: Array<{ rule: string; from: (file: string) => boolean; to: (file: string) => boolean }> = [
  { rule: 'packs does not reach into evidence (shared storage lives in storage/)', from: under('packs'), to: under('evidence') },
  { rule: 'packs does not reach into RAG job plumbing (job ids and status live in queue/)', from: under('packs'), to: under('rag/jobs') },
  { rule: 'only main.ts imports the HTTP set-up (constants live in common/http/)', from: (f) => f !== 'main.ts', to: isFile('configure-app.ts') },
  {
    rule: 'shared plumbing (storage/, queue/) imports no feature',
    from: (f) => under('storage')(f) || under('queue')(f),
    to: (f) => !['common', 'config', 'database', 'redis', 'storage', 'queue'].some((dir) => under(dir)(f)),
  },
];

function violations(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  for (const [file, targets] of graph) {
    for (const target of targets) {
      for (const { rule, from, to } of FORBIDDEN) if (from(file) && to(target)) found.push(`${file} -> ${target}: ${rule}`);
    }
  }
  return found.sort();
}

describe('architecture of src/', () => {
  const graph = importGraph();

  it('reads the whole tree (sanity check of the graph itself)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('main.ts')).toContain('configure-app.ts');
  });

  it('has no import cycle between files', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('has none of the forbidden imports', () => {
    expect(violations(graph)).toEqual([]);
  });

  it('finds a cycle and a forbidden import when there is one (the checks can fail)', () => {
    const bad = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['a.ts']],
      ['packs/x.ts', ['evidence/y.ts', 'rag/jobs/z.ts', 'configure-app.ts']],
      ['evidence/y.ts', []],
      ['rag/jobs/z.ts', []],
      ['configure-app.ts', []],
      ['queue/q.ts', ['rag/r.ts', 'common/c.ts']],
    ]);
    expect(cycles(bad)).toEqual([['a.ts', 'b.ts']]);
    expect(violations(bad)).toEqual([
      'packs/x.ts -> configure-app.ts: only main.ts imports the HTTP set-up (constants live in common/http/)',
      'packs/x.ts -> evidence/y.ts: packs does not reach into evidence (shared storage lives in storage/)',
      'packs/x.ts -> rag/jobs/z.ts: packs does not reach into RAG job plumbing (job ids and status live in queue/)',
      'queue/q.ts -> rag/r.ts: shared plumbing (storage/, queue/) imports no feature',
    ]);
  });
});
