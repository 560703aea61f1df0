#!/usr/bin/env bash
# Sourced by the migration scripts: creates an empty scratch database owned by the owner role
# (dropped on exit) and exports DATABASE_URL / MIGRATION_DATABASE_URL pointing at it, so the
# TypeORM CLI migrates it as the owner and grants to the application's role, as a deploy does.
# Creating a database needs a superuser: DATABASE_ADMIN_URL (default: postgres on the same server).
DATABASE_URL="${DATABASE_URL:-postgres://tracker_app:dev-only-tracker-app@127.0.0.1:5432/improvement_tracker}"
MIGRATION_DATABASE_URL="${MIGRATION_DATABASE_URL:-postgres://tracker_owner:dev-only-tracker-owner@127.0.0.1:5432/improvement_tracker}"
scratch_url() { node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.toString())' "$1" "$2"; }
scratch="${1:?scratch database name}"
admin_url="${DATABASE_ADMIN_URL:-$(node -e 'const u = new URL(process.argv[1]); u.username = "postgres"; u.password = ""; u.pathname = "/postgres"; console.log(u.toString())' "$DATABASE_URL")}"
owner_role="$(node -e 'console.log(decodeURIComponent(new URL(process.argv[1]).username))' "$MIGRATION_DATABASE_URL")"
psql "$admin_url" -X -qc "CREATE DATABASE \"$scratch\" OWNER \"$owner_role\""
trap 'psql "$admin_url" -X -qc "DROP DATABASE IF EXISTS \"$scratch\"" >/dev/null' EXIT
DATABASE_URL="$(scratch_url "$DATABASE_URL" "$scratch")"
MIGRATION_DATABASE_URL="$(scratch_url "$MIGRATION_DATABASE_URL" "$scratch")"
export DATABASE_URL MIGRATION_DATABASE_URL
