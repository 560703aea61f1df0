import { appendFileSync } from 'node:fs';

/**
 * One measured figure, for the one table `npm run bench` prints at the end. Where the target is a
 * ratio to a baseline measured in the same run, `baseline` and `ratio` say so; `pass: false` on
 * any figure makes `npm run bench` exit non-zero.
 */
export interface BenchFigure {
  bench: string;
  figure: string;
  value: string;
  baseline?: string;
  ratio?: string;
  target?: string;
  pass?: boolean;
}

/** Appends figures to the file scripts/bench.sh names (no-op when a bench runs on its own). */
export function recordFigures(figures: BenchFigure[]): void {
  const file = process.env.BENCH_SUMMARY_FILE;
  if (!file || figures.length === 0) return;
  appendFileSync(file, `${figures.map((f) => JSON.stringify(f)).join('\n')}\n`);
}
