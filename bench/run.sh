#!/bin/sh
# make bench: throughput, speed-up, memory and start-up of chronex against
# the targets of issue 5 (bench/README.md). Prints figures; asserts no
# times (exit 0 unless the harness itself breaks).
#
# Environment (set by `make bench`): CHRONEX, CHRONEX_DATA_DIR, CX_SRCDIR,
# BENCH_WORK (scratch folder under the build tree). Optional: BENCH_EVAL
# (default $CX_SRCDIR/../shared/eval), BENCH_MB (corpus size, default 100),
# BENCH_FILES (default 10000), BENCH_GAZ (user gazetteer entries, default
# 1000000), BENCH_IDLE and BENCH_SETTLE (wait up to BENCH_SETTLE seconds,
# default 120, for the one-minute load average to fall below BENCH_IDLE,
# default 0.5; a warning line says when it did not).
set -u
export LC_ALL=C
CHRONEX=${CHRONEX:-./src/chronex}
CX_SRCDIR=${CX_SRCDIR:-.}
BENCH_WORK=${BENCH_WORK:-./bench-work}
BENCH_EVAL=${BENCH_EVAL:-$CX_SRCDIR/../shared/eval}
BENCH_MB=${BENCH_MB:-100}
BENCH_FILES=${BENCH_FILES:-10000}
BENCH_GAZ=${BENCH_GAZ:-1000000}
BENCH_IDLE=${BENCH_IDLE:-0.5}
BENCH_SETTLE=${BENCH_SETTLE:-120}
TIMEIT=${TIMEIT:-$(dirname "$CHRONEX")/../bench/timeit}
W=$BENCH_WORK

if ! ls "$BENCH_EVAL"/*/*.txt >/dev/null 2>&1; then
  echo "bench: no development sets at $BENCH_EVAL (../shared/eval is missing): skipped"
  echo "bench: set BENCH_EVAL=DIR to a folder of SET/*.txt to run it"
  exit 0
fi
[ -x "$TIMEIT" ] || { echo "bench: $TIMEIT not built (make bench builds it)"; exit 1; }
mkdir -p "$W"
ncpu=$(nproc 2>/dev/null || echo 1)

# fig NAME VALUE UNIT [TARGET]: one aligned line of the report
fig() { printf '%-44s %12s %-6s %s\n' "$1" "$2" "$3" "${4:-}"; }
# calc EXPR: floating point with awk
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
calc4() { awk "BEGIN { printf \"%.4f\", $1 }"; }
# t FIELD "timeit output": median s (1), min s (2), max RSS kB (3),
# status (4), median CPU s (5)
t() { echo "$2" | awk -v f="$1" '{ print $f }'; }

# ---- the corpus: the dev sets, concatenated and repeated ------------------
# corpus.jsonl: one {"id","text","dct"} record an article (how a pipeline
# feeds chronex); corpus.txt: the same texts, for pcre2grep; files/: the
# same texts cut into BENCH_FILES files (how a cron job over a folder does).
want=$((BENCH_MB * 1000000))
if [ ! -s "$W/corpus.jsonl" ] || [ "$(cat "$W/corpus.mb" 2>/dev/null)" != "$BENCH_MB" ]; then
  echo "bench: building a $BENCH_MB MB corpus from $BENCH_EVAL/*/*.txt under $W"
  rm -rf "$W/files" "$W/corpus.jsonl" "$W/corpus.txt"
  for f in "$BENCH_EVAL"/*/*.txt; do
    d=${f%.txt}.dct
    awk -v id="$(basename "$(dirname "$f")")/$(basename "$f" .txt)" \
        -v dct="$(cat "$d" 2>/dev/null | head -c 10)" '
      BEGIN { ORS = "" }
      { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\r/, "")
        gsub(/[\001-\037]/, " "); t = t (NR > 1 ? "\\n" : "") $0 }
      END { print "{\"id\":\"" id "\",\"text\":\"" t "\\n\""
            if (dct ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/) print ",\"dct\":\"" dct "\""
            print "}\n" }' "$f"
  done >"$W/round.jsonl"
  cat "$BENCH_EVAL"/*/*.txt >"$W/round.txt"
  per=$(wc -c <"$W/round.txt")
  reps=$(((want + per - 1) / per))
  k=0
  while [ $k -lt $reps ]; do
    k=$((k + 1))
    sed "s|^{\"id\":\"\\([^\"]*\\)\"|{\"id\":\"r$k/\\1\"|" "$W/round.jsonl"
  done >"$W/corpus.jsonl"
  k=0
  while [ $k -lt $reps ]; do k=$((k + 1)); cat "$W/round.txt"; done >"$W/corpus.txt"
  echo "$BENCH_MB" >"$W/corpus.mb"
  rm -f "$W/round.jsonl" "$W/round.txt"
fi
if [ ! -d "$W/files" ]; then
  mkdir -p "$W/files"
  (cd "$W/files" && split -n "l/$BENCH_FILES" -a 5 -d ../corpus.txt doc. &&
   for f in doc.*; do mv "$f" "$f.txt"; done)
fi
text_bytes=$(wc -c <"$W/corpus.txt")
docs=$(wc -l <"$W/corpus.jsonl")
nfiles=$(ls "$W/files" | wc -l)
mb=$(calc "$text_bytes / 1e6")
echo
echo "chronex $("$CHRONEX" --version | sed 's/^chronex //') bench on $(uname -m), $ncpu cores, $(date -u +%Y-%m-%d)"
echo "corpus: $mb MB of text ($BENCH_EVAL/*/*.txt repeated), $docs articles as JSON Lines; $nfiles files"
echo "MB/s are MB of article text a second of wall time, start-up included;"
echo "\"cpu\" figures divide by user + system time instead (steadier on a busy machine)."
# Figures from a busy machine are not comparable: wait (up to
# BENCH_SETTLE seconds) for the one-minute load average to fall below
# BENCH_IDLE, and say so plainly when it does not.
load1() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0; }
busy() { awk -v l="$(load1)" -v m="$BENCH_IDLE" 'BEGIN { exit !(l > m) }'; }
waited=0
while busy && [ "$waited" -lt "$BENCH_SETTLE" ]; do
  sleep 5
  waited=$((waited + 5))
done
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (waited ${waited} s for it to fall below $BENCH_IDLE)"
if busy; then
  echo "WARNING: the machine is busy (one-minute load $(load1) > $BENCH_IDLE): other work shares the cores and the figures below are low; rerun on a quiet machine"
fi
echo
printf '%-44s %12s %-6s %s\n' "measure" "value" "unit" "target"

# ---- pcre2grep: the yardstick -----------------------------------------------
pat='\b(?:(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:1[89]|20)\d\d)\b'
if command -v pcre2grep >/dev/null 2>&1; then
  r=$("$TIMEIT" -n 3 -- pcre2grep -c "$pat" "$W/corpus.txt")
  grep_mbs=$(calc "$text_bytes / 1e6 / $(t 1 "$r")")
  lines=$(pcre2grep -c "$pat" "$W/corpus.txt")
  fig "pcre2grep -c date pattern ($lines lines)" "$grep_mbs" "MB/s"
  grep_cpu=$(calc "$text_bytes / 1e6 / ($(t 5 "$r") + 1e-9)")
  fig "  per cpu second" "$grep_cpu" "MB/s"
else
  grep_mbs=0
  grep_cpu=0
  fig "pcre2grep (pcre2-utils) not installed" "-" ""
fi

# ---- chronex, one thread, native JSON to a file ---------------------------
r1=$("$TIMEIT" -n 3 -o "$W/out1.jsonl" -- "$CHRONEX" extract -q -j 1 --input-format jsonl --jsonl "$W/corpus.jsonl")
s1=$(t 1 "$r1")
mbs1=$(calc "$text_bytes / 1e6 / $s1")
[ "$(t 4 "$r1")" = 0 ] || echo "  (chronex exited $(t 4 "$r1"))"
fig "chronex -j 1, JSON Lines in, JSON Lines file" "$mbs1" "MB/s" \
  ">= $(calc "$grep_mbs / 4") (0.25 of pcre2grep; now $(calc "$mbs1 / ($grep_mbs + 1e-9)"))"
cpu1=$(calc "$text_bytes / 1e6 / ($(t 5 "$r1") + 1e-9)")
fig "  per cpu second" "$cpu1" "MB/s" \
  ">= $(calc "$grep_cpu / 4") (0.25 of pcre2grep's; now $(calc "$cpu1 / ($grep_cpu + 1e-9)"))"
fig "  output written" "$(calc "$(wc -c <"$W/out1.jsonl") / 1e6")" "MB"
fig "  compromise (JavaScript rules), for reference" "0.17" "MB/s"

# ---- where the one thread's time goes (--report's stage_seconds) ----------
# One more -j 1 run, with --report: its clock reads per stage are not in
# the timed runs above. Each stage's seconds, its share, and the MB/s the
# run would make if it were the only stage, against the time the whole
# run may take at the target.
"$CHRONEX" extract -q -j 1 --input-format jsonl --jsonl --report "$W/stages.json" \
  "$W/corpus.jsonl" >/dev/null
if [ -s "$W/stages.json" ]; then
  fig "where -j 1 spends its time (one more run)" "" "" \
    "(the target allows $(calc "$text_bytes / 1e6 / ($grep_mbs / 4 + 1e-9)") s in all)"
  awk '/"stage_seconds"/ { on = 1; next } on && /}/ { on = 0 }
       on { gsub(/[",:\t]/, " "); print $1, $2 }' "$W/stages.json" >"$W/stages.txt"
  total=$(awk '{ s += $2 } END { printf "%.6f", s }' "$W/stages.txt")
  while read -r name secs; do
    fig "  $name" "$(calc "$secs")" "s" \
      "$(calc "100 * $secs / ($total + 1e-9)")% of the stages; alone $(calc "$text_bytes / 1e6 / ($secs + 1e-9)") MB/s"
  done <"$W/stages.txt"
fi

# ---- -j 2 -----------------------------------------------------------------
r2=$("$TIMEIT" -n 3 -o "$W/out2.jsonl" -- "$CHRONEX" extract -q -j 2 --input-format jsonl --jsonl "$W/corpus.jsonl")
mbs2=$(calc "$text_bytes / 1e6 / $(t 1 "$r2")")
fig "chronex -j 2, same" "$mbs2" "MB/s"
fig "  speed-up -j 2 over -j 1" "$(calc "$mbs2 / $mbs1")" "x" ">= 1.7"
fig "  cpu time -j 2 / -j 1 (thread overhead)" "$(calc "$(t 5 "$r2") / $(t 5 "$r1")")" "x" "(1.00 = none)"
if cmp -s "$W/out1.jsonl" "$W/out2.jsonl"; then same=yes; else same=NO; fi
fig "  -j 2 output identical to -j 1" "$same" ""
if [ "$ncpu" -gt 2 ]; then
  rn=$("$TIMEIT" -n 1 -- "$CHRONEX" extract -q -j "$ncpu" --input-format jsonl --jsonl "$W/corpus.jsonl")
  fig "chronex -j $ncpu" "$(calc "$text_bytes / 1e6 / $(t 1 "$rn")")" "MB/s"
fi

# ---- 10,000 files: memory, and throughput the cron way --------------------
rm -rf "$W/out-files"
rf=$("$TIMEIT" -n 1 -- "$CHRONEX" extract -q -j 2 -o "$W/out-files" "$W/files")
fig "chronex -j 2, $nfiles files to -o DIR" "$(calc "$text_bytes / 1e6 / $(t 1 "$rf")")" "MB/s"
fig "  peak memory (max RSS)" "$(calc "$(t 3 "$rf") / 1024")" "MB" "< 64"
rf1=$("$TIMEIT" -n 1 -- "$CHRONEX" extract -q -j 2 -o "$W/out-one" "$W/files/doc.00000.txt")
fig "  peak memory for one of those files" "$(calc "$(t 3 "$rf1") / 1024")" "MB"
rj=$("$TIMEIT" -n 1 -- "$CHRONEX" extract -q -j 2 --input-format jsonl --jsonl "$W/corpus.jsonl")
fig "  peak memory, whole corpus as JSON Lines -j 2" "$(calc "$(t 3 "$rj") / 1024")" "MB" "< 64"

# ---- start-up ---------------------------------------------------------------
# As a nightly job starts: the gazetteer image (docs/HACKING.md) written by
# an earlier run; then without one (--no-cache: the lists parsed, as on a
# first run or after the data changed).
: >"$W/empty.txt"
"$CHRONEX" extract -q "$W/empty.txt" >/dev/null
rs=$("$TIMEIT" -n 21 -- "$CHRONEX" extract -q "$W/empty.txt")
fig "start-up: extract an empty file (median of 21)" "$(calc "$(t 1 "$rs") * 1000")" "ms" "< 50"
fig "  fastest of 21" "$(calc "$(t 2 "$rs") * 1000")" "ms"
fig "  cpu time (median)" "$(calc "$(t 5 "$rs") * 1000")" "ms"
rn=$("$TIMEIT" -n 21 -- "$CHRONEX" extract -q --no-cache "$W/empty.txt")
fig "  without the gazetteer image (median of 21)" "$(calc "$(t 1 "$rn") * 1000")" "ms"
fig "  cpu time (median)" "$(calc "$(t 5 "$rn") * 1000")" "ms"
rv=$("$TIMEIT" -n 21 -- "$CHRONEX" --version)
fig "  process start alone (chronex --version)" "$(calc "$(t 1 "$rv") * 1000")" "ms"

# ---- a one-million-entry user gazetteer ---------------------------------------
gz="$W/gaz-$BENCH_GAZ.lst"
if [ ! -s "$gz" ]; then
  awk -v n="$BENCH_GAZ" 'BEGIN {
    print "# chronex bench: synthetic company names (generated by bench/run.sh)"
    print "# category: ORG.company"
    split("ka lo mi ne ru sa ti vo ze bra cle dri fen gor hul jin kor lum mar nov pel quin ros tav ulm ver wex yor zan", s, " ")
    m = 0; for (i in s) m++
    for (i = 0; i < n; i++) {
      a = i % m + 1; b = int(i / m) % m + 1; c = int(i / (m * m)) % m + 1; d = int(i / (m * m * m)) % m + 1
      w1 = toupper(substr(s[a], 1, 1)) substr(s[a], 2) s[b] s[c]
      w2 = toupper(substr(s[d], 1, 1)) substr(s[d], 2) s[a]
      print w1 " " w2 " Holdings"
    }
  }' >"$gz"
fi
rg0=$("$TIMEIT" -n 3 -- "$CHRONEX" extract -q --no-cache --gazetteer "$gz" "$W/empty.txt")
fig "start-up with a $(calc "$BENCH_GAZ / 1e6")M-entry user gazetteer" "$(calc "$(t 1 "$rg0") * 1000")" "ms" "< 1000"
fig "  cpu time (median)" "$(calc "$(t 5 "$rg0") * 1000")" "ms"
fig "  its peak memory" "$(calc "$(t 3 "$rg0") / 1024")" "MB"
"$CHRONEX" extract -q --gazetteer "$gz" "$W/empty.txt" >/dev/null
rg=$("$TIMEIT" -n 5 -- "$CHRONEX" extract -q --gazetteer "$gz" "$W/empty.txt")
fig "  the same with its gazetteer image" "$(calc "$(t 1 "$rg") * 1000")" "ms"
head -c 40000000 "$W/corpus.jsonl" | sed '$d' >"$W/slice.jsonl"
slice=$(awk 'END { print NR }' "$W/slice.jsonl")
# extraction alone: take the start-up off both; by CPU time, as wall time
# on a shared machine varies by more than the effect measured. The two
# runs take turns, five pairs, and the figure is the median of the five
# pairs' ratios: this machine's speed drifts by 10-20% from one run to the
# next, which three runs of one then three of the other took for an
# effect (the same binary showed -5% to +20% from one bench to the next).
ratios="" wratios=""
for i in 1 2 3 4 5; do
  ra=$("$TIMEIT" -n 1 -- "$CHRONEX" extract -q -j 1 --input-format jsonl --jsonl "$W/slice.jsonl")
  rb=$("$TIMEIT" -n 1 -- "$CHRONEX" extract -q -j 1 --gazetteer "$gz" --input-format jsonl --jsonl "$W/slice.jsonl")
  ratios="$ratios $(calc4 "($(t 5 "$rb") - $(t 5 "$rg")) / ($(t 5 "$ra") - $(t 5 "$rs"))")"
  wratios="$wratios $(calc4 "($(t 1 "$rb") - $(t 1 "$rg")) / ($(t 1 "$ra") - $(t 1 "$rs"))")"
done
median() { echo "$1" | tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
fig "extraction slow-down with it (cpu)" "$(calc "($(median "$ratios") - 1) * 100")" "%" "< 20"
fig "  by wall time" "$(calc "($(median "$wratios") - 1) * 100")" "%"
fig "  the five pairs (cpu ratio)" "$(echo $ratios)" ""

echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) (chronex itself adds up to 2 while it runs)"
echo "bench: done (figures only; nothing asserted)"
