#!/usr/bin/env bash
# Issue 19: "a test runs the migration on a database filled by the current demo loader".
# Loads the demo exactly as it was loaded BEFORE plans existed (the demo loader, API, worker and
# CLI of the commit before the plans merge, from a temporary `git worktree add --detach`), into a
# scratch database migrated to that commit's migrations; then runs today's migrations on it, and
# undoes them again, comparing at each step the counts and checksums of every action, milestone,
# progress update, evidence row and stored file, override, snapshot, pack and audit event (plan
# ids left out: `up` makes them), and that every organisation's audit chain verifies.
#
# Needs git history (exit 3, "SKIP", without it), PostgreSQL and Redis (scripts/services.sh).
# Prints one "[plans-demo] ..." line per step and "[plans-demo] OK ..." at the end; exit 1 on a
# difference. Run by test/plans-migration-demo.e2e-spec.ts; about a minute and a half.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
started=$(date +%s)
say() { echo "[plans-demo] $(($(date +%s) - started))s $*"; }

PLANS_MIGRATION=src/database/migrations/1763900001900-PlansAndMemberships.ts
merge="$(git log --first-parent --diff-filter=A --format=%H HEAD -- "$PLANS_MIGRATION" 2>/dev/null | tail -1 || true)"
old="$( [ -n "$merge" ] && git rev-parse --verify -q "$merge^1" || true)"
if [ -z "$old" ]; then
  echo "[plans-demo] SKIP: no git history with the commit that added $PLANS_MIGRATION"
  exit 3
fi
say "demo of ${old:0:7} (before the plans merge ${merge:0:7})"

work="$(mktemp -d /tmp/plans-demo.XXXXXX)"
tree="$work/old"
pids=()
source scripts/db/scratch-database.sh "it_plans_demo_$$"
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  git -C "$ROOT" worktree remove --force "$tree" >/dev/null 2>&1 || true
  rm -rf "$work"
  psql "$admin_url" -X -qc "DROP DATABASE IF EXISTS \"$scratch\"" >/dev/null
}
trap cleanup EXIT

git worktree add -q --detach "$tree" "$old"
if ! git diff --quiet "$old" HEAD -- package.json package-lock.json; then
  say "note: package.json differs from ${old:0:7}; sharing node_modules anyway"
fi
ln -s "$ROOT/node_modules" "$tree/node_modules"
# The one change to the old loader: at that commit it publishes the scrutiny pack without
# acknowledging the publication check's suspects, which that commit's API refuses (409
# publication_suspects_not_acknowledged) for the demo's packs; acknowledging lets it finish.
sed -i 's#`/packs/${created.id}/publish`, lead.token, {})#`/packs/${created.id}/publish`, lead.token, { acknowledgeSuspects: true })#' "$tree/scripts/demo/load-demo.ts"
grep -q 'acknowledgeSuspects: true' "$tree/scripts/demo/load-demo.ts" || say "note: the old loader's publish call was not patched"
(cd "$tree" && npx nest build >/dev/null)
say "built the old commit"

export DATA_DIR="$work/data" QUEUE_PREFIX="plansdemo$$" LOGIN_RATE_LIMIT_PER_MINUTE=500 LOG_LEVEL=warn
unset SMTP_HOST
mkdir -p "$DATA_DIR"
PORT="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
export PORT
(cd "$tree" && node node_modules/typeorm/cli.js -d dist/database/data-source.js migration:run >/dev/null)
(cd "$tree" && exec node dist/main.js >"$work/api.log" 2>&1) &
pids+=($!)
(cd "$tree" && exec node dist/worker.js >"$work/worker.log" 2>&1) &
pids+=($!)
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/api/v1/health/ready" >/dev/null 2>&1 && break; sleep 1; done
curl -sf "http://127.0.0.1:$PORT/api/v1/health/ready" >/dev/null || { tail -20 "$work/api.log" >&2; exit 1; }
(cd "$tree" && DEMO_API_URL="http://127.0.0.1:$PORT" DEMO_OUT_DIR="$work/out" npx ts-node --transpile-only scripts/demo/load-demo.ts >"$work/load.log" 2>&1) ||
  { tail -30 "$work/load.log" >&2; exit 1; }
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
pids=()
say "loaded the old demo"

owner_url="$MIGRATION_DATABASE_URL"
q() { psql "$owner_url" -X -qAt -v ON_ERROR_STOP=1 -c "$1"; }
# Every row of each table as JSON, only its columns as they were before plans (so columns that
# later migrations add, plan_id, pack.meeting_id, ..., are left out) and, for `up`, without a
# user's role (which `up` turns into memberships: checked separately); then a count and an md5 per
# table; and the stored files.
TABLES="action milestone progress_update evidence evidence_review rag_override rag_snapshot rag_policy action_status_history pack audit_event workstream finding inspection notice organisation user"
declare -A COLS
for t in $TABLES; do
  COLS[$t]="$(q "SELECT '{' || string_agg(column_name, ',' ORDER BY column_name) || '}' FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '$t'")"
done
fingerprint() {
  local skip="$1"
  for t in $TABLES; do
    printf '%s ' "$t"
    q "SELECT count(*) || ' ' || coalesce(md5(string_agg(j, '|' ORDER BY j)), '-')
         FROM (SELECT (SELECT jsonb_object_agg(k, v) FROM jsonb_each(to_jsonb(x)) e(k, v) WHERE k = ANY('${COLS[$t]}'::text[]) AND k <> '$skip')::text AS j FROM \"$t\" x) s"
  done
  printf 'files '
  (cd "$DATA_DIR" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum | sha256sum | cut -c1-32)
  printf 'file_count %s\n' "$(find "$DATA_DIR" -type f | wc -l)"
}
# The roles a user holds: before, user.role; after, 'member' or 'admin' plus their memberships.
roles_before() { q "SELECT md5(string_agg(id || ':' || role, ',' ORDER BY id)) FROM \"user\""; }
roles_after() {
  q "SELECT md5(string_agg(u.id || ':' || CASE WHEN u.role = 'member' THEN m.role ELSE u.role END, ',' ORDER BY u.id))
       FROM \"user\" u LEFT JOIN plan_membership m ON m.user_id = u.id"
}
verify_old() { (cd "$tree" && node dist/cli.js verify-audit --json); }
verify_new() { node -r ts-node/register/transpile-only src/cli.ts verify-audit --json; }
all_valid() { node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8")); if (!r.length || !r.every((x) => x.valid)) { console.error(JSON.stringify(r)); process.exit(1); } console.log(r.length + " chain(s), " + r.reduce((n, x) => n + x.eventsVerified, 0) + " event(s) verified")'; }

before="$(fingerprint role)"
before_full="$(fingerprint -)"
roles="$(roles_before)"
say "before: $(echo "$before" | tr '\n' ';')"
say "audit before: $(verify_old | all_valid)"
counts() { q "SELECT (SELECT count(*) FROM organisation) || ' organisations, ' || (SELECT count(*) FROM action) || ' actions, ' || (SELECT count(*) FROM milestone) || ' milestones, ' || (SELECT count(*) FROM evidence) || ' evidence, ' || (SELECT count(*) FROM progress_update) || ' updates, ' || (SELECT count(*) FROM audit_event) || ' audit events'"; }
say "demo: $(counts), $(find "$DATA_DIR" -type f | wc -l) stored files"

old_migrations="$(q "SELECT name FROM migrations ORDER BY name")"
npx typeorm-ts-node-commonjs -d src/database/data-source.ts migration:run >"$work/up.log"
new_count="$(q "SELECT count(*) FROM migrations")"
added=$((new_count - $(echo "$old_migrations" | wc -l)))
say "up: $added migration(s) run"
after="$(fingerprint role)"
if [ "$after" != "$before" ]; then
  echo "[plans-demo] FAIL: rows changed by up"; diff <(echo "$before") <(echo "$after") || true; exit 1
fi
[ "$(roles_after)" = "$roles" ] || { echo "[plans-demo] FAIL: roles not carried into memberships"; exit 1; }
plans="$(q "SELECT count(*) FILTER (WHERE n <> 1) || ' ' || count(*) FROM (SELECT o.id, count(p.id) AS n FROM organisation o LEFT JOIN plan p ON p.organisation_id = o.id GROUP BY o.id) s")"
[ "${plans%% *}" = 0 ] || { echo "[plans-demo] FAIL: an organisation has not exactly one plan ($plans)"; exit 1; }
stray="$(q "SELECT (SELECT count(*) FROM action a JOIN plan p ON p.id = a.plan_id WHERE p.organisation_id <> a.organisation_id) + (SELECT count(*) FROM rag_policy r JOIN plan p ON p.id = r.plan_id WHERE p.organisation_id <> r.organisation_id)")"
[ "$stray" = 0 ] || { echo "[plans-demo] FAIL: $stray row(s) in another organisation's plan"; exit 1; }
say "audit after up: $(verify_new | all_valid)"

for _ in $(seq 1 "$added"); do npx typeorm-ts-node-commonjs -d src/database/data-source.ts migration:revert >>"$work/down.log"; done
[ "$(q "SELECT name FROM migrations ORDER BY name")" = "$old_migrations" ] || { echo "[plans-demo] FAIL: down did not return to ${old:0:7}'s migrations"; exit 1; }
after_down="$(fingerprint -)"
if [ "$after_down" != "$before_full" ]; then
  echo "[plans-demo] FAIL: rows changed by up then down"; diff <(echo "$before_full") <(echo "$after_down") || true; exit 1
fi
say "audit after down: $(verify_old | all_valid)"
say "OK: every row and stored file identical after up and after down ($(echo "$before" | wc -l) fingerprints)"
