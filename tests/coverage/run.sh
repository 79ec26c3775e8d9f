#!/usr/bin/env bash
# tests/coverage/run.sh - the test runs and reports of `make coverage` (tests/coverage.mk builds
# first and calls this from the repository root with COV, COV_UNIT_BINS, COV_JOBS, COV_BROWSER_JOBS).
#   1. deletes the previous counts (build/cov/**/*.gcda, build/cov/js/)
#   2. unit tests, then the integration suite, then the browser suite, all against build/cov/portal
#      (the browser suite also serves build/cov/web and collects V8 coverage into build/cov/js/raw)
#   3. waits until no build/cov/portal process is left (a worker writes its counts when it exits)
#   4. gcovr over fcgi/ and c8 over web/src/js; one summary line each
# Each suite's output goes to build/cov/logs/SUITE.log; its result line is printed. A failing suite
# does not stop the others or the reports, but the script then exits 1.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
COV=${COV:-$ROOT/build/cov}
COV_JOBS=${COV_JOBS:-4}
COV_BROWSER_JOBS=${COV_BROWSER_JOBS:-2}
LOGS=$COV/logs
failed=()
t0=$SECONDS

find "$COV" -name '*.gcda' -delete
rm -rf "$COV/js" "$COV/c" "$LOGS"
mkdir -p "$LOGS" "$COV/js/raw" "$COV/c"

took() { echo "$(( SECONDS - $1 )) s"; }

# the closing counts of node's test runner (# tests N, # pass N, # fail N ...) on one line
node_summary() {
  grep -E '^# (tests|pass|fail|cancelled|skipped) [0-9]+' "$1" | sed 's/^# //' | paste -sd, - | sed 's/,/, /g'
}

# --- unit tests
t=$SECONDS
: > "$LOGS/unit.log"
unit_fail=0
for bin in ${COV_UNIT_BINS:-}; do
  if ! "$bin" >> "$LOGS/unit.log" 2>&1; then unit_fail=$((unit_fail + 1)); echo "coverage: unit test $(basename "$bin") failed" >&2; fi
done
n_unit=$(wc -w <<< "${COV_UNIT_BINS:-}")
echo "coverage: unit tests: $((n_unit - unit_fail)) of $n_unit programs passed ($(took $t); $LOGS/unit.log)"
[ "$unit_fail" = 0 ] || failed+=(unit)

# --- integration suite
t=$SECONDS
(cd tests && PORTAL_BIN="$COV/portal" node --test --test-concurrency="$COV_JOBS" integration/) > "$LOGS/integration.log" 2>&1 \
  || failed+=(integration)
echo "coverage: integration: $(node_summary "$LOGS/integration.log") ($(took $t); $LOGS/integration.log)"

# --- browser suite, with V8 coverage of the pages
t=$SECONDS
(cd tests && PORTAL_BIN="$COV/portal" WEB_ROOT="$COV/web" COVERAGE_DIR="$COV/js/raw" \
  NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--import=$ROOT/tests/coverage/browser-hook.mjs" \
  node --test --test-concurrency="$COV_BROWSER_JOBS" browser/) > "$LOGS/browser.log" 2>&1 \
  || failed+=(browser)
echo "coverage: browser: $(node_summary "$LOGS/browser.log") ($(took $t); $LOGS/browser.log)"

# --- every worker of ours must have exited (through exit(), which writes the counts). A stack a
# crashed test file left running is stopped through its own portalctl; its counts are then written
# too, as its workers leave on SIGTERM.
ours() {
  local p
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/exe" 2>/dev/null)" = "$COV/portal" ] && echo "${p#/proc/}"
  done
}
left=$(ours)
if [ -n "$left" ]; then
  echo "coverage: build/cov/portal still running (pids $(echo $left)); stopping those stacks" >&2
  for pidfile in "$ROOT"/var/test/*/run/portal.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$COV/portal" ] || continue
    VAR_DIR=$(dirname "$(dirname "$pidfile")") fcgi/portalctl stop >/dev/null 2>&1 || true
  done
  for _ in $(seq 100); do [ -z "$(ours)" ] && break; sleep 0.1; done
  [ -z "$(ours)" ] || echo "coverage: still running: $(echo $(ours)); their counts are missing" >&2
fi

# --- reports
t=$SECONDS
c_line="C line coverage: gcovr failed (see $LOGS/gcovr.log)"
if gcovr --root . --filter 'fcgi/' -j 2 --txt "$COV/c/coverage.txt" --html-details "$COV/c/index.html" \
     --json-summary "$COV/c/summary.json" "$COV" > "$LOGS/gcovr.log" 2>&1; then
  c_line=$(node -e '
    const s = require(process.argv[1]);
    const pct = s.line_total ? (100 * s.line_covered / s.line_total).toFixed(1) : "0.0";
    console.log(`C line coverage: ${pct}% (${s.line_covered}/${s.line_total} lines, fcgi/)`);
    console.log(`  unit, integration and browser tests; per file: build/cov/c/coverage.txt, build/cov/c/index.html`);
  ' "$COV/c/summary.json")
else
  cat "$LOGS/gcovr.log" >&2; failed+=(gcovr)
fi
js_line=$(node tests/coverage/js-report.mjs "$COV/js/raw" "$COV/js") || failed+=(js-report)
echo "coverage: reports took $(took $t); the test runs and reports $(took $t0) in all"
echo
echo "$c_line"
echo "$js_line"

if [ ${#failed[@]} -gt 0 ]; then
  echo "coverage: FAILED: ${failed[*]} (the figures above miss what a failing test did not run)" >&2
  exit 1
fi
