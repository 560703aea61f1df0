#!/usr/bin/env bash
# npm run migration:generate -- AddSomething : compares the entities with a scratch database
# migrated to the current head, and writes the difference as a new migration to read and commit.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: npm run migration:generate -- <MigrationName>}"
scratch="it_gen_$$"
base="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/improvement_tracker}"
url="${base%/*}/$scratch"
psql "${base%/*}/postgres" -qc "CREATE DATABASE $scratch"
trap 'psql "${base%/*}/postgres" -qc "DROP DATABASE IF EXISTS $scratch" >/dev/null' EXIT
DATABASE_URL="$url" npx typeorm-ts-node-commonjs -d src/database/data-source.ts migration:run >/dev/null
DATABASE_URL="$url" npx typeorm-ts-node-commonjs -d src/database/data-source.ts migration:generate "src/database/migrations/$name" --pretty
