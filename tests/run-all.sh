#!/bin/sh
# The whole test suite, as CI runs it (README: "Run the tests").
# Builds out of tree twice: a plain build (make check, make distcheck) and
# one with AddressSanitizer + UndefinedBehaviorSanitizer (make check).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
[ -x configure ] || autoreconf -fi
jobs=$(nproc 2>/dev/null || echo 2)

mkdir -p build/plain
(cd build/plain && ../../configure -q && make -s -j"$jobs" && make -s -j"$jobs" check)
# TimelineJS, vis-timeline and the HTML report in headless chromium
# (needs tests/browser/node_modules: .ci/run installs it)
(cd build/plain && make -s check-browser)
# memcheck over the seeds, the golden tests and the fuzz corpora
# (docs/robustness.md); .ci/run installs valgrind
if [ "${CX_SKIP_VALGRIND:-0}" != 1 ] && command -v valgrind >/dev/null 2>&1; then
  (cd build/plain && make -s valgrind)
fi

if [ "${CX_SKIP_SANITIZERS:-0}" != 1 ]; then
  mkdir -p build/asan
  (cd build/asan && ../../configure -q --enable-sanitizers && make -s -j"$jobs" &&
   ASAN_OPTIONS=detect_leaks=1 make -s -j"$jobs" check)
fi
echo "run-all: all test suites passed"
