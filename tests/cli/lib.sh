# Helpers shared by the CLI test scripts (sourced, not run).
# ok/no count results; check NAME CMD... passes when CMD succeeds;
# same A B passes when the files are byte-identical and shows where not.
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok: $1"; }
no() { fail=$((fail + 1)); echo "FAIL: $1"; }
check() { name=$1; shift; if "$@"; then ok "$name"; else no "$name"; fi; }
same() {
  cmp -s "$1" "$2" && return 0
  cmp "$1" "$2" 2>&1 | sed 's/^/  | /'
  tr ',' '\n' <"$1" >"$1.lines"; tr ',' '\n' <"$2" >"$2.lines"
  diff "$1.lines" "$2.lines" | head -6 | cut -c1-160 | sed 's/^/  | /'
  return 1
}
