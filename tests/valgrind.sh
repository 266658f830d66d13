#!/bin/sh
# make valgrind: memcheck over the seed articles (extract and timeline,
# several threads), the golden tests and the fuzz corpus replays. Any
# memory error or definite/indirect leak fails. Run from the build folder
# of a build without sanitizers (ASan and valgrind do not mix).
set -u
if [ -n "${SAN_CFLAGS:-}" ]; then
  echo "valgrind: this build uses sanitizers; configure one without" >&2
  exit 2
fi
command -v valgrind >/dev/null 2>&1 || { echo "valgrind: not installed" >&2; exit 2; }
vg="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=1"
src=$CX_SRCDIR
tmp=${TMPDIR:-/tmp}/cx-valgrind.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
run() {
  name=$1
  shift
  if "$@" >"$tmp/out" 2>"$tmp/err"; then
    echo "ok   $name"
    pass=$((pass + 1))
  else
    echo "FAIL $name"
    tail -40 "$tmp/err"
    fail=$((fail + 1))
  fi
}
run "extract seeds -j2" $vg ./src/chronex extract -q -j 2 --dct 2023-06-01 -o "$tmp/o" "$src"/seeds/*.txt
run "extract seed, no dct" $vg ./src/chronex extract -q "$src"/seeds/002_*.txt
run "timeline seeds" $vg ./src/chronex timeline -q --dct 2023-06-01 "$src"/seeds/*.txt
run "timeline of outputs" $vg ./src/chronex timeline -q "$tmp"/o/*.json
run "golden tests" $vg ./tests/golden/golden
# helgrind: no data race in loading (two threads compile the date
# patterns while this one reads the gazetteers) nor in a batch whose
# reading thread also does documents (-j 3: two workers and itself)
hg="valgrind -q --tool=helgrind --error-exitcode=1"
i=0
for f in "$src"/seeds/*.txt "$src"/seeds/*.txt "$src"/seeds/*.txt; do
  i=$((i + 1))
  awk -v id="d$i" 'BEGIN { ORS = "" } { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, " ");
       t = t (NR > 1 ? "\\n" : "") $0 }
       END { print "{\"id\":\"" id "\",\"text\":\"" t "\",\"dct\":\"2023-06-01\"}\n" }' "$f"
done >"$tmp/seeds.jsonl"
run "helgrind: batch -j3 and loading" $hg ./src/chronex extract -q -j 3 --no-cache --input-format jsonl --jsonl "$tmp/seeds.jsonl"
run "helgrind: batch -j2 to -o" $hg ./src/chronex extract -q -j 2 --no-cache -o "$tmp/h" "$src"/seeds/*.txt
for r in tests/fuzz/replay_*; do
  case $r in *.*) continue ;; esac # objects
  [ -x "$r" ] && run "$(basename "$r") corpus" $vg "$r"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
