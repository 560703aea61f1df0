#!/bin/sh
# The postgres container's first start (docker-entrypoint-initdb.d, as the superuser): the owner
# role, the application's role and the database owned by the owner (scripts/db/roles.sql).
# Migrations (the compose `migrate` service) then create the schema as the owner and grant the
# application's role DML only.
set -e
psql -X -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v app="${TRACKER_APP_ROLE:-tracker_app}" -v owner="${TRACKER_OWNER_ROLE:-tracker_owner}" -v db="${TRACKER_DATABASE:-improvement_tracker}" \
  -v app_password="$TRACKER_APP_PASSWORD" -v owner_password="$TRACKER_OWNER_PASSWORD" \
  -f /tracker/roles.sql
