#!/usr/bin/env bash
# layers.sh - checks the dependency rule of the C layers (docs/architecture.md): every
# `#include "LAYER/name.h"` in fcgi/LAYER/ must name a layer that LAYER may use. Run by `make`.
#
#   core    the program shell (main, master, worker, config, log, util): may use every layer
#   domain  pure rules: core and itself only (no db, http, svc or api)
#   db      statements and transactions: core, domain
#   http    requests, routing, sessions: core, domain, db (the session's user lookup)
#   svc     use cases: core, domain, db, http's problem-free types (core, domain, db only)
#   api     handlers: core, http, domain, svc; never db, except the files in LEGACY below
#   gen     (build/gen/) the request shapes generated from the OpenAPI document: core, http, api
set -euo pipefail
cd "$(dirname "$0")"

declare -A MAY=(
  [core]="core http domain db svc api gen"
  [domain]="domain core"
  [db]="db core domain"
  [http]="http core domain db gen"
  [svc]="svc core domain db"
  [api]="api core http domain svc gen"
)
# Handlers that still call the db layer directly, until their use cases move to svc/. This list
# only shrinks: a handler not on it that includes db/ fails the build.
LEGACY="api/h_common.h"

bad=0
for layer in "${!MAY[@]}"; do
  for f in "$layer"/*.[ch]; do
    [ -e "$f" ] || continue
    while IFS= read -r used; do
      ok=0
      for allowed in ${MAY[$layer]}; do [ "$used" = "$allowed" ] && ok=1; done
      if [ $ok = 0 ] && [ "$layer/$used" = api/db ] && [[ " $(echo $LEGACY) " == *" $f "* ]]; then ok=1; fi
      if [ $ok = 0 ]; then echo "layers: $f includes $used/ (the $layer layer may use: ${MAY[$layer]})" >&2; bad=1; fi
    done < <(sed -n 's|^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([a-z]*\)/[^"]*".*|\1|p' "$f" | sort -u)
    if grep -qE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[^/"]*"' "$f"; then
      echo "layers: $f includes a header without its layer folder" >&2; bad=1
    fi
  done
done
# The db layer gives typed rows or writes rows into the JSON writer (core/jw.h): it never builds
# or returns a jansson tree. jansson is for parsing request bodies, above the db layer.
if grep -nE '<jansson\.h>|\bjson_[a-z_]+\(|\bjson_t\b' db/*.[ch] db/*.def >&2; then
  echo "layers: the db layer uses jansson (above): give typed rows or write into the JSON writer" >&2; bad=1
fi
for f in $LEGACY; do
  grep -q '#include "db/' "$f" || { echo "layers: $f no longer includes db/: take it off LEGACY in fcgi/layers.sh" >&2; bad=1; }
done
exit $bad
