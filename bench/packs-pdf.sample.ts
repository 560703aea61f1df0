/**
 * The PDF alone, once, for profiling and A/B runs: builds the synthetic plan (bench/packs-render.bench)
 * of the given size, renders an untimed 20-action PDF first, then times renderPdf and prints one JSON
 * line (bytes, wall, CPU, peak RSS before and after). The render's time window (process.hrtime, in
 * microseconds, the clock of `--cpu-prof` timestamps) goes to stderr, to cut a profile down to it.
 *
 *   node --max-old-space-size=384 -r ts-node/register/transpile-only bench/packs-pdf.sample.ts [size=5000] [out.pdf]
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof -r ts-node/register/transpile-only bench/packs-pdf.sample.ts 5000 2>window.txt
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { buildPackModel } from '../src/packs/model/build-pack-model';
import { renderPdf } from '../src/packs/render/render-pdf';
import { syntheticSource } from './packs-render.bench';

async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? 5000);
  const out = process.argv[3];
  await renderPdf(buildPackModel(syntheticSource(20)));
  const model = buildPackModel(syntheticSource(size));
  const rssBeforeMb = process.resourceUsage().maxRSS / 1024;
  const cpu0 = process.cpuUsage();
  const h0 = process.hrtime.bigint();
  const t0 = performance.now();
  const pdf = await renderPdf(model);
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const h1 = process.hrtime.bigint();
  console.error(`window ${h0 / 1000n} ${h1 / 1000n}`);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  if (out) writeFileSync(out, pdf);
  console.log(
    JSON.stringify({
      size,
      bytes: pdf.length,
      wallMs: Math.round(wallMs),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      userMs: Math.round(cpu.user / 1000),
      peakRssMb: Math.round(peakRssMb),
      rssBeforeMb: Math.round(rssBeforeMb),
    }),
  );
}

void main();
