#!/bin/sh
# Past one machine (issue 5, docs/distributed.md): runs the GNU parallel
# recipes for real and checks that their merged timeline is byte for byte
# the one a single process writes. The recipes under test are the ones the
# document shows: --pipe over JSON Lines, chronex as mapper and as a
# partial reducer, `chronex timeline` as the final reducer; --sshlogin with
# ":" (this machine, through parallel's remote code path); and the Hadoop
# Streaming shape (mapper | sort | reducer) simulated with sort.
#
# Environment (set by make check): CHRONEX, CX_SRCDIR. Fails (not skips)
# without GNU parallel (Debian package "parallel").
set -u
CHRONEX=${CHRONEX:-./src/chronex}
CX_SRCDIR=${CX_SRCDIR:-.}
export LC_ALL=C
if ! parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
  echo "FAIL: GNU parallel not installed (apt-get install parallel; .ci/run installs it)"
  echo "0 passed, 1 failed"
  exit 1
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/cx-dist.XXXXXX") || exit 99
[ -n "${CX_KEEP:-}" ] || trap 'rm -rf "$T"' EXIT INT TERM
# parallel keeps state in $HOME/.parallel; keep it out of the user's home
HOME=$T/home; export HOME; mkdir -p "$HOME/.parallel"; touch "$HOME/.parallel/will-cite"
PATH=$(dirname "$CHRONEX"):$PATH; export PATH
cx=$(basename "$CHRONEX")
. "${CX_SRCDIR:-.}/tests/cli/lib.sh"
jstr() {
  awk 'BEGIN { ORS = "" ; print "\"" }
       { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\r/, "");
         if (NR > 1) print "\\n"; print }
       END { print "\"" }' "$1"
}

# ---- a corpus as JSON Lines: the seeds and short texts, each several times
# under different ids (so the same event told by many "documents" merges)
mkdir -p "$T/texts"
cp "$CX_SRCDIR"/seeds/*.txt "$T/texts/"
cat >"$T/texts/ecb.txt" <<'EOF'
FRANKFURT, March 3 (Reuters) - The European Central Bank raised interest rates by half a point on March 2, 2023, President Christine Lagarde said.
The bank first raised rates in July 2022.
EOF
cat >"$T/texts/ecb2.txt" <<'EOF'
The European Central Bank increased interest rates by half a point on March 2, 2023, said Christine Lagarde.
EOF
cat >"$T/texts/apple.txt" <<'EOF'
Apple Inc announced a new headquarters in Austin, Texas on May 5, 2022.
EOF
n=0
for k in 1 2 3 4 5 6; do
  for f in "$T"/texts/*.txt; do
    n=$((n + 1))
    id="$(basename "$f" .txt)-$k"
    if [ $((n % 3)) = 0 ]; then dct=',"dct":"2023-06-01"'; else dct=''; fi
    printf '{"id":"%s","text":%s%s,"feed":"test"}\n' "$id" "$(jstr "$f")" "$dct"
  done
done >"$T/corpus.jsonl"
echo "  corpus: $n documents, $(wc -c <"$T/corpus.jsonl") bytes"

# ---- the single-process reference ----------------------------------------
"$cx" timeline -q -j 1 --input-format jsonl "$T/corpus.jsonl" >"$T/ref.json"
"$cx" extract -q -j 1 --input-format jsonl --jsonl "$T/corpus.jsonl" >"$T/ref.jsonl"
check "reference timeline written" test -s "$T/ref.json"
entries=$(grep -c '"sources":' "$T/ref.json")
echo "  reference timeline: $entries entries"

# ---- recipe 1: extract in parallel, keep order, merge once ---------------
parallel --will-cite --pipe -N 5 --keep-order -j 3 \
  "$cx" extract -q -j 1 --input-format jsonl --jsonl - <"$T/corpus.jsonl" >"$T/par.jsonl"
# only "source" differs: "<stdin>:LINE" counts lines within a job's block
nosrc() { sed 's/"source":"[^"]*",//' "$1"; }
nosrc "$T/ref.jsonl" >"$T/ref.nosrc"; nosrc "$T/par.jsonl" >"$T/par.nosrc"
check "parallel --pipe extract: same JSON Lines as one process, in order" same "$T/ref.nosrc" "$T/par.nosrc"
"$cx" timeline -q --input-format json "$T/par.jsonl" >"$T/t1.json"
check "parallel --pipe extract, one merge: same timeline" same "$T/ref.json" "$T/t1.json"

# ---- recipe 2: map to partial timelines in any order, reduce ---------------
parallel --will-cite --pipe -N 4 -j 4 \
  "$cx" timeline -q -j 1 --jsonl --input-format jsonl - <"$T/corpus.jsonl" >"$T/partials.jsonl"
check "partial timelines: one a job" test "$(wc -l <"$T/partials.jsonl")" -eq $(((n + 3) / 4))
"$cx" timeline -q --input-format json - <"$T/partials.jsonl" >"$T/t2.json"
check "parallel map to partial timelines + reduce: same timeline" same "$T/ref.json" "$T/t2.json"

# ---- recipe 3: a tree of reducers (partials of partials) ------------------
parallel --will-cite --pipe -N 3 -j 2 \
  "$cx" timeline -q --jsonl --input-format json - <"$T/partials.jsonl" >"$T/partials2.jsonl"
"$cx" timeline -q --input-format json "$T/partials2.jsonl" >"$T/t3.json"
check "two levels of reducers: same timeline" same "$T/ref.json" "$T/t3.json"

# ---- recipe 4: --sshlogin (":" is this machine, via the remote code path) -
parallel --will-cite --pipe -N 6 --sshlogin 2/: \
  "$cx" timeline -q -j 1 --jsonl --input-format jsonl - <"$T/corpus.jsonl" >"$T/partials3.jsonl"
"$cx" timeline -q --input-format json - <"$T/partials3.jsonl" >"$T/t4.json"
check "parallel --sshlogin 2/: map + reduce: same timeline" same "$T/ref.json" "$T/t4.json"

# ---- recipe 5: Hadoop Streaming's shape: mapper | sort | reducer ----------
# Hadoop hands the reducer "key<TAB>value" lines sorted by key; chronex's
# mapper output has no tab, so the whole line is the key. Simulate it.
split -l 7 "$T/corpus.jsonl" "$T/split."
for s in "$T"/split.*; do
  "$cx" extract -q -j 1 --input-format jsonl --jsonl - <"$s" | sed 's/$/\t/'
done | sort >"$T/shuffled"
"$cx" timeline -q --input-format json - <"$T/shuffled" >"$T/t5.json"
check "Hadoop Streaming shape (mapper | sort | reducer): same timeline" same "$T/ref.json" "$T/t5.json"

# ---- recipe 6: Spark RDD.pipe shape: each partition piped through the
# mapper, partials collected and reduced
for s in "$T"/split.*; do
  "$cx" timeline -q -j 1 --jsonl --input-format jsonl - <"$s"
done | sort -r >"$T/spark.jsonl"
"$cx" timeline -q --input-format json - <"$T/spark.jsonl" >"$T/t6.json"
check "Spark RDD.pipe shape (partials in any order): same timeline" same "$T/ref.json" "$T/t6.json"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
