#!/usr/bin/env bash
# Regenerates the Initial migration from the entities, against a scratch database, with a fixed
# timestamp so hand-written migrations (triggers, reference data) keep running after it.
# Used while the schema is young and nothing is deployed; after the first release use
# `npm run migration:generate -- <Name>` for a new migration instead.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/db/scratch-database.sh "it_regen_$$"
rm -f src/database/migrations/*-Initial.ts
npx typeorm-ts-node-commonjs -d src/database/data-source.ts migration:generate src/database/migrations/Initial --pretty >/dev/null
file="$(ls src/database/migrations/*-Initial.ts)"
sed -i -E 's/Initial[0-9]+/Initial1763900000000/; s/name = .Initial[0-9]+./name = '\''Initial1763900000000'\''/' "$file"
mv "$file" src/database/migrations/1763900000000-Initial.ts
npx eslint --fix src/database/migrations/1763900000000-Initial.ts >/dev/null 2>&1 || true
echo "regenerated src/database/migrations/1763900000000-Initial.ts"
