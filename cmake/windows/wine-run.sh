#!/usr/bin/env bash
# Runs a Windows program under wine, in RoleFit's own wine prefix (made on
# first use), quietly: CTest's emulator for the Windows build.
export WINEPREFIX="${ROLEFIT_WINEPREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/rolefit/wine}"
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="
exec wine "$@"
