#!/bin/sh
# Runs libFuzzer targets for a while each and sums up what they did.
#   run-fuzz.sh BUILDDIR SRCDIR SECONDS JOBS TARGET...
# BUILDDIR holds tests/fuzz/fuzz_<target> (make fuzz builds it). Each
# target starts from the committed corpus tests/fuzz/corpus/<target>/ and
# grows BUILDDIR/corpus/<target>/; findings go to BUILDDIR/crashes/<target>/
# and the log to BUILDDIR/logs/<target>.log. JOBS targets run at once.
# Exit status 1 when any target found a crash, leak or timeout.
set -u
build=$1 src=$2 secs=$3 jobs=$4
shift 4
CHRONEX_DATA_DIR=${CHRONEX_DATA_DIR:-$src/data}
CX_SRCDIR=$src
export CHRONEX_DATA_DIR CX_SRCDIR
cd "$build" || exit 2

run_one() {
  t=$1
  mkdir -p "corpus/$t" "crashes/$t" logs
  case $t in
    document|normalize|extract) d=dates ;;
    timeline_json|jsonl) d=json ;;
    *) d=$t ;;
  esac
  dict=
  [ -f "$src/tests/fuzz/$d.dict" ] && dict="-dict=$src/tests/fuzz/$d.dict"
  # the JSONL reader reports bad records on stderr, as the CLI does
  quiet=
  [ "$t" = jsonl ] && quiet=-close_fd_mask=2
  ./tests/fuzz/fuzz_"$t" -max_total_time="$secs" -timeout=20 -rss_limit_mb=4096 \
    -max_len=16384 -print_final_stats=1 -artifact_prefix="crashes/$t/" $dict $quiet \
    "corpus/$t" "$src/tests/fuzz/corpus/$t" >"logs/$t.log" 2>&1
}

running=0
for t in "$@"; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait
    running=0
  fi
done
wait

status=0
printf '%-14s %12s %8s %8s %8s %s\n' target executions cov ft corpus findings
for t in "$@"; do
  log=logs/$t.log
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  line=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1)
  cov=$(echo "$line" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
  ft=$(echo "$line" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
  ncorp=$(ls "corpus/$t" | wc -l)
  nfind=$(ls "crashes/$t" | wc -l)
  printf '%-14s %12s %8s %8s %8s %s\n' "$t" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$ncorp" "$nfind"
  if [ "$nfind" -gt 0 ] || grep -q 'ERROR: libFuzzer\|==ERROR: \|SUMMARY: ' "$log"; then
    status=1
    echo "  $t: see $build/$log and $build/crashes/$t/"
  fi
done
exit $status
