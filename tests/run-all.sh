#!/bin/sh
# The whole test suite, as CI runs it (README: "Run the tests").
# Builds out of tree: build/plain (make check, check-browser, valgrind) and
# build/asan with AddressSanitizer + UndefinedBehaviorSanitizer (make check).
# Ends with "run-all: N passed, M failed", N and M counted over all suites.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
[ -x configure ] || autoreconf -fi
jobs=$(nproc 2>/dev/null || echo 2)
passed=0
failed=0
# count SUITE-LOG: adds the suite's "# PASS:" and "# FAIL:"/"# ERROR:" counts
count() {
  p=$(sed -n 's/^# PASS: *//p' "$1" | head -n 1)
  f=$(sed -n 's/^# \(FAIL\|ERROR\|XPASS\): *//p' "$1" | awk '{s += $1} END {print s + 0}')
  passed=$((passed + ${p:-0}))
  failed=$((failed + f))
}
finish() {
  echo "run-all: $passed passed, $failed failed"
  [ "$failed" = 0 ] && [ "$1" = 0 ]
  exit $?
}

mkdir -p build/plain
status=0
(cd build/plain && ../../configure -q && make -s -j"$jobs" && make -s -j"$jobs" check) || status=1
[ -f build/plain/test-suite.log ] && count build/plain/test-suite.log
[ "$status" = 0 ] || finish 1

# TimelineJS, vis-timeline and the HTML report in headless chromium
# (needs tests/browser/node_modules: .ci/run installs it)
out=$( (cd build/plain && make -s check-browser) 2>&1) || status=1
printf '%s\n' "$out"
b=$(printf '%s\n' "$out" | sed -n 's/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\1 \2/p' | tail -n 1)
[ -n "$b" ] || { echo "run-all: check-browser printed no count"; status=1; b="0 1"; }
passed=$((passed + ${b%% *}))
failed=$((failed + ${b##* }))
[ "$status" = 0 ] || finish 1

# memcheck over the seeds, the golden tests and the fuzz corpora
# (docs/robustness.md); .ci/run installs valgrind
if [ "${CX_SKIP_VALGRIND:-0}" != 1 ] && command -v valgrind >/dev/null 2>&1; then
  if (cd build/plain && make -s valgrind); then passed=$((passed + 1)); else finish 1; fi
fi

if [ "${CX_SKIP_SANITIZERS:-0}" != 1 ]; then
  mkdir -p build/asan
  (cd build/asan && ../../configure -q --enable-sanitizers && make -s -j"$jobs" &&
   ASAN_OPTIONS=detect_leaks=1 make -s -j"$jobs" check) || status=1
  [ -f build/asan/test-suite.log ] && count build/asan/test-suite.log
fi
finish "$status"
