#!/usr/bin/env bash
# Regenerate schema/samples/*.sql: REAL `pg_dump --schema-only` output of Debian's PostgreSQL.
# Each sample = schema/canonical_schema.sql + schema/samples/src/<name>.sql, applied with
# ON_ERROR_STOP to a scratch database, dumped WITH owners (no --no-owner), kept byte-for-byte.
# Needs a local PostgreSQL server and the `postgres` OS user (run as root), or PSQL_AS="" when
# the current user may create databases. Idempotent: scratch databases are dropped first and after.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
as="${PSQL_AS-postgres}"
run() { if [ -n "$as" ]; then su "$as" -c "$(printf '%q ' "$@")"; else "$@"; fi; }
tmp="$(mktemp -d)"; chmod 755 "$tmp"; trap 'rm -rf "$tmp"' EXIT

for name in reconciled_baseline legacy_head; do
  src="$here/src/${name}.sql"
  [ "$name" = legacy_head ] && src="$here/src/legacy_head_drift.sql"
  db="spec_sample_${name}"
  cat "$root/schema/canonical_schema.sql" "$src" > "$tmp/$name.sql"; chmod 644 "$tmp/$name.sql"
  run dropdb --if-exists "$db"
  run createdb "$db"
  run psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$tmp/$name.sql" >/dev/null
  run pg_dump --schema-only "$db" > "$here/$name.sql"
  run dropdb "$db"
  echo "wrote schema/samples/$name.sql ($(wc -l < "$here/$name.sql") lines, $(run pg_dump --version))"
done
