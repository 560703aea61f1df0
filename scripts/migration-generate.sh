#!/usr/bin/env bash
# npm run migration:generate -- AddSomething : compares the entities with a scratch database
# migrated to the current head, and writes the difference as a new migration to read and commit.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: npm run migration:generate -- <MigrationName>}"
source scripts/db/scratch-database.sh "it_gen_$$"
npx typeorm-ts-node-commonjs -d src/database/data-source.ts migration:run >/dev/null
npx typeorm-ts-node-commonjs -d src/database/data-source.ts migration:generate "src/database/migrations/$name" --pretty
