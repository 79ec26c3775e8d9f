#!/usr/bin/env bash
# run.sh - `make bench`: throughput and latency of representative endpoints, measured with wrk in
# one run against a private stack (var/bench) with the default workers, and printed as ratios
# against this machine's own limits measured in the same run: nginx serving a static file, and
# /api/v1/ping (nginx -> FastCGI -> a worker that does no work).
#   Targets (reported, not asserted): ping >= 0.4 x static, calls >= 0.3 x ping, zero non-2xx,
#   p99 under 20 ms at 64 connections.
# Environment: DURATION (seconds per endpoint, default 10), CONNECTIONS (64), THREADS (2).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
export VAR_DIR=$ROOT/var/bench
export PORT=${BENCH_PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
export DB_PORT= WORKERS=${WORKERS:-0} MAX_REQUESTS=${MAX_REQUESTS:-100000}
base="http://127.0.0.1:$PORT"

"$ROOT/fcgi/portalctl" start >/dev/null
trap '"$ROOT/fcgi/portalctl" stop >/dev/null 2>&1 || true' EXIT

to_ms() { # wrk latency like 512.00us, 1.23ms, 1.01s
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

declare -A RPS P50 P99 BAD
measure() { # name path
  local name=$1 path=$2 out
  wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "$base$path" >/dev/null 2>&1 || true   # warm-up
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$base$path")
  RPS[$name]=$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")
  P50[$name]=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
  P99[$name]=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
  BAD[$name]=$(awk '/Non-2xx or 3xx/ { n += $NF } /Socket errors/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' <<<"$out")
}

workers=$(awk -F' = ' '$1 == "workers" { print $2 }' "$VAR_DIR/etc/portal.conf")
[ "$workers" = 0 ] && workers="$((2 * $(nproc))) (2 per core)"
echo "make bench: $(nproc) cores, $workers workers, $CONNECTIONS connections, ${DURATION}s per endpoint"
measure static /index.html
measure ping /api/v1/ping
measure calls "/api/v1/calls?status=open"

printf '\n%-8s %12s %10s %10s %8s\n' endpoint "requests/s" "p50 ms" "p99 ms" non-2xx
for n in static ping calls; do
  printf '%-8s %12s %10s %10s %8s\n' "$n" "${RPS[$n]}" "${P50[$n]}" "${P99[$n]}" "${BAD[$n]}"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
r1=$(ratio "${RPS[ping]}" "${RPS[static]}")
r2=$(ratio "${RPS[calls]}" "${RPS[ping]}")
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v >= t ? "meets" : "BELOW") }'; }
echo
echo "ping/static  = $r1   (target >= 0.40: $(verdict "$r1" 0.4))"
echo "calls/ping   = $r2   (target >= 0.30: $(verdict "$r2" 0.3))"
for n in ping calls; do
  echo "p99 $n = ${P99[$n]} ms   (target < 20 ms: $(awk -v v="${P99[$n]}" 'BEGIN { print (v < 20 ? "meets" : "ABOVE") }'))"
done
echo "non-2xx total = $(( ${BAD[static]} + ${BAD[ping]} + ${BAD[calls]} ))   (target 0)"
