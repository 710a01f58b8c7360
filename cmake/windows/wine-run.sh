#!/usr/bin/env bash
# Runs a Windows program under wine, in RoleFit's own wine prefix (made on
# first use), quietly: CTest's emulator for the Windows build.
export WINEPREFIX="${ROLEFIT_WINEPREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/rolefit/wine}"
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

# A crash in the program, or in one it starts, makes wine print this line on
# its own stderr. With the crash dialog off (tests/windows/test_windows.sh)
# wine then ends the program at once, but a crash in main() leaves wine's
# exit status 0: the line, not the status, tells.
crashed() { grep -q '^wine: Unhandled' "$err"; }

run_once() {
  wine "$@" >"$out" 2>"$err"
  rc=$?
}

run_once "$@"
# Under parallel load wine now and then fails to start a program at all: it
# exits non-zero within milliseconds having printed nothing (seen twice in
# CI, each time a different test). Every test prints something when it
# fails, so a silent failure is wine's, and only that is tried once more.
if [[ $rc -ne 0 && ! -s "$out" && ! -s "$err" ]]; then
  echo "wine-run: wine exited $rc having started nothing; running $(basename "$1") once more" >&2
  run_once "$@"
fi
cat "$out"
cat "$err" >&2
if crashed; then
  echo "wine-run: $(basename "$1") or a program it started crashed (wine's report above; exit status $rc)" >&2
  [[ $rc -ne 0 ]] || rc=1
fi
exit $rc
