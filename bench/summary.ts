import { appendFileSync } from 'node:fs';

/** One measured figure, for the one table `npm run bench` prints at the end. */
export interface BenchFigure {
  bench: string;
  figure: string;
  value: string;
  target?: string;
  pass?: boolean;
}

/** Appends figures to the file scripts/bench.sh names (no-op when a bench runs on its own). */
export function recordFigures(figures: BenchFigure[]): void {
  const file = process.env.BENCH_SUMMARY_FILE;
  if (!file || figures.length === 0) return;
  appendFileSync(file, `${figures.map((f) => JSON.stringify(f)).join('\n')}\n`);
}
