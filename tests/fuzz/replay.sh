#!/bin/sh
# replay.sh DIR - runs every input of tests/fuzz/crashes/NAME/ once through its harness DIR/NAME.
# These are bugs the harnesses found in fcgi/; each stays as a regression input after its fix.
# Exits 1 while any of them still fails. Called by tests/fuzz/fuzz.mk.
set -u
dir=$1 rc=0
for d in tests/fuzz/crashes/*/; do
  [ -d "$d" ] || continue
  name=$(basename "$d")
  for f in "$d"*; do
    [ -f "$f" ] || continue
    if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$dir/$name" "$f" >"$dir/replay.log" 2>&1; then
      echo "  fuzz  replay $f: passes"
    else
      echo "  fuzz  replay $f: FAILS"
      grep -a -m 3 -E 'invariant|ERROR|runtime error|not valid' "$dir/replay.log" | sed 's/^/        /'
      rc=1
    fi
  done
done
exit $rc
