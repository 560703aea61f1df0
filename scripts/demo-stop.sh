#!/usr/bin/env bash
# Stops the API and worker that `npm run demo` started (and nothing else).
cd "$(dirname "$0")/.."
for p in api worker mail; do
  if [ -f ".demo/$p.pid" ]; then
    pid="$(cat ".demo/$p.pid")"
    if kill "$pid" 2>/dev/null; then echo "stopped demo $p ($pid)"; fi
    rm -f ".demo/$p.pid"
  fi
done
