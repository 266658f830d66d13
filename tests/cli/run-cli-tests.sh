#!/bin/sh
# CLI tests: commands, options, exit codes, the seed articles end to end.
# Environment (set by make check): CHRONEX, CHRONEX_DATA_DIR, CX_SRCDIR.
set -u
CHRONEX=${CHRONEX:-./src/chronex}
SRC=${CX_SRCDIR:-.}
T=$(mktemp -d "${TMPDIR:-/tmp}/cx-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
# expect NAME STATUS CMD...: the command exits with STATUS
expect() {
  name=$1 want=$2; shift 2
  "$@" >"$T/out" 2>"$T/err"; got=$?
  if [ "$got" = "$want" ]; then ok "$name"; else bad "$name (exit $got, want $want: $(head -c 300 "$T/err"))"; fi
}
has() { if grep -q -- "$2" "$3"; then ok "$1"; else bad "$1 (no '$2' in $3)"; fi; }
S1="$SRC/seeds/000_bf2704ef968afcf2.txt"
S2="$SRC/seeds/002_913260496bae7749.txt"

expect "help exits 0" 0 "$CHRONEX" --help
has "help lists commands" "chronex timeline" "$T/out"
expect "version exits 0" 0 "$CHRONEX" --version
has "version printed" "chronex [0-9]" "$T/out"
expect "no command is a usage error" 2 "$CHRONEX"
expect "unknown command is a usage error" 2 "$CHRONEX" frobnicate x
expect "unknown option is a usage error" 2 "$CHRONEX" extract --frob "$S1"
expect "no input is a usage error" 2 "$CHRONEX" extract
expect "bad --dct is a usage error" 2 "$CHRONEX" extract --dct 2023-02-30 "$S1"
has "bad --dct message names the value" "2023-02-30" "$T/err"
expect "bad --jobs is a usage error" 2 "$CHRONEX" extract -j 0 "$S1"
expect "missing data folder is a data error" 3 "$CHRONEX" extract --data-dir "$T/nodata" "$S1"
has "data error names the folder" "$T/nodata" "$T/err"

expect "extract one seed" 0 "$CHRONEX" extract --dct 2023-06-01 "$S2"
has "document id" '"id":	"002_913260496bae7749"' "$T/out"
has "dct from option" '"dct_source":	"option"' "$T/out"

expect "extract without dct" 0 "$CHRONEX" extract --compact "$S2"
has "dateline anchors the dct" '"dct_source":"dateline"' "$T/out"
has "Thursday resolved from the dateline" '"text":"Thursday","type":"DATE","value":"2023-06-01' "$T/out"

expect "extract to a folder" 0 "$CHRONEX" extract -q --dct 2023-06-01 -o "$T/o" "$S1" "$S2"
if [ -s "$T/o/000_bf2704ef968afcf2.json" ] && [ -s "$T/o/002_913260496bae7749.json" ]; then
  ok "one output per document"; else bad "one output per document"; fi
if ls "$T/o" | grep -q tmp; then bad "no temporary files left"; else ok "no temporary files left"; fi

expect "timeline from texts" 0 "$CHRONEX" timeline -q --dct 2023-06-01 "$S1" "$S2"
cp "$T/out" "$T/tl-text.json"
has "timeline lists both documents" '"000_bf2704ef968afcf2"' "$T/out"
expect "timeline from outputs" 0 "$CHRONEX" timeline -q "$T/o/000_bf2704ef968afcf2.json" "$T/o/002_913260496bae7749.json"
if cmp -s "$T/out" "$T/tl-text.json"; then ok "timeline from outputs equals timeline from texts"
else bad "timeline from outputs equals timeline from texts"; fi
expect "timeline of a timeline is itself" 0 "$CHRONEX" timeline -q "$T/tl-text.json"
if cmp -s "$T/out" "$T/tl-text.json"; then ok "merging is idempotent"; else bad "merging is idempotent"; fi

printf 'x' > "$T/notjson.json"
expect "a bad JSON input fails" 1 "$CHRONEX" timeline -q "$T/notjson.json" "$T/o/000_bf2704ef968afcf2.json"
has "bad JSON error names the file" "notjson.json" "$T/err"

expect "missing file fails, others written" 1 "$CHRONEX" extract -q -o "$T/m" "$T/missing.txt" "$S1"
has "missing file named" "missing.txt" "$T/err"
if [ -s "$T/m/000_bf2704ef968afcf2.json" ]; then ok "other document still written"; else bad "other document still written"; fi

# gazetteer images: written by the first start-up, read by the next, never
# changing the output; a damaged one or a cache folder that cannot be
# written costs only time
C="$T/cache"
expect "extract without a cache" 0 "$CHRONEX" extract --no-cache --dct 2023-06-01 "$S2"
cp "$T/out" "$T/nocache.json"
if [ ! -d "$C" ]; then ok "--no-cache writes no image"; else bad "--no-cache writes no image"; fi
expect "extract writing an image" 0 "$CHRONEX" extract --cache-dir "$C" --dct 2023-06-01 "$S2"
if cmp -s "$T/out" "$T/nocache.json"; then ok "same output when writing the image"; else bad "same output when writing the image"; fi
set -- "$C"/gazetteer-*.img
if [ -s "$1" ]; then ok "image written"; else bad "image written"; fi
IMG=$1
expect "extract reading the image" 0 "$CHRONEX" extract --cache-dir "$C" --dct 2023-06-01 "$S2"
if cmp -s "$T/out" "$T/nocache.json"; then ok "same output from the image"; else bad "same output from the image"; fi
printf 'damaged' | dd of="$IMG" bs=1 seek=4000 conv=notrunc 2>/dev/null
expect "extract over a damaged image" 0 "$CHRONEX" extract --cache-dir "$C" --dct 2023-06-01 "$S2"
if cmp -s "$T/out" "$T/nocache.json"; then ok "same output past a damaged image"; else bad "same output past a damaged image"; fi
: > "$T/afile"
expect "a cache folder that cannot be made" 0 "$CHRONEX" extract --cache-dir "$T/afile/sub" --dct 2023-06-01 "$S2"
if cmp -s "$T/out" "$T/nocache.json"; then ok "same output without a usable cache"; else bad "same output without a usable cache"; fi
expect "CHRONEX_CACHE_DIR empty: no cache" 0 env CHRONEX_CACHE_DIR= "$CHRONEX" extract --dct 2023-06-01 "$S2"
# images of other configurations unused for 30 days go when one is written;
# a used one is kept (each load marks it), and so is anything else
: > "$C/gazetteer-0000000000000001.img"
: > "$C/gazetteer-0000000000000002.img"
: > "$C/notes.txt"
touch -d '40 days ago' "$C/gazetteer-0000000000000001.img" "$C/notes.txt"
touch -d '40 days ago' "$IMG"
expect "extract reading an old image" 0 "$CHRONEX" extract --cache-dir "$C" --dct 2023-06-01 "$S2"
if [ -n "$(find "$IMG" -mtime -1)" ]; then ok "a loaded image is marked used"; else bad "a loaded image is marked used"; fi
expect "extract writing another image" 0 "$CHRONEX" extract --cache-dir "$C" --disable-list per_last --dct 2023-06-01 "$S2"
if [ ! -e "$C/gazetteer-0000000000000001.img" ]; then ok "an image unused for 40 days is swept"; else bad "an image unused for 40 days is swept"; fi
if [ -e "$C/gazetteer-0000000000000002.img" ] && [ -e "$C/notes.txt" ] && [ -e "$IMG" ]; then
  ok "recent images and other files are kept"; else bad "recent images and other files are kept"; fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
