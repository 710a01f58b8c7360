#!/usr/bin/env bash
# Runs a Windows program under wine, in RoleFit's own wine prefix (made on
# first use), quietly: CTest's emulator for the Windows build.
export WINEPREFIX="${ROLEFIT_WINEPREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/rolefit/wine}"
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="
# Under parallel load wine now and then fails to start a program at all: it
# exits non-zero within milliseconds having printed nothing (seen twice in
# CI, each time a different test). Every test prints something when it
# fails, so a silent failure is wine's, and only that is tried once more.
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
wine "$@" >"$out" 2>"$err"
rc=$?
if [[ $rc -ne 0 && ! -s "$out" && ! -s "$err" ]]; then
  echo "wine-run: wine exited $rc having started nothing; running $(basename "$1") once more" >&2
  wine "$@"
  exit $?
fi
cat "$out"
cat "$err" >&2
exit $rc
