#!/usr/bin/env bash
# The README's test command (`npm test`): every unit and integration test, on the real
# PostgreSQL and Redis. Ends with one plain line "N passed, N failed" and exits non-zero on failure.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-install.sh || exit 1
bash scripts/system-deps.sh
bash scripts/services.sh || exit 1
results="$(mktemp -t jest-results-XXXX.json)"
npx jest --json --outputFile="$results" --maxWorkers="${JEST_WORKERS:-2}" "$@"
code=$?
node -e '
  const r = require(process.argv[1]);
  const broken = r.numRuntimeErrorTestSuites || 0;
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests + broken} failed`);
' "$results" || { echo "0 passed, 1 failed"; code=1; }
rm -f "$results"
exit $code
