#!/bin/sh
# Batch runs (issue 5): files, folders, stdin, JSON Lines in and out,
# -j N giving byte-identical ordered output, --incremental, --report,
# exit codes, flat memory, and the timeline merge as a reducer: the
# timeline of the whole equals the merge of the timelines of its parts,
# however the parts are grouped and ordered.
#
# Environment (set by make check): CHRONEX, CHRONEX_DATA_DIR, CX_SRCDIR.
# Needs only a POSIX shell, cmp, diff, grep, sed, awk, split; /usr/bin/time
# (Debian's "time") for the memory check, which fails without it.
set -u
CHRONEX=${CHRONEX:-./src/chronex}
CX_SRCDIR=${CX_SRCDIR:-.}
export LC_ALL=C
T=$(mktemp -d "${TMPDIR:-/tmp}/cx-batch.XXXXXX") || exit 99
[ -n "${CX_KEEP:-}" ] || trap 'rm -rf "$T"' EXIT INT TERM
. "${CX_SRCDIR:-.}/tests/cli/lib.sh"
# status NAME WANT COMMAND...: passes when the command exits WANT
status() {
  name=$1 want=$2; shift 2
  "$@" >"$T/last.out" 2>"$T/last.err"; got=$?
  if [ "$got" = "$want" ]; then ok "$name (exit $got)"; else
    no "$name: exit $got, want $want"; sed 's/^/  | /' "$T/last.err" | head -5; fi
}
# rnum KEY FILE: a number from a --report file
rnum() { sed -n "s/^[[:space:]]*\"$1\":[[:space:]]*\\([0-9][0-9.e+-]*\\).*/\\1/p" "$2" | head -1; }
# counts FILE DOCS WRITTEN SKIPPED FAILED
counts() {
  got="$(rnum documents "$1") $(rnum written "$1") $(rnum skipped "$1") $(rnum failed "$1")"
  [ "$got" = "$2 $3 $4 $5" ] || { echo "  report counts: $got, want $2 $3 $4 $5"; return 1; }
}
# a JSON string of a text file's contents (ASCII control characters other
# than tab and newline must not occur; UTF-8 passes through)
jstr() {
  awk 'BEGIN { ORS = "" ; print "\"" }
       { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\r/, "");
         if (NR > 1) print "\\n"; print }
       END { print "\"" }' "$1"
}
cx() { "$CHRONEX" "$@"; }

seeds="$CX_SRCDIR/seeds"
[ -d "$seeds" ] || { echo "no seeds folder at $seeds"; echo "0 passed, 1 failed"; exit 1; }

# ---- short texts with shared events (written for this test) ---------------
mkdir -p "$T/texts"
cat >"$T/texts/ecb-a.txt" <<'EOF'
FRANKFURT, March 3 (Reuters) - The European Central Bank raised interest rates by half a point on March 2, 2023, its third increase this year, President Christine Lagarde said.
Inflation in the euro zone reached 8.5 percent in February 2023.
The bank first raised rates in July 2022 after a decade of negative rates.
EOF
cat >"$T/texts/ecb-b.txt" <<'EOF'
The European Central Bank increased its interest rates by half a point on March 2, 2023, said Christine Lagarde, the bank's president.
Economists at Deutsche Bank had expected the move since January 2023.
The ECB began raising rates in July 2022.
EOF
cat >"$T/texts/apple-a.txt" <<'EOF'
Apple Inc announced a new headquarters in Austin, Texas on May 5, 2022.
Chief executive Tim Cook said the campus would open in 2024.
EOF
cat >"$T/texts/apple-b.txt" <<'EOF'
On May 5, 2022, Apple announced its new Austin headquarters, creating 5,000 jobs.
The company opened its first store in Texas in 2005.
EOF
cat >"$T/texts/storm.txt" <<'EOF'
A storm closed schools across Bavaria on March 2, 2023, officials in Munich said.
The last storm of that strength hit the region in 1999.
EOF
cat >"$T/texts/quiet.txt" <<'EOF'
Nothing happened here at all.
EOF
cp "$seeds"/*.txt "$T/texts/"
texts=$(ls "$T/texts"/*.txt)
ntexts=$(echo "$texts" | wc -l)

# ---- files, stdin ---------------------------------------------------------
status "files to -o" 0 cx extract -q --dct 2023-06-01 -o "$T/o1" $texts
check "one output a file" test "$(ls "$T/o1" | wc -l)" -eq "$ntexts"
check "output named after input" test -s "$T/o1/002_913260496bae7749.json"
check "output records id" grep -q '"id":[[:space:]]*"002_913260496bae7749"' "$T/o1/002_913260496bae7749.json"
check "output records input and data hash" sh -c \
  "grep -q '\"input_hash\"' '$T/o1/ecb-a.json' && grep -q '\"data_hash\"' '$T/o1/ecb-a.json' && grep -q '\"version\"' '$T/o1/ecb-a.json'"
check "no temporary files left" test -z "$(find "$T/o1" -name '*.tmp*')"

cx extract --dct 2023-06-01 --jsonl "$T/texts/ecb-a.txt" | sed 's/"id":"[^"]*","source":"[^"]*"//' >"$T/file.jl"
cx extract --dct 2023-06-01 --jsonl - <"$T/texts/ecb-a.txt" | sed 's/"id":"[^"]*","source":"[^"]*"//' >"$T/stdin.jl"
check "stdin - equals the file" same "$T/file.jl" "$T/stdin.jl"
check "stdin document is named stdin" sh -c "cx() { \"$CHRONEX\" \"\$@\"; }; cx extract --jsonl - <'$T/texts/quiet.txt' | grep -q '\"id\":\"stdin\",\"source\":\"-\"'"
status "stdin to -o" 0 cx extract -q -o "$T/ostdin" - <"$T/texts/quiet.txt"
check "stdin to -o writes stdin.json" test -s "$T/ostdin/stdin.json"

# ---- folders --------------------------------------------------------------
mkdir -p "$T/tree/2023/03" "$T/tree/2022/05/late" "$T/tree/.git"
cp "$T/texts/ecb-a.txt" "$T/tree/2023/03/ecb.txt"
cp "$T/texts/storm.txt" "$T/tree/2023/03/storm.txt"
cp "$T/texts/apple-a.txt" "$T/tree/2022/05/apple.txt"
cp "$T/texts/apple-b.txt" "$T/tree/2022/05/late/apple.txt"
cp "$T/texts/quiet.txt" "$T/tree/2022/05/notes.md"
cp "$T/texts/quiet.txt" "$T/tree/.git/hidden.txt"
cp "$T/texts/quiet.txt" "$T/tree/.hidden.txt"
status "folder with --include" 0 cx extract -q --include '*.txt' -o "$T/o2" "$T/tree"
check "tree mirrored under -o" sh -c "cd '$T/o2' && find . -type f | sort | tr '\n' ' ' | grep -qx './2022/05/apple.json ./2022/05/late/apple.json ./2023/03/ecb.json ./2023/03/storm.json '"
check "same name in two subfolders: two document ids" sh -c \
  "grep -q '\"id\":[[:space:]]*\"2022/05/apple\"' '$T/o2/2022/05/apple.json' && grep -q '\"id\":[[:space:]]*\"2022/05/late/apple\"' '$T/o2/2022/05/late/apple.json'"
cx extract --include '*.txt' --include '*.md' --jsonl "$T/tree" >"$T/tree.jl" 2>/dev/null
check "two --include globs" test "$(wc -l <"$T/tree.jl")" -eq 5
check "folder walked in name order" sh -c \
  "sed 's/^{\"document\":{\"id\":\"\\([^\"]*\\)\".*/\\1/' '$T/tree.jl' | tr '\n' ' ' | grep -qx '2022/05/apple 2022/05/late/apple 2022/05/notes 2023/03/ecb 2023/03/storm '"

# ---- JSON Lines in, JSON Lines out ------------------------------------------
{
  printf '{"id":"ecb-a","text":%s,"dct":"2023-03-03","url":"https://example.org/ecb","tags":["rates","ecb"]}\n' "$(jstr "$T/texts/ecb-a.txt")"
  printf '\n'
  printf '{"id":"apple-b","text":%s,"lang":"en"}\n' "$(jstr "$T/texts/apple-b.txt")"
  printf '{"id":"seed","text":%s,"dct":"2023-06-01"}\n' "$(jstr "$seeds/002_913260496bae7749.txt")"
} >"$T/in.jsonl"
status "jsonl in, jsonl out" 0 cx extract -q --input-format jsonl --jsonl "$T/in.jsonl"
cp "$T/last.out" "$T/out.jsonl"
check "one line a record" test "$(wc -l <"$T/out.jsonl")" -eq 3
check "records in input order" sh -c \
  "sed 's/^{\"document\":{\"id\":\"\\([^\"]*\\)\".*/\\1/' '$T/out.jsonl' | tr '\n' ' ' | grep -qx 'ecb-a apple-b seed '"
check "extra fields passed through into document" sh -c \
  "head -1 '$T/out.jsonl' | grep -q '\"url\":\"https://example.org/ecb\"' && head -1 '$T/out.jsonl' | grep -q '\"tags\":\\[\"rates\",\"ecb\"\\]' && sed -n 2p '$T/out.jsonl' | grep -q '\"lang\":\"en\"'"
check "record dct used" sh -c "head -1 '$T/out.jsonl' | grep -q '\"dct\":\"2023-03-03\",\"dct_source\":\"option\"'"
check "jsonl record equals the text file" sh -c \
  "cx() { \"$CHRONEX\" \"\$@\"; }; cx extract --dct 2023-06-01 --jsonl '$seeds/002_913260496bae7749.txt' | sed 's/^{\"document\":{[^}]*}}//' >'$T/s1'; sed -n 3p '$T/out.jsonl' | sed 's/^{\"document\":{[^}]*}}//' >'$T/s2'; cmp -s '$T/s1' '$T/s2'"
cx extract -q --input-format jsonl "$T/in.jsonl" >"$T/out-default.jsonl"
check "jsonl input prints one document a line without --jsonl too" same "$T/out.jsonl" "$T/out-default.jsonl"
cx extract -q --input-format jsonl --jsonl - <"$T/in.jsonl" >"$T/out-stdin.jsonl"
sed 's/"source":"[^"]*"//' "$T/out.jsonl" >"$T/a1"; sed 's/"source":"[^"]*"//' "$T/out-stdin.jsonl" >"$T/a2"
check "jsonl from stdin" same "$T/a1" "$T/a2"
status "jsonl to -o" 0 cx extract -q --input-format jsonl -o "$T/ojl" "$T/in.jsonl"
check "jsonl -o names files by id" sh -c "test -s '$T/ojl/ecb-a.json' && test -s '$T/ojl/apple-b.json' && test -s '$T/ojl/seed.json'"
{ head -1 "$T/in.jsonl"; echo '{"id":"broken","text":'; echo '{"id":"notext"}'; sed -n 3p "$T/in.jsonl"; } >"$T/bad.jsonl"
status "malformed jsonl line fails that record only" 1 cx extract --input-format jsonl --jsonl "$T/bad.jsonl"
check "the other records are written" test "$(wc -l <"$T/last.out")" -eq 2
check "error names the line" grep -q 'bad.jsonl:2' "$T/last.err"

# ---- -j N: byte-identical and in input order --------------------------------
mkdir -p "$T/many"
i=0
for f in $texts; do
  for k in 1 2 3 4 5 6; do
    i=$((i + 1)); cp "$f" "$T/many/$(printf '%03d' $i)-$(basename "$f")"
  done
done
for j in 1 2 8; do
  cx extract -q -j $j --dct 2023-06-01 --jsonl "$T/many" >"$T/j$j.jsonl" 2>/dev/null
  cx extract -q -j $j --dct 2023-06-01 -o "$T/oj$j" "$T/many" 2>/dev/null
  cx timeline -q -j $j --dct 2023-06-01 "$T/many" >"$T/tj$j.json" 2>/dev/null
done
check "-j 1 output has every document" test "$(wc -l <"$T/j1.jsonl")" -eq "$i"
check "-j 2 jsonl identical to -j 1" same "$T/j1.jsonl" "$T/j2.jsonl"
check "-j 8 jsonl identical to -j 1" same "$T/j1.jsonl" "$T/j8.jsonl"
check "-j 8 -o files identical to -j 1" diff -r "$T/oj1" "$T/oj8"
check "-j 8 timeline identical to -j 1" same "$T/tj1.json" "$T/tj8.json"
check "output in input order" sh -c \
  "sed 's/^{\"document\":{\"id\":\"\\([^\"]*\\)\".*/\\1/' '$T/j8.jsonl' >'$T/ids'; ls '$T/many' | sed 's/\\.txt\$//' | cmp -s - '$T/ids'"

# ---- --incremental and --report ---------------------------------------------
mkdir -p "$T/inc"
cp "$T/texts"/*.txt "$T/inc/"
status "first incremental run" 0 cx extract -q --incremental --dct 2023-06-01 --report "$T/r1.json" -o "$T/oinc" "$T/inc"
check "report: all written" counts "$T/r1.json" "$ntexts" "$ntexts" 0 0
check "report has timings, threads, version, failures" sh -c \
  "for k in seconds mb_per_s bytes threads chronex_version failures; do grep -q \"\\\"\$k\\\"\" '$T/r1.json' || exit 1; done"
check "report has the time of each stage" sh -c \
  "for k in stage_seconds read decode segment dates entities events output; do grep -q \"\\\"\$k\\\"\" '$T/r1.json' || exit 1; done"
cp -p "$T/oinc/ecb-a.json" "$T/ecb-a.before"
status "second run skips everything" 0 cx extract -q --incremental --dct 2023-06-01 --report "$T/r2.json" -o "$T/oinc" "$T/inc"
check "report: all skipped" counts "$T/r2.json" "$ntexts" 0 "$ntexts" 0
check "skipped output left alone" same "$T/ecb-a.before" "$T/oinc/ecb-a.json"
echo "The bank said it would raise rates again on May 4, 2023." >>"$T/inc/ecb-a.txt"
status "a changed input is redone" 0 cx extract -q --incremental --dct 2023-06-01 --report "$T/r3.json" -o "$T/oinc" "$T/inc"
check "report: one written" counts "$T/r3.json" "$ntexts" 1 $((ntexts - 1)) 0
check "changed output rewritten" sh -c "! cmp -s '$T/ecb-a.before' '$T/oinc/ecb-a.json'"
head -c 100 "$T/oinc/storm.json" >"$T/cut" && mv "$T/cut" "$T/oinc/storm.json"
status "a cut-off output is redone" 0 cx extract -q --incremental --dct 2023-06-01 --report "$T/r4.json" -o "$T/oinc" "$T/inc"
check "report: the cut-off one written" counts "$T/r4.json" "$ntexts" 1 $((ntexts - 1)) 0
status "another --dct redoes everything" 0 cx extract -q --incremental --dct 2023-06-02 --report "$T/r5.json" -o "$T/oinc" "$T/inc"
check "report: all written again" counts "$T/r5.json" "$ntexts" "$ntexts" 0 0

# ---- exit codes -------------------------------------------------------------
status "a missing file fails only itself" 1 cx extract -q --report "$T/r6.json" -o "$T/oerr" "$T/texts/ecb-a.txt" "$T/nope.txt" "$T/texts/ecb-b.txt"
check "the others are written" sh -c "test -s '$T/oerr/ecb-a.json' && test -s '$T/oerr/ecb-b.json'"
check "report counts the failure" counts "$T/r6.json" 3 2 0 1
check "report names the failure" grep -q 'nope.txt' "$T/r6.json"
check "error on stderr" grep -q 'nope.txt' "$T/last.err"
status "a folder named as a file fails itself" 1 cx extract -q --jsonl "$T/texts/ecb-a.txt" "$T/tree/2023/03/ecb.txt/"
status "no input" 2 cx extract
status "unknown option" 2 cx extract --frobnicate "$T/texts/quiet.txt"
status "bad --jobs" 2 cx extract -j 0 "$T/texts/quiet.txt"
status "bad --dct" 2 cx extract --dct 2023-13-45 "$T/texts/quiet.txt"
status "bad --input-format" 2 cx extract --input-format xml "$T/texts/quiet.txt"
status "json input is for timeline" 2 cx extract --input-format json "$T/texts/quiet.txt"
status "missing data folder" 3 cx extract --data-dir "$T/nodata" "$T/texts/quiet.txt"
status "missing gazetteer" 3 cx extract --gazetteer "$T/nogaz.txt" "$T/texts/quiet.txt"
status "unwritable output folder" 1 cx extract -q -o /dev/null/out "$T/texts/quiet.txt"
if [ -w /dev/full ]; then
  status "stdout on a full disk" 1 sh -c "'$CHRONEX' extract --jsonl '$T/texts/quiet.txt' >/dev/full"
fi
status "--quiet prints nothing on success" 0 cx extract -q -o "$T/oq" "$T/texts/ecb-a.txt" "$T/texts/ecb-b.txt"
check "--quiet stderr empty" test ! -s "$T/last.err"
status "summary line without --quiet" 0 cx extract -o "$T/oq2" "$T/texts/ecb-a.txt" "$T/texts/ecb-b.txt"
check "summary counts" grep -q '2 documents, 2 written, 0 skipped, 0 failed' "$T/last.err"

# ---- the merge is associative and commutative -------------------------------
# 1. hand-written per-document outputs, so merging is tested whatever the
#    taggers find: d4's event links to d2's, d2's to d1's (single linkage).
mk() { printf '%s\n' "$2" >"$T/m/$1.json"; }
mkdir -p "$T/m"
ecb='{"id":"E1","type":"ORGANIZATION","name":"European Central Bank","aliases":["ECB"],"mentions":[]}'
apl='{"id":"E2","type":"ORGANIZATION","name":"Apple","aliases":[],"mentions":[]}'
mk d1 '{"document":{"id":"d1"},"entities":['"$ecb,$apl"'],"events":[
 {"id":"V1","date":{"value":"2023-03-02"},"start":10,"text":"The European Central Bank raised interest rates by half a point on March 2.","entities":["E1"]},
 {"id":"V2","date":{"value":"2022-05-05"},"start":90,"text":"Apple announced a new headquarters in Austin on May 5, 2022.","entities":["E2"]},
 {"id":"V3","date":{"value":"2019"},"start":160,"text":"Traces of the infection dated back to 2019.","entities":[]}]}'
mk d2 '{"document":{"id":"d2"},"entities":['"$ecb"'],"events":[
 {"id":"V1","date":{"value":"2023-03-02"},"start":0,"text":"The European Central Bank increased interest rates by half a point, economists in Frankfurt said.","entities":["E1"]},
 {"id":"V2","date":{"value":"2021"},"start":70,"text":"Inflation stayed low through 2021.","entities":[]}]}'
mk d3 '{"document":{"id":"d3"},"entities":['"$apl"'],"events":[
 {"id":"V1","date":{"value":"2022-05-05"},"start":0,"text":"On May 5, 2022, Apple unveiled its new Austin headquarters.","entities":["E1"]},
 {"id":"V2","date":{"value":"2022-W18"},"start":50,"text":"Apple hired staff that week.","entities":["E1"]}]}'
mk d4 '{"document":{"id":"d4"},"entities":[],"events":[
 {"id":"V1","date":{"value":"2023-03-02"},"start":5,"text":"Economists in Frankfurt said interest rates increased by half a point.","entities":[]},
 {"id":"V2","date":{"value":"2023-03-02"},"start":80,"text":"A storm closed schools across Bavaria.","entities":[]}]}'
mk d5 '{"document":{"id":"d5"},"entities":[],"events":[]}'
M="$T/m"
tl() { out=$1; shift; "$CHRONEX" timeline -q "$@" >"$out" 2>>"$T/merge.err"; }
tl "$T/W.json" "$M/d1.json" "$M/d2.json" "$M/d3.json" "$M/d4.json" "$M/d5.json"
check "hand-made: merging happens (an entry with 3 sources)" sh -c \
  "awk '/\"sources\"/ { n = 0; on = 1 } on && /\"document\":/ { n++ } n == 3 { found = 1 } END { exit !found }' '$T/W.json'"
check "hand-made: 11 events make 6 entries" sh -c "grep -c '\"sources\":' '$T/W.json' | grep -qx 6"
tl "$T/A.json" "$M/d1.json" "$M/d2.json"; tl "$T/B.json" "$M/d3.json" "$M/d4.json" "$M/d5.json"
tl "$T/AB.json" "$T/A.json" "$T/B.json"; tl "$T/BA.json" "$T/B.json" "$T/A.json"
check "hand-made: halves (12)(345)" same "$T/W.json" "$T/AB.json"
check "hand-made: halves swapped" same "$T/W.json" "$T/BA.json"
tl "$T/C.json" "$M/d4.json" "$M/d1.json"; tl "$T/D.json" "$M/d5.json" "$M/d3.json" "$M/d2.json"
tl "$T/CD.json" "$T/D.json" "$T/C.json"
check "hand-made: other halves (41)(532)" same "$T/W.json" "$T/CD.json"
tl "$T/E.json" "$M/d2.json"; tl "$T/F.json" "$T/E.json" "$M/d4.json"; tl "$T/G.json" "$M/d1.json" "$T/F.json"
tl "$T/H.json" "$T/G.json" "$M/d5.json" "$M/d3.json"
check "hand-made: nested ((2 4) 1) 5 3" same "$T/W.json" "$T/H.json"
tl "$T/R.json" "$M/d5.json" "$M/d4.json" "$M/d3.json" "$M/d2.json" "$M/d1.json"
check "hand-made: reversed order" same "$T/W.json" "$T/R.json"
tl "$T/WW.json" "$T/W.json" "$T/A.json" "$T/W.json" "$M/d3.json"
check "hand-made: merging again changes nothing (idempotent)" same "$T/W.json" "$T/WW.json"
cat "$M"/d*.json | tr -d '\n' | sed 's/}{"document"/}\n{"document"/g' >"$T/docs.jsonl"; echo >>"$T/docs.jsonl"
"$CHRONEX" timeline -q --input-format json - <"$T/docs.jsonl" >"$T/Wstdin" 2>>"$T/merge.err"
check "hand-made: JSON Lines on stdin" same "$T/W.json" "$T/Wstdin"
sed 's/^/key\t/; s/$/\t/' "$T/docs.jsonl" | "$CHRONEX" timeline -q --input-format json - >"$T/Whadoop" 2>>"$T/merge.err"
check "hand-made: key<TAB>value lines (Hadoop Streaming)" same "$T/W.json" "$T/Whadoop"
check "no merge errors" test ! -s "$T/merge.err"
status "empty stdin is an empty timeline (a reducer with no input)" 0 sh -c "'$CHRONEX' timeline -q --input-format json - </dev/null"
check "empty timeline printed" grep -q '"documents":' "$T/last.out"
status "text that is not chronex JSON fails" 1 sh -c "echo hello | '$CHRONEX' timeline -q --input-format json -"
status "a cut-off timeline input fails" 1 sh -c "head -c 100 '$T/W.json' | '$CHRONEX' timeline -q --input-format json -"

# 2. the real pipeline on the seeds and the short texts
rm -f "$T/merge.err"
P="$T/texts"
all="$P/000_bf2704ef968afcf2.txt $P/002_913260496bae7749.txt $P/apple-a.txt $P/apple-b.txt $P/ecb-a.txt $P/ecb-b.txt $P/quiet.txt $P/storm.txt"
tl "$T/PW.json" --dct 2023-06-01 $all
tl "$T/PA.json" --dct 2023-06-01 "$P/000_bf2704ef968afcf2.txt" "$P/apple-a.txt" "$P/ecb-a.txt" "$P/quiet.txt"
tl "$T/PB.json" --dct 2023-06-01 "$P/002_913260496bae7749.txt" "$P/apple-b.txt" "$P/ecb-b.txt" "$P/storm.txt"
tl "$T/PAB.json" "$T/PA.json" "$T/PB.json"
check "texts: timeline of halves = timeline of whole" same "$T/PW.json" "$T/PAB.json"
tl "$T/PBA.json" "$T/PB.json" "$T/PA.json"
check "texts: halves swapped" same "$T/PW.json" "$T/PBA.json"
tl "$T/PC.json" --dct 2023-06-01 "$P/ecb-b.txt" "$P/002_913260496bae7749.txt"
tl "$T/PD.json" --dct 2023-06-01 "$P/storm.txt" "$P/ecb-a.txt" "$P/apple-b.txt"
tl "$T/PE.json" --dct 2023-06-01 "$P/quiet.txt" "$P/apple-a.txt" "$P/000_bf2704ef968afcf2.txt"
tl "$T/PCD.json" "$T/PD.json" "$T/PC.json"; tl "$T/PCDE.json" "$T/PE.json" "$T/PCD.json"
check "texts: three parts, nested ((D C) E)" same "$T/PW.json" "$T/PCDE.json"
tl "$T/PM.json" --dct 2023-06-01 "$T/PC.json" "$P/storm.txt" "$P/ecb-a.txt" "$T/PE.json" "$P/apple-b.txt"
check "texts: timelines and texts mixed" same "$T/PW.json" "$T/PM.json"
cx extract -q --dct 2023-06-01 -o "$T/pout" $all
tl "$T/PO.json" "$T/pout"/*.json
check "texts: timeline of per-document outputs" same "$T/PW.json" "$T/PO.json"
tl "$T/PF.json" "$T/pout"
check "texts: timeline of a folder of outputs" same "$T/PW.json" "$T/PF.json"
tl "$T/PG.json" --input-format json "$T/pout"
check "texts: --input-format json over a folder" same "$T/PW.json" "$T/PG.json"
cx extract -q --dct 2023-06-01 --jsonl $all | "$CHRONEX" timeline -q --input-format json - >"$T/PJ.json" 2>>"$T/merge.err"
check "texts: extract --jsonl | timeline -" same "$T/PW.json" "$T/PJ.json"
cx extract -q --dct 2023-06-01 --jsonl $all >"$T/all.jsonl"
split -l 3 "$T/all.jsonl" "$T/chunk."
for c in "$T"/chunk.*; do tl "$c.tl" --jsonl --input-format json "$c"; done
cat "$T"/chunk.*.tl | "$CHRONEX" timeline -q --input-format json - >"$T/PK.json" 2>>"$T/merge.err"
check "texts: compact part timelines as JSON Lines on stdin" same "$T/PW.json" "$T/PK.json"
check "texts: no merge errors" test ! -s "$T/merge.err"
events=$(grep -c '"sources":' "$T/PW.json")
echo "  (the merged timeline of the texts has $events entries)"

# ---- memory stays flat ------------------------------------------------------
# (not under AddressSanitizer, whose shadow memory is most of the RSS)
sanitized=0
if ldd "$CHRONEX" 2>/dev/null | grep -Eq 'lib(asan|ubsan|tsan)'; then sanitized=1; fi
if [ $sanitized = 0 ] && [ ! -x /usr/bin/time ]; then
  no "memory check needs /usr/bin/time (Debian package time; .ci/run installs it)"
elif [ "${CX_SKIP_MEMORY:-0}" != 1 ] && [ $sanitized = 0 ]; then
  mkdir -p "$T/10k"
  sed -n '1,40p' "$P"/*.txt | grep -v '^[[:space:]]*$' >"$T/lines"
  awk -v n=10000 '{ l[NR] = $0 } END { for (i = 0; i < n; i++) print l[i % NR + 1] }' "$T/lines" >"$T/10k.txt"
  (cd "$T/10k" && split -l 1 -a 5 -d ../10k.txt doc.)
  nf=$(ls "$T/10k" | wc -l)
  rss() { /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p'; }
  r1=$(rss "$CHRONEX" extract -q -j 2 --dct 2023-06-01 --jsonl "$P/ecb-a.txt")
  r2=$(rss "$CHRONEX" extract -q -j 2 --dct 2023-06-01 --jsonl "$T/10k")
  echo "  peak RSS: one file $r1 kB, $nf files $r2 kB"
  check "peak memory over $nf files under 64 MB" test "${r2:-999999}" -lt 65536
  check "memory flat: $nf files cost less than 16 MB more than one" test $(( ${r2:-999999} - ${r1:-0} )) -lt 16384
else
  echo "  (memory check not run: sanitizer build or CX_SKIP_MEMORY=1; the plain build runs it)"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
