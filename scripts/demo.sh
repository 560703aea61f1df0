#!/usr/bin/env bash
# The README's first command (`npm run demo`): from a fresh clone to generated packs.
# Installs dependencies, makes sure PostgreSQL and Redis are up, creates and migrates the
# database, builds, starts the API and the worker in the background, loads the demo plans
# through the API (with the nightly RAG recompute on each replayed day and the 06:00 e-mail
# reminder scan on each day of the last month), generates both packs through the queues, waits for the worker to deliver the
# e-mail outbox to the local SMTP catcher, and prints where to look. Running it again resets
# the demo organisations (and only those).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEMO_PORT="${DEMO_PORT:-3000}"
export PORT="$DEMO_PORT"
export DATA_DIR="${DATA_DIR:-$PWD/.demo/data}"
# The loader logs in a few dozen users from one address in under a minute.
export LOGIN_RATE_LIMIT_PER_MINUTE="${LOGIN_RATE_LIMIT_PER_MINUTE:-200}"
export LOG_LEVEL="${LOG_LEVEL:-info}"
mkdir -p .demo/logs "$DATA_DIR"
# E-mail goes to a local SMTP catcher that writes each message as .demo/mail/*.eml.
export DEMO_SMTP_PORT="${DEMO_SMTP_PORT:-2525}"
export SMTP_HOST="${SMTP_HOST:-127.0.0.1}" SMTP_PORT="${SMTP_PORT:-$DEMO_SMTP_PORT}" SMTP_REQUIRE_TLS="${SMTP_REQUIRE_TLS:-false}"
export MAIL_FROM="${MAIL_FROM:-Improvement tracker (demo) <noreply@improvement-tracker.example>}"
export PUBLIC_BASE_URL="${PUBLIC_BASE_URL:-http://127.0.0.1:$DEMO_PORT}"
# The demo's clock: the loader advances it day by day so each fact is recorded on its own date
# (src/common/clock/clock.ts FileClock), then removes the file; the API and worker then run on the real time.
export DEMO_CLOCK_FILE="${DEMO_CLOCK_FILE:-$PWD/.demo/clock}"
rm -f "$DEMO_CLOCK_FILE"

bash scripts/ensure-install.sh
bash scripts/system-deps.sh
bash scripts/services.sh
bash scripts/demo-stop.sh >/dev/null 2>&1 || true

echo "[demo] building"
npx nest build >/dev/null
echo "[demo] running migrations"
node node_modules/typeorm/cli.js -d dist/database/data-source.js migration:run >/dev/null

if curl -s -o /dev/null "http://127.0.0.1:$DEMO_PORT/" 2>/dev/null; then
  echo "[demo] ERROR: port $DEMO_PORT is already in use by another program; set DEMO_PORT=<free port>" >&2
  exit 1
fi
echo "[demo] starting the mail catcher (SMTP on 127.0.0.1:$DEMO_SMTP_PORT, messages in .demo/mail/)"
rm -rf .demo/mail && mkdir -p .demo/mail
nohup node -r ts-node/register/transpile-only scripts/demo/mail-catcher.ts >.demo/logs/mail.log 2>&1 &
echo $! >.demo/mail.pid
echo "[demo] starting the API (port $DEMO_PORT) and the worker; logs in .demo/logs/"
nohup node --expose-gc dist/main.js >.demo/logs/api.log 2>&1 &
echo $! >.demo/api.pid
nohup node --expose-gc --max-old-space-size=384 dist/worker.js >.demo/logs/worker.log 2>&1 &
echo $! >.demo/worker.pid

for i in $(seq 1 60); do
  if curl -sf "http://127.0.0.1:$DEMO_PORT/api/v1/health/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$(cat .demo/api.pid)" 2>/dev/null; then echo "[demo] the API stopped; see .demo/logs/api.log" >&2; tail -20 .demo/logs/api.log >&2; exit 1; fi
  sleep 1
done
curl -sf "http://127.0.0.1:$DEMO_PORT/api/v1/health/ready" >/dev/null || { echo "[demo] the API is not ready; see .demo/logs/api.log" >&2; exit 1; }

DEMO_API_URL="http://127.0.0.1:$DEMO_PORT" DEMO_OUT_DIR="$PWD/.demo" npx ts-node --transpile-only scripts/demo/load-demo.ts
# The loader ran the 06:00 reminder scan on each of the month's days, and the packs wrote their
# messages; the worker delivers them (soon after they are written, and every minute). Wait until the
# demo organisations' outbox is drained: every message sent, failed or skipped.
DEMO_MAIL_WAIT_SECONDS="${DEMO_MAIL_WAIT_SECONDS:-180}"
echo "[demo] waiting (at most ${DEMO_MAIL_WAIT_SECONDS} s) for the worker to deliver the e-mail outbox ..."
mail_started=$SECONDS
if node dist/cli.js outbox-status --slug-prefix demo- --wait "$DEMO_MAIL_WAIT_SECONDS" >.demo/logs/outbox-status.txt 2>.demo/logs/outbox-status.err; then
  echo "[demo] e-mail outbox drained in $((SECONDS - mail_started)) s: $(head -1 .demo/logs/outbox-status.txt)"
else
  echo "[demo] WARNING: $(cat .demo/logs/outbox-status.err) See .demo/logs/worker.log and .demo/logs/mail.log." >&2
  echo "[demo] e-mail so far: $(head -1 .demo/logs/outbox-status.txt)"
fi
echo "[demo] e-mails sent, by kind:"
tail -n +2 .demo/logs/outbox-status.txt
echo "[demo] e-mail: $(find .demo/mail -name '*.eml' | wc -l) message(s) received by the local SMTP catcher, as .eml files in .demo/mail/"
