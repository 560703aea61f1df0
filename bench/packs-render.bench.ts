/**
 * Progress pack benchmark: builds synthetic plans of 500 and 5,000 actions (deterministic), then
 * times buildPackModel and each renderer separately, and prints ms per format, the total and the
 * process's peak RSS. Targets for a whole pack in all four formats: 500 actions under 2 s,
 * 5,000 under 15 s, peak RSS under 512 MB.
 *
 *   node -r ts-node/register/transpile-only bench/packs-render.bench.ts [--sizes 500,5000] [--audience board|scrutiny]
 *
 * Each size runs in its own child process (with this process's loader flags), after a small
 * warm-up pack, so its peak RSS is its own, and with the heap cap the worker runs with
 * (WORKER_HEAP_MB; `--heap-mb 0` for V8's default). The RSS includes ts-node and the TypeScript
 * compiler (about 190 MB before any pack work; a compiled worker starts about 60 MB lower).
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { buildPackModel } from '../src/packs/model/build-pack-model';
import type { PackSource, PackSourceAction, PackSourceEvidence, PackSourceMilestone } from '../src/packs/model/pack-source';
import { renderChartImages } from '../src/packs/render/charts';
import { renderDocx } from '../src/packs/render/render-docx';
import { renderJson } from '../src/packs/render/render-json';
import { renderPdf } from '../src/packs/render/render-pdf';
import { renderXlsx } from '../src/packs/render/render-xlsx';
import { recordFigures } from './summary';
import type { PackAudience } from '../src/vocabulary/pack-audience';
import type { RagColour } from '../src/vocabulary/rag-colour';

/** A small linear congruential generator: the same plan on every run and machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = (
  'review audit safeguarding pathway partners referral oversight training guidance practice governance assurance ' +
  'performance dashboard residents enquiries section 42 policy procedure board scrutiny escalation quality ' +
  'supervision caseload transitions advocacy making personal principles capacity workforce recruitment'
).split(' ');
const FIRST = ['Alex', 'Sam', 'Priya', 'Tom', 'Gemma', 'Daniel', 'Sarah', 'Marcus', 'Helen', 'Aisha', 'Owen', 'Ruth'];
const LAST = ['Raman', 'Whitfield', 'Okafor', 'Price', 'Lloyd', 'Bell', 'Carter', 'Hughes', 'Patel', 'Jones'];
const ROLES = ['Head of Safeguarding Adults', 'Principal Social Worker', 'Team Manager', 'Head of Business Intelligence', 'Service Manager'];
const AGENCIES = [null, null, null, 'Cheshire Constabulary', 'NHS Cheshire and Merseyside ICB', 'Safeguarding Adults Board'];
const COLOURS: RagColour[] = ['red', 'amber', 'amber', 'green', 'green', 'green', 'green', 'blue', 'blue', 'grey'];

function isoDay(offset: number): string {
  return new Date(Date.UTC(2025, 9, 31) + offset * 86_400_000).toISOString().slice(0, 10);
}

/** A plan of `size` actions in 8 workstreams, with ~3 milestones and ~2 pieces of evidence each. */
export function syntheticSource(size: number, audience: PackAudience = 'board', seed = 42): PackSource {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const sentence = (min: number, max: number): string => {
    const n = min + Math.floor(rnd() * (max - min + 1));
    const words = Array.from({ length: n }, () => pick(WORDS));
    return words.join(' ').replace(/^./, (c) => c.toUpperCase());
  };
  const workstreams = Array.from({ length: 8 }, (_, i) => ({ id: `ws-${i + 1}`, title: `Priority ${i + 1}: ${sentence(2, 4)}`, sortOrder: i + 1 }));
  const findings = Array.from({ length: Math.max(5, Math.floor(size / 10)) }, (_, i) => ({
    id: `f-${i + 1}`,
    inspectionId: i % 3 === 0 ? 'insp-2' : 'insp-1',
    noticeId: i % 2 === 0 ? 'notice-1' : null,
    reference: `QS${(i % 9) + 1}.${Math.floor(i / 9) + 1}`,
    title: sentence(8, 16),
    theme: 'Safeguarding',
    score: 1 + (i % 4),
    actionIds: [] as string[],
  }));
  const actions: PackSourceAction[] = [];
  const milestones: PackSourceMilestone[] = [];
  const evidence: PackSourceEvidence[] = [];
  for (let i = 0; i < size; i++) {
    const id = `a-${i + 1}`;
    const ws = workstreams[i % workstreams.length];
    const colour = pick(COLOURS);
    const finding = findings[i % findings.length];
    finding.actionIds.push(id);
    actions.push({
      id,
      reference: `A${(i % workstreams.length) + 1}.${Math.floor(i / workstreams.length) + 1}`,
      title: sentence(6, 18),
      workstreamId: ws.id,
      ownerName: `${pick(FIRST)} ${pick(LAST)}`,
      ownerRole: pick(ROLES),
      leadAgency: pick(AGENCIES),
      startDate: isoDay(-200 + Math.floor(rnd() * 150)),
      dueDate: isoDay(-60 + Math.floor(rnd() * 300)),
      status: colour === 'blue' ? 'complete' : colour === 'grey' ? 'not_started' : 'in_progress',
      progressPercent: colour === 'blue' ? 100 : Math.floor(rnd() * 90),
      colour,
      reasons: colour === 'red' ? ['overdue by 12 days', `milestone '${sentence(3, 6)}' overdue by 35 days`] : [sentence(2, 5)],
      overridden: rnd() < 0.02,
      previousColour: rnd() < 0.8 ? colour : pick(COLOURS),
      latestUpdate: rnd() < 0.9 ? { date: isoDay(-Math.floor(rnd() * 60)), narrative: `${sentence(20, 60)}.` } : null,
      findingIds: [],
    });
    const count = 1 + Math.floor(rnd() * 4);
    for (let m = 0; m < count; m++) {
      const due = -90 + Math.floor(rnd() * 200);
      milestones.push({
        id: `${id}-m${m}`,
        actionId: id,
        title: sentence(4, 10),
        dueDate: isoDay(due),
        completedOn: rnd() < 0.5 ? isoDay(due - 2) : null,
      });
    }
    for (let e = 0; e < Math.floor(rnd() * 4); e++) {
      const state = pick(['submitted', 'accepted', 'accepted', 'rejected'] as const);
      const uploaded = -Math.floor(rnd() * 90);
      evidence.push({
        id: `${id}-e${e}`,
        actionId: id,
        title: sentence(3, 8),
        state,
        uploadedOn: isoDay(uploaded),
        reviewedOn: state === 'submitted' ? null : isoDay(Math.min(0, uploaded + 5)),
      });
    }
  }
  const counts = (shift: number): Record<RagColour, number> => ({
    red: Math.round(size * (0.1 + shift)),
    amber: Math.round(size * 0.2),
    green: Math.round(size * (0.4 - shift)),
    blue: Math.round(size * 0.2),
    grey: Math.round(size * 0.1),
  });
  return {
    audience,
    asOf: '2025-10-31',
    generatedAt: '2025-11-03T09:00:00.000Z',
    organisation: { name: 'Benchmark Borough Council' },
    plan: { title: 'Synthetic Improvement Plan', reportOfRole: 'Director of Adult Social Services' },
    previous: { asOf: '2025-09-30', counts: counts(0.02) },
    trend: Array.from({ length: 11 }, (_, i) => ({ asOf: isoDay(-30 * (11 - i)), counts: counts(0.05 - i * 0.004) })),
    nextMeeting: { committeeName: 'Improvement Board', meetsOn: '2025-11-27', forThisPack: false },
    periodStart: '2025-10-01',
    workstreams,
    inspections: [
      { id: 'insp-1', regulator: 'CQC', kind: 'local authority assessment', title: 'CQC assessment', overallJudgement: 'Requires improvement', publishedDate: '2025-02-20' },
      { id: 'insp-2', regulator: 'Ofsted', kind: 'ILACS', title: 'Ofsted ILACS inspection', overallJudgement: 'Requires improvement to be good', publishedDate: '2025-03-14' },
    ],
    notices: [{ id: 'notice-1', kind: 'Section 50 notice', title: 'Section 50 notice', deadline: '2026-07-31', status: 'open' }],
    findings,
    actions,
    milestones,
    evidence,
  };
}

export interface BenchRow {
  size: number;
  audience: PackAudience;
  modelMs: number;
  chartsMs: number;
  pdfMs: number;
  docxMs: number;
  xlsxMs: number;
  jsonMs: number;
  totalMs: number;
  bytes: Record<'pdf' | 'docx' | 'xlsx' | 'json', number>;
  peakRssMb: number;
  /** Peak RSS so far after each stage, to see which stage raised it. */
  peakRssAfterMb: Record<string, number>;
}

async function timed<T>(work: () => T | Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

/** process.resourceUsage().maxRSS is in kilobytes. */
function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export async function benchOne(size: number, audience: PackAudience): Promise<BenchRow> {
  const source = syntheticSource(size, audience);
  const peaks: Record<string, number> = {};
  const [model, modelMs] = await timed(() => buildPackModel(source));
  peaks.model = peakRssMb();
  const [charts, chartsMs] = await timed(() => renderChartImages(model));
  peaks.charts = peakRssMb();
  // The order renderPack uses: smallest working sets first, the PDF last.
  const [json, jsonMs] = await timed(() => renderJson(model));
  peaks.json = peakRssMb();
  const [xlsx, xlsxMs] = await timed(() => renderXlsx(model, { charts }));
  peaks.xlsx = peakRssMb();
  const [docx, docxMs] = await timed(() => renderDocx(model, { charts }));
  peaks.docx = peakRssMb();
  const [pdf, pdfMs] = await timed(() => renderPdf(model));
  peaks.pdf = peakRssMb();
  return {
    size,
    audience,
    modelMs,
    chartsMs,
    pdfMs,
    docxMs,
    xlsxMs,
    jsonMs,
    totalMs: modelMs + chartsMs + pdfMs + docxMs + xlsxMs + jsonMs,
    bytes: { pdf: pdf.length, docx: docx.length, xlsx: xlsx.length, json: json.length },
    peakRssMb: peakRssMb(),
    peakRssAfterMb: peaks,
  };
}

function printTable(rows: BenchRow[]): void {
  const ms = (n: number): string => n.toFixed(0);
  const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;
  console.table(
    rows.map((r) => ({
      actions: r.size,
      audience: r.audience,
      'model ms': ms(r.modelMs),
      'charts ms': ms(r.chartsMs),
      'pdf ms': ms(r.pdfMs),
      'docx ms': ms(r.docxMs),
      'xlsx ms': ms(r.xlsxMs),
      'json ms': ms(r.jsonMs),
      'total ms': ms(r.totalMs),
      'peak RSS MB': r.peakRssMb.toFixed(0),
      'pdf size': kb(r.bytes.pdf),
      'docx size': kb(r.bytes.docx),
      'xlsx size': kb(r.bytes.xlsx),
      'json size': kb(r.bytes.json),
    })),
  );
}

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/**
 * Runs one size in a fresh Node process (same loader flags as this one), so each size's peak RSS
 * is its own and not the high-water mark of the sizes before it.
 */
function benchInChild(size: number, audience: PackAudience, heapMb: number): Promise<BenchRow> {
  const heapFlags = heapMb > 0 ? [`--max-old-space-size=${heapMb}`] : [];
  // Run with `npx ts-node`, this process has ts-node without it being in execArgv.
  const loader = __filename.endsWith('.ts') && !process.execArgv.some((a) => a.includes('ts-node')) ? ['-r', 'ts-node/register/transpile-only'] : [];
  return new Promise((resolve, reject) => {
    const args = [...heapFlags, ...process.execArgv, ...loader, __filename, '--child', String(size), '--audience', audience];
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(CHILD_RESULT));
      if (code !== 0 || !line) return reject(new Error(`bench child for ${size} actions failed (exit ${code}): ${out}`));
      resolve(JSON.parse(line.slice(CHILD_RESULT.length)) as BenchRow);
    });
  });
}

const CHILD_RESULT = 'BENCH_RESULT ';

async function child(size: number, audience: PackAudience): Promise<void> {
  // Warm up (module loading, JIT, font parsing) so the timed run is not charged for it.
  await benchOne(20, audience);
  const row = await benchOne(size, audience);
  process.stdout.write(`${CHILD_RESULT}${JSON.stringify(row)}\n`);
}

/**
 * The worker's heap cap (NODE_OPTIONS=--max-old-space-size). Without one V8 lets the heap grow to
 * about four times the live data before collecting: the 5,000-action PDF has ~110 MB live but
 * peaked near 600 MB RSS. 384 MB keeps the whole pack under 512 MB RSS at a few percent of time.
 */
export const WORKER_HEAP_MB = 384;

export async function main(): Promise<BenchRow[]> {
  const sizes = (argValue('--sizes') ?? '500,5000').split(',').map(Number);
  const audience = (argValue('--audience') ?? 'board') as PackAudience;
  // --heap-mb 0 runs the children with V8's default heap sizing, for comparison.
  const heapMb = Number(argValue('--heap-mb') ?? WORKER_HEAP_MB);
  const rows: BenchRow[] = [];
  for (const size of sizes) rows.push(await benchInChild(size, audience, heapMb));
  console.log(`Each size in its own Node process${heapMb > 0 ? ` with --max-old-space-size=${heapMb}` : ' with the default heap'}:`);
  printTable(rows);
  const targets: Record<number, number> = { 500: 2000, 5000: 15000 };
  for (const r of rows) {
    const target = targets[r.size];
    const time = target === undefined ? '' : `${r.totalMs.toFixed(0)} ms (target < ${target} ms) ${r.totalMs < target ? 'OK' : 'OVER'}; `;
    console.log(`${r.size} actions: ${time}peak RSS ${r.peakRssMb.toFixed(0)} MB (target < 512 MB) ${r.peakRssMb < 512 ? 'OK' : 'OVER'}`);
    recordFigures([
      {
        bench: 'pack renderers',
        figure: `${r.size}-action ${r.audience} pack, 4 formats`,
        value: `${(r.totalMs / 1000).toFixed(2)} s (pdf ${r.pdfMs.toFixed(0)}, docx ${r.docxMs.toFixed(0)}, xlsx ${r.xlsxMs.toFixed(0)}, json ${r.jsonMs.toFixed(0)} ms)`,
        target: target === undefined ? undefined : `< ${target / 1000} s`,
        pass: target === undefined ? undefined : r.totalMs < target,
      },
      { bench: 'pack renderers', figure: `${r.size}-action pack peak RSS (heap cap ${heapMb || 'default'})`, value: `${r.peakRssMb.toFixed(0)} MB`, target: '< 512 MB', pass: r.peakRssMb < 512 },
    ]);
  }
  return rows;
}

if (require.main === module) {
  const childSize = argValue('--child');
  const run = childSize ? child(Number(childSize), (argValue('--audience') ?? 'board') as PackAudience) : main();
  run.catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
