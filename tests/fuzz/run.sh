#!/bin/sh
# run.sh SECONDS DIR NAME MAX_LEN - runs the harness DIR/NAME for SECONDS seconds on DIR/corpus/NAME
# (the committed seeds tests/fuzz/corpus/NAME/ copied in first; what it finds stays there), logging to
# DIR/NAME.log and a one-line result to DIR/NAME.summary. Exits 1 on any crash, leak, UBSan report,
# timeout or out-of-memory, after printing the end of the log and where the input that caused it is.
# Called by tests/fuzz/fuzz.mk (make fuzz / make fuzz-short), two at a time.
set -u
secs=$1 dir=$2 name=$3 maxlen=$4
corpus=$dir/corpus/$name log=$dir/$name.log art=$dir/artifacts

mkdir -p "$corpus" "$art"
cp tests/fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null
rm -f "$art/$name"-*

dict=tests/fuzz/dict/$name.dict
[ -f "$dict" ] && dictopt="-dict=$dict" || dictopt=
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:allocator_may_return_null=0:symbolize=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:abort_on_error=0 \
  "$dir/$name" -max_total_time="$secs" -max_len="$maxlen" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 $dictopt -artifact_prefix="$art/$name-" "$corpus" >"$log" 2>&1
rc=$?

execs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
units=$(sed -n 's/^stat::new_units_added: *//p' "$log")
files=$(find "$corpus" -type f | wc -l)
cov=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1, ft \2/p')
if [ $rc -eq 0 ]; then
  res=ok
else
  res="FAILED (exit $rc)"
fi
printf '  fuzz  %-10s %s: %s exec/s, corpus %s files (%s new), %s\n' "$name" "$res" "${execs:-?}" "$files" \
  "${units:-?}" "${cov:-no coverage line}" | tee "$dir/$name.summary"
if [ $rc -ne 0 ]; then
  echo "---- $log (end) ----"
  grep -v '^#[0-9]' "$log" | tail -n 60
  for f in "$art/$name"-*; do
    [ -e "$f" ] && echo "  reproduce: $dir/$name $f"
  done
  exit 1
fi
exit 0
