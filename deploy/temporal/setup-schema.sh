#!/bin/sh
# One-shot in temporalio/admin-tools, before the server starts: creates Temporal's two PostgreSQL databases if missing
# and brings their schemas to the version this admin-tools image carries. Every step is idempotent, so it runs on every
# `docker compose up` and upgrades the schemas after a newer image. (After temporalio/samples-server's compose scripts.)
set -eu

: "${POSTGRES_SEEDS:?}" "${POSTGRES_USER:?}" "${SQL_PASSWORD:?}"
SCHEMAS=/etc/temporal/schema/postgresql/v12

sql() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "${DB_PORT:-5432}" -u "$POSTGRES_USER" "$@"
}

# database:schema folder
for pair in temporal:temporal temporal_visibility:visibility; do
  database=${pair%%:*}
  sql --db "$database" create
  sql --db "$database" setup-schema -v 0.0
  sql --db "$database" update-schema -d "$SCHEMAS/${pair#*:}/versioned"
  echo "database $database: schema up to date"
done
