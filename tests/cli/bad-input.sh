#!/bin/sh
# The bad-input table (docs/robustness.md): every hostile input gets a
# correct result or a one-line error naming the file and the problem, with
# the documented exit code, and the other inputs of the run still go out.
#
# Environment (make check sets it): CHRONEX (the binary), CHRONEX_DATA_DIR,
# CX_SRCDIR. Optional: CX_BIG_MB (size of the single-line file, default
# 100), CX_BIG_SECONDS (its time limit, default 900), CX_BAD_ONLY (globs:
# run only the checks whose function matches one, e.g. 't_utf* t_kill').
# Prints ok/FAIL a check and ends with "N passed, M failed".
set -u
C=${CHRONEX:?set CHRONEX to the chronex binary}
: "${CX_SRCDIR:?}" "${CHRONEX_DATA_DIR:?}"
JC=$(cd "$(dirname "$C")/.." && pwd)/tests/cli/jsoncheck
big_mb=${CX_BIG_MB:-100}
big_secs=${CX_BIG_SECONDS:-900}
T=$(mktemp -d "${TMPDIR:-/tmp}/cx-bad.XXXXXX") || exit 1
chmod 755 "$T" # other users read it in the unreadable-file checks
trap 'chmod -R u+rwX "$T" 2>/dev/null; rm -rf "$T"' EXIT
cd "$T" || exit 1
pass=0 fail=0
ok() { echo "ok   $*"; pass=$((pass + 1)); }
nok() { echo "FAIL $*"; fail=$((fail + 1)); }
# why: says what went wrong, indented, for the log
why() { echo "     $*"; }
check() {
  name=$1
  shift
  if [ -n "${CX_BAD_ONLY:-}" ]; then
    m=0
    set -f
    for p in $CX_BAD_ONLY; do case $1 in $p) m=1 ;; esac; done
    set +f
    [ $m = 1 ] || return 0
  fi
  if "$@"; then ok "$name"; else nok "$name"; fi
}
# run WANT CMD...: runs CMD with stdout in out, stderr in err; true when
# the exit status is WANT.
run() {
  want=$1
  shift
  "$@" >out 2>err
  rc=$?
  if [ "$rc" -ne "$want" ]; then
    why "exit status $rc, wanted $want: $*"
    sed 's/^/     stderr: /' err | head -5
    return 1
  fi
}
# err_is PATTERN...: stderr is exactly one line, "chronex: ...", holding
# every PATTERN (grep -E).
err_is() {
  n=$(wc -l <err)
  if [ "$n" -ne 1 ] || ! grep -q '^chronex: ' err; then
    why "wanted one 'chronex:' line on stderr, got $n:"
    sed 's/^/     stderr: /' err | head -5
    return 1
  fi
  for p in "$@"; do
    grep -Eq -- "$p" err || { why "stderr lacks /$p/: $(cat err)"; return 1; }
  done
}
# err_has N PATTERN...: stderr has N lines, each "chronex: ...", holding
# every PATTERN somewhere.
err_has() {
  want=$1
  shift
  n=$(grep -c '^chronex: ' err)
  [ "$n" -eq "$want" ] && [ "$(wc -l <err)" -eq "$want" ] ||
    { why "wanted $want 'chronex:' lines on stderr, got:"; sed 's/^/     stderr: /' err | head -8; return 1; }
  for p in "$@"; do
    grep -Eq -- "$p" err || { why "stderr lacks /$p/"; return 1; }
  done
}
# usage_err TEXT: a usage error: "chronex: TEXT..." then the --help hint
usage_err() {
  [ "$(wc -l <err)" -eq 2 ] && head -1 err | grep -qF "chronex: $1" &&
    sed -n 2p err | grep -q "^Try 'chronex --help'" ||
    { why "not a usage error about '$1':"; sed 's/^/     stderr: /' err; return 1; }
}
no_err() { [ ! -s err ] || { why "stderr not empty: $(head -3 err)"; return 1; }; }
# consistent INPUT JSON: the JSON parses and every text is its slice
consistent() { "$JC" "$1" "$2" || { why "offsets or texts wrong in $2"; return 1; }; }
valid() { "$JC" --valid "$@" || { why "not valid JSON: $*"; return 1; }; }
# names FILE: the sorted entity names and timex values of a document
names() { grep -E '"(name|value)":' "$1" | sed 's/^[[:space:]]*//' | LC_ALL=C sort; }
fffd=$(printf '\357\277\275')

GOOD='The Bank of Portugal said on June 1, 2023 that Ana Costa met officials in Lisbon.
Prices in Portugal rose in 2022, the bank said.
'
printf '%s' "$GOOD" >good.txt
if ! "$C" extract -q good.txt >/dev/null 2>err; then
  echo "FAIL chronex cannot run on a good file: $(cat err)"
  echo "0 passed, 1 failed"
  exit 1
fi
mkdir -p u8 le be lf
printf '%s' "$GOOD" >lf/doc.txt

# --- the content of a file --------------------------------------------------
t_empty() {
  : >empty.txt
  run 0 "$C" extract -q empty.txt && no_err && valid out && grep -q '"entities":[[:space:]]*\[\]' out
}
check "empty file: an empty document, exit 0" t_empty

t_space() {
  printf ' \n\t\r\n  \n' >space.txt
  run 0 "$C" extract -q space.txt && no_err && consistent space.txt out &&
    grep -q '"entities":[[:space:]]*\[\]' out
}
check "whitespace only: an empty document, exit 0" t_space

t_invalid_utf8() {
  printf 'Bad \377\376 input. The Bank of Portugal said on June 1, 2023 that \300 prices rose.\n' >inv.txt
  run 0 "$C" extract -q inv.txt && no_err && consistent inv.txt out &&
    grep -q 'invalid UTF-8.*first at byte 4' out ||
    { why "no warning naming byte 4"; return 1; }
  grep -q '"offset":[[:space:]]*4,' out || { why "warning offset is not 4"; return 1; }
  grep -q "$fffd" out || { why "no U+FFFD in any output text"; return 1; }
}
check "invalid UTF-8: warning names byte offset, U+FFFD, offsets consistent" t_invalid_utf8

t_bom() {
  printf '\357\273\277%s' "$GOOD" >u8/doc.txt
  run 0 "$C" extract -q u8/doc.txt && no_err && consistent u8/doc.txt out || return 1
  cp out u8.json
  ! grep -q 'warnings' out || { why "a warning for a BOM"; return 1; }
  run 0 "$C" extract -q lf/doc.txt && names out >a && names u8.json >b && cmp -s a b ||
    { why "entities or dates differ from the file without BOM"; return 1; }
}
check "UTF-8 BOM: read as U+FEFF (offset 0), same entities and dates" t_bom

t_utf16() {
  command -v iconv >/dev/null || { why "iconv missing"; return 1; }
  printf '\357\273\277%s' "$GOOD" >u8/doc.txt
  "$C" extract -q u8/doc.txt >u8.json || return 1
  { printf '\377\376'; printf '%s' "$GOOD" | iconv -f UTF-8 -t UTF-16LE; } >le/doc.txt
  { printf '\376\377'; printf '%s' "$GOOD" | iconv -f UTF-8 -t UTF-16BE; } >be/doc.txt
  for d in le be; do
    run 0 "$C" extract -q $d/doc.txt && no_err && consistent $d/doc.txt out || return 1
    # the same document as the UTF-8 file with a BOM, but for its source
    grep -v '"source"\|"input_hash"' out >a
    grep -v '"source"\|"input_hash"' u8.json >b
    cmp -s a b || { why "UTF-16 $d output differs from UTF-8's"; diff a b | head -5; return 1; }
  done
  # without a BOM: recognized by its NUL bytes, the same as the plain file
  mkdir -p nb
  printf '%s' "$GOOD" | iconv -f UTF-8 -t UTF-16LE >nb/doc.txt
  run 0 "$C" extract -q nb/doc.txt && no_err && consistent nb/doc.txt out || return 1
  grep -v '"source"\|"input_hash"' out >a
  "$C" extract -q lf/doc.txt | grep -v '"source"\|"input_hash"' >b
  cmp -s a b || { why "UTF-16LE without BOM differs from UTF-8"; diff a b | head -5; return 1; }
}
check "UTF-16 LE/BE with BOM, LE without: converted, same output as UTF-8" t_utf16

t_nul() {
  printf 'Ana Costa\000visited Lisbon on June 1, 2023.\000\000\n' >nul.txt
  run 0 "$C" extract -q nul.txt && no_err && consistent nul.txt out &&
    grep -q '3 invalid UTF-8.*first at byte 9' out ||
    { why "NUL bytes not reported at byte 9"; return 1; }
}
check "NUL bytes: replaced by U+FFFD with a warning, exit 0" t_nul

t_binary() {
  head -c 400000 "$C" >binary.dat
  run 0 "$C" extract -q binary.dat && no_err && consistent binary.dat out &&
    grep -q 'replaced by U+FFFD' out
}
check "binary file: decoded with U+FFFD and a warning, exit 0" t_binary

t_crlf() {
  printf '%s' "$GOOD" | sed 's/$/\r/' >crlf.txt
  run 0 "$C" extract -q crlf.txt && no_err && consistent crlf.txt out || return 1
  names out >a
  run 0 "$C" extract -q lf/doc.txt && names out >b && cmp -s a b ||
    { why "CRLF changes the entities or dates"; diff a b | head; return 1; }
}
check "CRLF line ends: offsets exact (CR counts), same entities and dates" t_crlf

# --- size and shape -----------------------------------------------------------
t_big_line() {
  # one line: lowercase filler with a name, a place and a date every 2 kB
  filler='the committee discussed the budget and the weather for a long while '
  awk -v f="$filler" -v mb="$big_mb" 'BEGIN {
      chunk = ""; for (i = 0; i < 28; i++) chunk = chunk f;
      chunk = chunk "Ana Costa visited Lisbon on June 1, 2023; ";
      n = int(mb * 1000000 / length(chunk));
      for (i = 0; i < n; i++) printf "%s", chunk }' >big.txt
  s=$(date +%s)
  run 0 timeout "$big_secs" "$C" extract -q -o big big.txt || return 1
  e=$(($(date +%s) - s))
  why "$(wc -c <big.txt) bytes in ${e} s"
  valid big/big.json && grep -q '"Ana Costa"' big/big.json
  rc=$?
  rm -rf big.txt big
  return $rc
}
check "a ${big_mb} MB single line: done within ${big_secs} s, exit 0" t_big_line

t_caps() {
  awk 'BEGIN { split("Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliet Kilo Lima", w, " ");
               for (i = 0; i < 1000000; i++) printf "%s ", w[i % 12 + 1]; print "" }' >caps.txt
  s=$(date +%s)
  run 0 timeout 600 "$C" extract -q -o capsout caps.txt || return 1
  why "1000000 capitalized words in $(($(date +%s) - s)) s"
  valid capsout/caps.json
}
check "a million capitalized words in a row: exit 0, no blow-up" t_caps

t_dates() {
  awk 'BEGIN { for (i = 0; i < 1500; i++)
                 printf "on June %d, %d and 12/%d/1999, 2019-20%02d, the %d0s, %d BC, Q%d %d, ",
                        i % 31 + 1, 1900 + i % 200, i % 28 + 1, i % 100, i % 10 + 1, i, i % 4 + 1, 2000 + i % 30;
               for (i = 0; i < 20000; i++) printf "1, "; for (i = 0; i < 5000; i++) printf "June ";
               for (i = 0; i < 5000; i++) printf "10:%02d ", i % 60; print "." }' >dates.txt
  s=$(date +%s)
  run 0 timeout 300 "$C" extract -q --dct 2023-06-01 -o datesout dates.txt || return 1
  why "$(wc -c <dates.txt) bytes of date-like strings in $(($(date +%s) - s)) s"
  valid datesout/dates.json && consistent dates.txt datesout/dates.json
}
check "thousands of date-like strings: no catastrophic backtracking" t_dates

# as_nobody CMD ARGS...: runs chronex as user nobody (root cannot be kept
# out of a file otherwise); a copy of the binary and the data, so that
# nobody can reach them wherever the build is
as_nobody() {
  if [ ! -x nb/chronex ]; then
    mkdir -p nb && cp "$C" nb/chronex && cp -R "$CHRONEX_DATA_DIR" nb/data &&
      chmod -R a+rX nb || return 1
  fi
  CHRONEX_DATA_DIR=$T/nb/data setpriv --reuid=65534 --regid=65534 --clear-groups "$T/nb/chronex" "$@"
}

# --- files that cannot be read --------------------------------------------------
t_missing() {
  rm -rf o
  run 1 "$C" extract -q -o o nosuch.txt good.txt && err_is 'nosuch\.txt' 'No such file' &&
    valid o/good.json
}
check "missing file: one-line error, exit 1, other inputs written" t_missing

t_dir() {
  mkdir -p dir.txt dir.json
  cp good.txt dir.txt/inner.txt
  run 0 "$C" extract -q -o od dir.txt && valid od/inner.json || { why "a folder input is walked"; return 1; }
  run 1 "$C" timeline -q dir.json && err_is 'dir\.json' '[Ii]s a directory' || return 1
  run 3 "$C" extract -q --gazetteer dir.txt good.txt && err_is 'dir\.txt' '[Ii]s a directory' || return 1
  run 1 "$C" extract -q --report dir.txt good.txt && err_is 'dir\.txt' 'report' '[Ii]s a directory'
}
check "a directory named as a file: walked as input; error for --gazetteer/--report/timeline" t_dir

t_unreadable() {
  if [ -r /proc/self/mem ]; then
    rm -rf o
    run 1 "$C" extract -q -o o /proc/self/mem good.txt && err_is '/proc/self/mem' 'Input/output error' &&
      valid o/good.json || return 1
  fi
  printf '%s' "$GOOD" >secret.txt
  chmod 000 secret.txt
  rm -rf o && mkdir o && chmod 777 o
  if [ "$(id -u)" != 0 ]; then
    run 1 "$C" extract -q -o o secret.txt good.txt
  elif command -v setpriv >/dev/null; then
    run 1 as_nobody extract -q -o o secret.txt good.txt
  else
    why "root without setpriv: only /proc/self/mem was checked"
    return 0
  fi
  [ $? -eq 0 ] && err_is 'secret\.txt' 'Permission denied' && valid o/good.json
}
check "unreadable file: one-line error, exit 1, other inputs written" t_unreadable

# --- output that cannot be written ------------------------------------------------
t_outdir() {
  printf x >afile
  run 1 "$C" extract -q -o afile/sub good.txt && err_is 'afile/sub' 'output folder' 'Not a directory' || return 1
  mkdir -p ro && chmod 555 ro
  if [ "$(id -u)" != 0 ]; then
    run 1 "$C" extract -q -o ro good.txt
  elif command -v setpriv >/dev/null; then
    chmod 755 ro
    run 1 as_nobody extract -q -o ro good.txt
  else
    return 0
  fi
  [ $? -eq 0 ] && err_is 'ro/good\.json' 'Permission denied' &&
    [ -z "$(ls -A ro)" ] || { why "files left in the folder"; return 1; }
}
check "unwritable output folder: one-line error, exit 1, nothing left" t_outdir

t_full_stdout() {
  [ -w /dev/full ] || { why "no /dev/full"; return 0; }
  "$C" extract -q good.txt >/dev/full 2>err
  [ $? -eq 1 ] && err_is 'standard output' 'No space left' || return 1
  "$C" extract -q --jsonl good.txt lf/doc.txt >/dev/full 2>err
  [ $? -eq 1 ] && err_is 'standard output' 'No space left' || return 1
  "$C" timeline -q good.txt >/dev/full 2>err
  [ $? -eq 1 ] && err_is 'standard output' 'No space left'
}
check "full disk on stdout (/dev/full): one-line error, exit 1" t_full_stdout

t_full_o() {
  # a file size limit makes the big output's write fail as a full disk
  # would (EFBIG); the small one still goes out, nothing half-written stays
  awk 'BEGIN { for (i = 0; i < 400; i++) printf "Ana Costa met Rui Lopes in Lisbon on June %d, 2023. ", i % 28 + 1 }' >large.txt
  rm -rf of && mkdir of
  (trap '' XFSZ; ulimit -f 64; exec "$C" extract -q -j 1 -o of large.txt good.txt) >out 2>err
  rc=$?
  [ $rc -eq 1 ] || { why "exit status $rc, wanted 1"; cat err; return 1; }
  err_is 'of/large\.json' 'File too large' && valid of/good.json &&
    [ "$(ls -A of)" = good.json ] || { why "left in of/: $(ls -A of)"; return 1; }
}
check "full disk under -o (write fails): error, exit 1, no partial file" t_full_o

# --- malformed structured input ----------------------------------------------------
t_jsonl() {
  {
    echo '{"id": "a", "text": "Ana Costa visited Lisbon on June 1, 2023."}'
    echo '{"id": "b", "text": "unterminated'
    echo '{"id": "c", "text": "Rui Lopes left Porto in 2021.", "dct": "2022-01-01"}'
    echo '{"id": "d"}'
    echo '{"id": "e", "text": "x", "dct": "2023-02-30"}'
    echo 'not json at all'
  } >in.jsonl
  rm -rf oj
  run 1 "$C" extract -q --input-format jsonl -o oj in.jsonl &&
    err_has 4 'in\.jsonl:2: ' 'in\.jsonl:4: .*text' 'in\.jsonl:5: .*dct' 'in\.jsonl:6: ' &&
    valid oj/a.json oj/c.json && [ "$(ls oj | wc -l)" -eq 2 ]
}
check "malformed JSON Lines records: error names the line, others go on, exit 1" t_jsonl

# two documents that would write one output file: the later one fails
# alone (whatever -j), the first output is kept; files too ("x.txt", "x.md")
t_dup_out() {
  {
    echo '{"id": "a", "text": "Ana Costa visited Lisbon on June 1, 2023."}'
    echo '{"id": "b", "text": "Rui Lopes left Porto in 2021."}'
    echo '{"id": "a", "text": "Someone else entirely."}'
  } >dup.jsonl
  for j in 1 2; do
    rm -rf od
    run 1 "$C" extract -q -j $j --input-format jsonl -o od dup.jsonl &&
      err_has 1 'dup\.jsonl:3: .*od/a\.json' && valid od/a.json od/b.json &&
      grep -q Lisbon od/a.json && [ "$(ls od | wc -l)" -eq 2 ] || return 1
  done
  rm -rf dd od2 && mkdir dd && echo 'Talks opened on Monday.' >dd/x.md &&
    echo 'Talks closed on Friday.' >dd/x.txt
  run 1 "$C" extract -q -o od2 dd && err_has 1 'dd/x\.txt: .*od2/x\.json' &&
    grep -q Monday od2/x.json
}
check "two documents, one output file: the second fails with a clear error, exit 1" t_dup_out

t_timeline_json() {
  "$C" extract -q good.txt >g.json
  printf '{"document": {"id": "x"}, "events": [' >broken.json
  run 1 "$C" timeline -q g.json broken.json && err_is 'broken\.json' && valid out &&
    grep -q '"Bank of Portugal"\|"events"' out
}
check "malformed JSON to timeline: error names the file, the rest merged, exit 1" t_timeline_json

t_gazetteer() {
  printf '# category: LOC.city\nLisbon\nPorto\tPorto\tNOPE\n' >bad.lst
  run 3 "$C" extract -q --gazetteer bad.lst good.txt && err_is 'bad\.lst:3: ' 'NOPE' || return 1
  run 3 "$C" extract -q --gazetteer nosuch.lst good.txt && err_is 'nosuch\.lst' 'No such file'
}
check "malformed or missing gazetteer: error names file and line, exit 3" t_gazetteer

t_patterns() {
  rm -rf data && cp -R "$CHRONEX_DATA_DIR" data && chmod -R u+w data
  pl=$(($(wc -l <data/timex/patterns.txt) + 1))
  cp data/timex/patterns.txt p.orig
  printf 'YEAR\t(?:unclosed\n' >>data/timex/patterns.txt
  run 3 "$C" extract -q --data-dir data good.txt && err_is "patterns\\.txt:$pl: " || return 1
  cp p.orig data/timex/patterns.txt
  printf 'no tab here\n' >>data/timex/patterns.txt
  run 3 "$C" extract -q --data-dir data good.txt && err_is "patterns\\.txt:$pl: " || return 1
  # a holiday rule no date comes of is a data error, not a silent miss
  cp p.orig data/timex/patterns.txt
  wl=$(($(wc -l <data/timex/words.txt) + 1))
  printf 'bogus day\tholiday\t13/9/9\n' >>data/timex/words.txt
  run 3 "$C" extract -q --data-dir data good.txt && err_is "words\\.txt:$wl: " 'holiday rule'
}
check "malformed pattern or word file: error names file and line, exit 3" t_patterns

t_dct() {
  for d in 2023-02-30 2023-13-01 2023-00-10 2023-6-1 23-06-01 junk '' 2023-06-01x; do
    run 2 "$C" extract -q --dct "$d" good.txt && usage_err "invalid --dct '$d'" || return 1
  done
  run 2 "$C" extract -q --jobs 0 good.txt && run 2 "$C" extract && run 2 "$C" frobnicate &&
    run 3 "$C" extract -q --data-dir nosuch good.txt
}
check "invalid --dct (and other usage errors): exit 2; bad --data-dir: exit 3" t_dct

t_dates_odd() {
  printf 'The deal was signed on February 30, 2023, or on April 31. The year 9999 and 300 BC and 12,000 BC were named. Rome was founded in 753 BC.\n' >odd.txt
  run 0 "$C" extract -q --dct 2023-06-01 odd.txt && consistent odd.txt out || return 1
  if grep -Eq '"(value|start|end)":[[:space:]]*"[0-9]{4}-(02-3[01]|0[469]-31|11-31)' out; then
    why "an impossible date was produced"; grep -E '02-3|-31' out | head -3; return 1
  fi
  for d in 9999-12-31 0001-01-01; do
    printf 'Next year and last year, tomorrow and yesterday, in 10 years and 3000 years ago.\n' >far.txt
    run 0 "$C" extract -q --dct $d far.txt && consistent far.txt out || return 1
  done
}
check "impossible dates and far years: no invalid calendar date, exit 0" t_dates_odd

# --- a run killed midway ------------------------------------------------------------
t_kill() {
  rm -rf kin kout && mkdir kin
  i=0
  while [ $i -lt 200 ]; do
    { printf 'Story %d. ' $i; head -c 60000 caps.txt; printf '%s' "$GOOD"; } >kin/d$i.txt
    i=$((i + 1))
  done
  # a named pipe read last, that nobody writes: the run cannot end before
  # the kill however fast the machine is (200 files once took 0.24 s, and
  # a faster machine finished them before the first look at the folder)
  rm -f kwait.txt && mkfifo kwait.txt || { why "mkfifo failed"; return 1; }
  "$C" extract -q -j 2 -o kout kin kwait.txt >/dev/null 2>&1 &
  pid=$!
  n=0
  while [ $n -lt 600 ]; do # until some files are out, at most a minute
    [ "$(ls kout 2>/dev/null | grep -c '\.json$')" -ge 3 ] && break
    sleep 0.1
    n=$((n + 1))
  done
  kill -0 $pid 2>/dev/null || { why "the run ended before it was killed"; return 1; }
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
  rm -f kwait.txt
  done_n=$(ls kout | grep -c '\.json$')
  [ "$done_n" -ge 3 ] || { why "only $done_n outputs before the kill"; return 1; }
  for f in kout/*.json; do valid "$f" || return 1; done
  # what a kill during a write leaves: a temporary file of a dead process
  printf '{"document": {' >kout/d0.json.tmp.999999999.7f00
  run 0 "$C" extract -q -j 2 --incremental --report rep.json -o kout kin || return 1
  [ "$(ls kout | grep -c '\.json$')" -eq 200 ] || { why "not all 200 outputs"; return 1; }
  for f in kout/*.json; do valid "$f" || return 1; done
  grep -q "\"skipped\":[[:space:]]*$done_n," rep.json || { why "--incremental did not skip the $done_n done"; grep skipped rep.json; return 1; }
  left=$(ls -A kout | grep -v '\.json$' | head -3)
  [ -z "$left" ] || { why "left in the output folder: $left"; return 1; }
}
check "SIGKILL midway: only whole .json files; --incremental finishes the job" t_kill

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
