#!/usr/bin/env bash
# Installs npm dependencies from the committed lockfile when node_modules is missing or older than
# the lockfile. `npm install`, not `npm ci`: the registry reachable here serves only this
# platform's optional packages, so the lockfile lacks other platforms' entries and `npm ci` refuses it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[install] npm install (from package-lock.json)"
  npm install --no-audit --no-fund --loglevel=error
fi
