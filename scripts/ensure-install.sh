#!/usr/bin/env bash
# Installs npm dependencies exactly as the committed lockfile says (`npm ci`) when node_modules is
# missing or older than the lockfile. The lockfile carries every platform's optional packages
# (regenerate it with `npm install --package-lock-only` after changing dependencies), so
# `npm ci` works on Linux, macOS and Windows alike.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[install] npm ci (from package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
fi
