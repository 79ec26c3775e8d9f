#!/bin/sh
# lint-openapi.sh: lints fcgi/openapi.json with Redocly CLI's recommended rules (the pinned
# @redocly/cli in tests/package.json). Exits non-zero when the document has errors; warnings
# are printed but pass. Run from anywhere, after `npm ci` in tests/ (make deps).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cli="$here/node_modules/.bin/redocly"
if [ ! -x "$cli" ]; then
  echo "lint-openapi.sh: $cli is missing; run make deps (npm ci in tests/)" >&2
  exit 2
fi
# no telemetry, no update or announcement notices (the machine has no network beyond the registry)
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true REDOCLY_SUPPRESS_NOTIFICATIONS=true \
  exec "$cli" lint --format=stylish "$here/../fcgi/openapi.json"
