#!/usr/bin/env bash
# migrate.sh - applies the numbered, forward-only migrations in sql/ (NNN_name.sql) in order.
#
# Usage: sql/migrate.sh CLIENT... (a mariadb client command line connected to the portal database,
# with a user that may run DDL), e.g. sql/migrate.sh mariadb --socket=var/run/mysqld.sock portal
#
# Each applied migration is recorded in schema_migrations with its checksum; re-running is a no-op.
# A migration that fails stops the run with its name and the server's message; the ones before it
# stay applied and recorded. MariaDB commits DDL implicitly, so a migration is written to be
# atomic: one DDL statement, or statements that are safe to re-run.
# A migration is never changed once released; the one exception is a rewording whose effect a later
# migration also applies to databases migrated before it. sql/reworded.txt lists such a file as
# "version old-checksum new-checksum", and the recorded checksum is updated instead of refused.
set -euo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
client=("$@")
[ ${#client[@]} -gt 0 ] || { echo "usage: $0 mariadb-client-command..." >&2; exit 2; }

"${client[@]}" -e "CREATE TABLE IF NOT EXISTS schema_migrations (
  version INT UNSIGNED NOT NULL PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  checksum CHAR(64) NOT NULL,
  applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"

applied=0
for f in "$dir"/[0-9][0-9][0-9]_*.sql; do
  [ -e "$f" ] || continue
  name=$(basename "$f")
  version=$((10#${name%%_*}))
  sum=$(sha256sum "$f" | cut -d' ' -f1)
  have=$("${client[@]}" -N -B -e "SELECT checksum FROM schema_migrations WHERE version = $version")
  if [ -n "$have" ]; then
    if [ "$have" != "$sum" ] && grep -qx "$version $have $sum" "$dir/reworded.txt"; then
      # reworded comments only (listed in reworded.txt): record the new checksum
      "${client[@]}" -e "UPDATE schema_migrations SET checksum = '$sum' WHERE version = $version"
      have=$sum
    fi
    if [ "$have" != "$sum" ]; then
      echo "migrate: $name was changed after it was applied (forward-only: add a new migration instead)" >&2
      exit 1
    fi
    continue
  fi
  if ! out=$("${client[@]}" < "$f" 2>&1); then
    msg=$(printf '%s\n' "$out" | grep -E '^ERROR' || printf '%s\n' "$out")
    echo "migrate: $name FAILED: $msg" >&2
    echo "migrate: the migrations before $name stay applied; fix it and run again" >&2
    exit 1
  fi
  "${client[@]}" -e "INSERT INTO schema_migrations (version, name, checksum) VALUES ($version, '$name', '$sum')"
  echo "migrate: applied $name"
  applied=$((applied + 1))
done
echo "migrate: $applied applied, schema at version $("${client[@]}" -N -B -e 'SELECT COALESCE(MAX(version),0) FROM schema_migrations')"
