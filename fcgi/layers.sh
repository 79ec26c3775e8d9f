#!/usr/bin/env bash
# layers.sh - checks the dependency rule of the C layers (docs/architecture.md): every
# `#include "LAYER/name.h"` in fcgi/LAYER/ must name a layer that LAYER may use. Run by `make`.
#
#   core    the program shell (main, master, worker, config, log, util): may use every layer
#   domain  pure rules: core and itself only (no db, http, svc or api)
#   db      statements and transactions: core, domain
#   http    requests, routing, sessions: core, domain, db (the session's user lookup)
#   svc     use cases: core, domain, db
#   api     handlers: core, http, domain, svc (not svc/*_db.h); never db, except the files in LEGACY
#
# A header (.h) outside db/ may not include db/, so nothing a handler includes brings in the db
# layer: the use cases answer with the service's own status (svc/status.h). The one exception is
# svc/*_db.h, the headers for svc/ alone (what one use case lends another, in the db's types).
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
# Handlers allowed to include db/ for now, until what they need moves to svc/. Empty since svc got
# a status type of its own (svc/status.h). The list only shrinks: a handler not on it that includes
# db/ fails the build, and so does one on it that no longer does.
LEGACY=""

bad=0
for layer in "${!MAY[@]}"; do
  for f in "$layer"/*.[ch]; do
    [ -e "$f" ] || continue
    may=${MAY[$layer]}
    # a header outside db/ never brings in the db layer, but for svc/*_db.h (svc/ alone)
    case $f in db/* | svc/*_db.h) ;; *.h) may=$(echo " $may " | sed 's/ db / /; s/^ //; s/ $//') ;; esac
    while IFS= read -r used; do
      ok=0
      for allowed in $may; do [ "$used" = "$allowed" ] && ok=1; done
      if [ $ok = 0 ] && [ "$layer/$used" = api/db ] && [[ " $(echo $LEGACY) " == *" $f "* ]]; then ok=1; fi
      if [ $ok = 0 ]; then echo "layers: $f includes $used/ (it may use: $may)" >&2; bad=1; fi
    done < <(sed -n 's|^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([a-z]*\)/[^"]*".*|\1|p' "$f" | sort -u)
    if [ "$layer" = api ] && grep -qE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"svc/[a-z_]*_db\.h"' "$f"; then
      echo "layers: $f includes a header that is for svc/ alone (svc/*_db.h)" >&2; bad=1
    fi
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
