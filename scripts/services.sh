#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis are reachable, then creates the project's two database roles and
# its database (scripts/db/roles.sql). Used by `npm run demo`, `npm test`, `npm run bench` and .ci/run.
# Local services (127.0.0.1, localhost) that are installed but down are started; on a Debian
# machine where they are not installed and we are root, they are installed first (apt-get).
# Honours DATABASE_URL (the application's role), MIGRATION_DATABASE_URL (the schema owner) and
# REDIS_URL; defaults: local services on their standard ports, roles tracker_app and tracker_owner.
# Role and database creation needs a superuser: DATABASE_ADMIN_URL if set, else postgres over TCP,
# else (as root on the local machine) the postgres system user over the local socket.
set -euo pipefail
cd "$(dirname "$0")/.."

DATABASE_URL="${DATABASE_URL:-postgres://tracker_app:dev-only-tracker-app@127.0.0.1:5432/improvement_tracker}"
MIGRATION_DATABASE_URL="${MIGRATION_DATABASE_URL:-postgres://tracker_owner:dev-only-tracker-owner@127.0.0.1:5432/improvement_tracker}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"

say() { printf '[services] %s\n' "$*"; }
fail() { printf '[services] ERROR: %s\n' "$*" >&2; exit 1; }

# host port user password database, from a URL (node is always present here; sed would be fragile).
url_parts() {
  node -e '
    const u = new URL(process.argv[1]);
    const d = (s) => decodeURIComponent(s);
    console.log(JSON.stringify([u.hostname.replace(/^\[|\]$/g, ""), u.port || "5432", d(u.username), d(u.password), d(u.pathname.slice(1)) || "improvement_tracker"]));
  ' "$1"
}
field() { node -e 'console.log(JSON.parse(process.argv[1])[+process.argv[2]])' "$1" "$2"; }
app_parts="$(url_parts "$DATABASE_URL")"
owner_parts="$(url_parts "$MIGRATION_DATABASE_URL")"
PGHOST="$(field "$app_parts" 0)"; PGPORT="$(field "$app_parts" 1)"
APP_ROLE="$(field "$app_parts" 2)"; APP_PASSWORD="$(field "$app_parts" 3)"; PGDB="$(field "$app_parts" 4)"
OWNER_ROLE="$(field "$owner_parts" 2)"; OWNER_PASSWORD="$(field "$owner_parts" 3)"
[ "$(field "$owner_parts" 0):$(field "$owner_parts" 1)/$(field "$owner_parts" 4)" = "$PGHOST:$PGPORT/$PGDB" ] \
  || fail "DATABASE_URL and MIGRATION_DATABASE_URL must name the same server and database (they differ only in the role)"
[ -n "$APP_ROLE" ] && [ -n "$OWNER_ROLE" ] || fail "DATABASE_URL and MIGRATION_DATABASE_URL must both name a user (the application's role, the owner role)"
read -r RHOST RPORT < <(node -e 'const u = new URL(process.argv[1]); console.log(u.hostname, u.port || 6379)' "$REDIS_URL")

is_local() { [[ "$1" == "127.0.0.1" || "$1" == "localhost" || "$1" == "::1" ]]; }
is_root() { [ "$(id -u)" = "0" ]; }
can_apt() { is_root && command -v apt-get >/dev/null && [ -f /etc/debian_version ]; }

apt_install() { # packages...
  say "installing $* (apt-get; log in /tmp/services-apt.log)"
  # A failed index update (offline, a mirror down) still leaves the packages already listed or cached.
  apt-get update -qq >/tmp/services-apt.log 2>&1 || say "apt-get update failed; trying the package lists already here"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >>/tmp/services-apt.log 2>&1 \
    || fail "could not install $* (see /tmp/services-apt.log)"
}

pg_up() { command -v pg_isready >/dev/null && pg_isready -q -h "$PGHOST" -p "$PGPORT" -t 2; }
redis_up() {
  if command -v redis-cli >/dev/null; then redis-cli -h "$RHOST" -p "$RPORT" ping 2>/dev/null | grep -q PONG
  else node -e 'const s=require("net").connect(+process.argv[2],process.argv[1]);s.on("connect",()=>{s.write("PING\r\n")});s.on("data",d=>process.exit(String(d).includes("PONG")?0:1));s.on("error",()=>process.exit(1));setTimeout(()=>process.exit(1),2000)' "$RHOST" "$RPORT"; fi
}
wait_for() { # check-function
  for _ in $(seq 1 30); do "$1" && return 0; sleep 1; done
  return 1
}

pg_installed() { command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ] && [ -n "$(ls /etc/postgresql 2>/dev/null)" ]; }
start_local_postgres() {
  local version
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  [ -d "/etc/postgresql/$version/main" ] || fail "no cluster $version/main in /etc/postgresql"
  local port
  port="$(sed -nE 's/^\s*port\s*=\s*([0-9]+).*/\1/p' "/etc/postgresql/$version/main/postgresql.conf" | head -n 1)"
  [ "${port:-5432}" = "$PGPORT" ] || fail "the local cluster $version/main listens on port ${port:-5432}, DATABASE_URL says $PGPORT"
  say "starting local PostgreSQL cluster $version/main"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 || true
  wait_for pg_up || fail "PostgreSQL did not come up on $PGHOST:$PGPORT"
}

if pg_up; then
  say "PostgreSQL is up on $PGHOST:$PGPORT"
elif ! is_local "$PGHOST"; then
  fail "PostgreSQL is not reachable at $PGHOST:$PGPORT (DATABASE_URL)."
elif pg_installed; then
  say "PostgreSQL is down"
  start_local_postgres
elif can_apt; then
  say "PostgreSQL is not installed"
  apt_install postgresql
  pg_up || start_local_postgres
else
  fail "PostgreSQL is not reachable at $PGHOST:$PGPORT and is not installed. Install it (as root on Debian: apt-get install -y postgresql; \`npm run demo\` and \`npm test\` do it themselves when run as root) or set DATABASE_URL and MIGRATION_DATABASE_URL."
fi

start_local_redis() {
  say "starting a local redis-server on port $RPORT"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$RPORT" --save "" --appendonly no >/dev/null
  wait_for redis_up || fail "Redis did not come up on $RHOST:$RPORT"
}
if redis_up; then
  say "Redis is up on $RHOST:$RPORT"
elif ! is_local "$RHOST"; then
  fail "Redis is not reachable at $RHOST:$RPORT (REDIS_URL)."
elif command -v redis-server >/dev/null; then
  say "Redis is down"
  start_local_redis
elif can_apt; then
  say "Redis is not installed"
  apt_install redis-server
  redis_up || start_local_redis
else
  fail "Redis is not reachable at $RHOST:$RPORT and redis-server is not installed. Install it (as root on Debian: apt-get install -y redis-server; \`npm run demo\` and \`npm test\` do it themselves when run as root) or set REDIS_URL."
fi

# A superuser session for roles and databases (psql arguments follow).
admin_psql() {
  if [ -n "${DATABASE_ADMIN_URL:-}" ]; then
    psql "$DATABASE_ADMIN_URL" -X -q "$@"
  elif PGCONNECT_TIMEOUT=5 psql "postgres://postgres@$PGHOST:$PGPORT/postgres" -X -q -w -tAc 'SELECT 1' >/dev/null 2>&1; then
    psql "postgres://postgres@$PGHOST:$PGPORT/postgres" -X -q -w "$@"
  elif is_local "$PGHOST" && is_root && command -v runuser >/dev/null; then
    # A fresh Debian cluster: postgres logs in over the local socket by peer authentication.
    (cd / && runuser -u postgres -- psql -p "$PGPORT" -d postgres -X -q "$@")
  else
    return 100
  fi
}

role_vars=(-v "app=$APP_ROLE" -v "owner=$OWNER_ROLE" -v "db=$PGDB")
[ -n "$APP_PASSWORD" ] && role_vars+=(-v "app_password=$APP_PASSWORD")
[ -n "$OWNER_PASSWORD" ] && role_vars+=(-v "owner_password=$OWNER_PASSWORD")
roles_log="$(mktemp -t services-roles-XXXX.log)"
trap 'rm -f "$roles_log"' EXIT
command -v psql >/dev/null || fail "psql is not installed (Debian: apt-get install -y postgresql-client)"
# The script on standard input: the postgres system user may not be able to read this directory.
if admin_psql "${role_vars[@]}" -f - <scripts/db/roles.sql 2>"$roles_log"; then
  grep -v 'NOTICE:  ALTER' "$roles_log" >&2 || true
  adopted="$(grep -c 'NOTICE:  ALTER' "$roles_log" || true)"
  [ "${adopted:-0}" -gt 0 ] && say "handed $adopted object(s) of database $PGDB, made before the roles, to $OWNER_ROLE"
  say "roles $OWNER_ROLE (owner, migrations) and $APP_ROLE (application) and database $PGDB are in place"
elif [ $? -eq 100 ]; then
  say "no superuser session (set DATABASE_ADMIN_URL to create roles); assuming $OWNER_ROLE, $APP_ROLE and database $PGDB exist"
else
  cat "$roles_log" >&2
  fail "could not create the database roles (scripts/db/roles.sql)"
fi

# The application's role must be able to log in (trust locally, or the password in DATABASE_URL).
PGCONNECT_TIMEOUT=5 psql "$DATABASE_URL" -X -q -w -tAc 'SELECT 1' >/dev/null 2>&1 \
  || fail "cannot log in as $APP_ROLE with DATABASE_URL (check its password, or pg_hba.conf)"
say "ready: PostgreSQL $PGHOST:$PGPORT/$PGDB (application $APP_ROLE, migrations $OWNER_ROLE) and redis://$RHOST:$RPORT"
