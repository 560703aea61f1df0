#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis are reachable, starting the local ones if they are installed but
# down, then creates the project's databases. Used by `npm run demo`, `npm test` and .ci/run.
# Honours DATABASE_URL and REDIS_URL (defaults: local services on their standard ports).
set -euo pipefail

DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/improvement_tracker}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"

say() { printf '[services] %s\n' "$*"; }
fail() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

# Parse host/port/user/db from the URLs with node (always present here) rather than fragile sed.
read -r PGHOST PGPORT PGUSER PGDB < <(node -e '
  const u = new URL(process.argv[1]);
  console.log(u.hostname, u.port || 5432, decodeURIComponent(u.username || "postgres"), u.pathname.slice(1) || "improvement_tracker");
' "$DATABASE_URL")
read -r RHOST RPORT < <(node -e 'const u = new URL(process.argv[1]); console.log(u.hostname, u.port || 6379)' "$REDIS_URL")
export PGHOST PGPORT PGUSER
PGPASSWORD="$(node -e 'console.log(decodeURIComponent(new URL(process.argv[1]).password))' "$DATABASE_URL")"
export PGPASSWORD

is_local() { [[ "$1" == "127.0.0.1" || "$1" == "localhost" || "$1" == "::1" ]]; }

pg_up() { command -v pg_isready >/dev/null && pg_isready -q -h "$PGHOST" -p "$PGPORT" -t 2; }
redis_up() {
  if command -v redis-cli >/dev/null; then redis-cli -h "$RHOST" -p "$RPORT" ping 2>/dev/null | grep -q PONG
  else node -e 'const s=require("net").connect(+process.argv[2],process.argv[1]);s.on("connect",()=>{s.write("PING\r\n")});s.on("data",d=>process.exit(String(d).includes("PONG")?0:1));s.on("error",()=>process.exit(1));setTimeout(()=>process.exit(1),2000)' "$RHOST" "$RPORT"; fi
}

wait_for() { # name, check-function
  for _ in $(seq 1 30); do "$2" && return 0; sleep 1; done
  return 1
}

if pg_up; then
  say "PostgreSQL is up on $PGHOST:$PGPORT"
elif is_local "$PGHOST" && command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  say "PostgreSQL is down; starting local cluster $version/main"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  wait_for postgres pg_up || fail "PostgreSQL did not come up on $PGHOST:$PGPORT"
else
  fail "PostgreSQL is not reachable at $PGHOST:$PGPORT and no local cluster is installed. Install it (apt-get install -y postgresql) or set DATABASE_URL."
fi

if redis_up; then
  say "Redis is up on $RHOST:$RPORT"
elif is_local "$RHOST" && command -v redis-server >/dev/null; then
  say "Redis is down; starting a local redis-server"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$RPORT" --save "" --appendonly no >/dev/null
  wait_for redis redis_up || fail "Redis did not come up on $RHOST:$RPORT"
else
  fail "Redis is not reachable at $RHOST:$RPORT and redis-server is not installed. Install it (apt-get install -y redis-server) or set REDIS_URL."
fi

create_db() {
  local db="$1"
  if [ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]; then
    psql -d postgres -qc "CREATE DATABASE \"$db\"" && say "created database $db"
  fi
}
create_db "$PGDB"
say "ready: postgres://$PGUSER@$PGHOST:$PGPORT/$PGDB and redis://$RHOST:$RPORT"
