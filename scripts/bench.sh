#!/usr/bin/env bash
# `npm run bench`: runs every benchmark in bench/ (*.bench.ts) one after another on the real
# PostgreSQL and Redis, then prints one table of the figures, their baselines (measured in the
# same run), ratios, targets and PASS/FAIL; exits non-zero when a bench fails or any figure FAILs.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-install.sh || exit 1
bash scripts/system-deps.sh
bash scripts/services.sh >/dev/null || exit 1
summary="$(mktemp -t bench-summary-XXXX.jsonl)"
export BENCH_SUMMARY_FILE="$summary"
status=0
for bench in bench/*.bench.ts; do
  echo "================ $bench ================"
  # The worker runs with a 384 MB V8 heap in production (package.json, docker-compose.yml); the
  # benches and the processes they start (API, worker) run with the same cap.
  NODE_OPTIONS="${NODE_OPTIONS:-} --max-old-space-size=384 --expose-gc" npx ts-node --transpile-only "$bench" || status=1
done
echo
echo "================ summary ================"
node -e '
  const text = require("fs").readFileSync(process.argv[1], "utf8").trim();
  const rows = text ? text.split("\n").filter(Boolean).map(JSON.parse) : [];
  const head = ["bench", "figure", "value", "baseline", "ratio", "target", "result"];
  const cells = rows.map(r => [r.bench, r.figure, r.value, r.baseline ?? "", r.ratio ?? "", r.target ?? "", r.pass === undefined ? "" : r.pass ? "PASS" : "FAIL"]);
  const w = head.map((h, i) => Math.max(h.length, ...cells.map(c => c[i].length)));
  const line = c => c.map((x, i) => x.padEnd(w[i])).join(" | ");
  console.log(line(head)); console.log(w.map(n => "-".repeat(n)).join("-|-"));
  for (const c of cells) console.log(line(c));
  const failed = rows.filter(r => r.pass === false).length;
  console.log(`${rows.filter(r => r.pass === true).length} PASS, ${failed} FAIL`);
  process.exit(failed ? 3 : 0);
' "$summary" || status=1
rm -f "$summary"
exit $status
