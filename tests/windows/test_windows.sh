#!/usr/bin/env bash
# The Windows download tested under wine: the engine, command-line and view
# tests through CTest, then the download end to end as a person would use
# it: what it imports, the per-user folder, a company and a folder named
# "Zürich Ölbank", files shared with the Linux binary both ways, the line
# ends of reports, the window with each view (screenshots to look at) and
# Windows' own file dialog.
#   xvfb-run -a -s "-screen 0 1600x1000x24" \
#     bash tests/windows/test_windows.sh BUILD_DIR LINUX_ROLEFIT SCREENSHOT_DIR
# (cmake/quickstart.sh windows runs it so). It needs the X display: wine's
# services start once, here, on it.
set -euo pipefail
build=$(cd "$1" && pwd)
linux=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
shots=$3
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
exe="$build/rolefit.exe"
mkdir -p "$shots"
shots=$(cd "$shots" && pwd)
work=$(mktemp -d)
[[ -n "${DISPLAY:-}" ]] || { echo "windows: run me under xvfb-run (see the top of $0)" >&2; exit 2; }

export WINEPREFIX="${ROLEFIT_WINEPREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/rolefit/wine}"
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# wine's services (its desktop among them) start on this display and with
# nothing of ours open: started by a test, they would keep CTest's output
# pipe open and CTest would wait for them.
wineserver -k 2>/dev/null || true
wineserver -p </dev/null >/dev/null 2>&1
wine cmd /c exit </dev/null >/dev/null 2>&1
trap 'wineserver -k 2>/dev/null || true; rm -rf "$work"' EXIT
# A crash ends the program with wine's report on stderr, at once: with wine's
# crash dialog on, a crashed test waited in the dialog (on this display, with
# nobody to close it) for CTest's timeout. The line that report starts with
# is what cmake/windows/wine-run.sh (CTest's runner, and win() below) fails on.
wine reg add 'HKCU\Software\Wine\WineDbg' /v ShowCrashDialog /t REG_DWORD /d 0 /f </dev/null >/dev/null 2>&1

ctest --test-dir "$build" --timeout 180 -j "$(nproc 2>/dev/null || echo 2)" --output-on-failure

checks=0
fail() { echo "windows: FAILED: $*" >&2; exit 1; }
pass() { checks=$((checks + 1)); echo "windows: ok: $*"; }
# Through CTest's own runner: a crash fails the call, a silent start is retried.
win() { bash "$source_dir/cmake/windows/wine-run.sh" "$exe" "$@" </dev/null; }
# A Linux path as the Windows program sees it (wine's drive Z: is /).
winpath() { local p=${1//\//\\}; echo "Z:$p"; }
without_cr() { tr -d '\r'; }

# 1. One file to hand over: only Windows' own DLLs.
allowed=" advapi32.dll gdi32.dll kernel32.dll msvcrt.dll ole32.dll opengl32.dll shell32.dll user32.dll "
for dll in $(x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/^[[:space:]]*DLL Name: //p' | tr 'A-Z' 'a-z'); do
  [[ "$allowed" == *" $dll "* ]] || fail "rolefit.exe imports $dll, not a system DLL"
done
pass "rolefit.exe imports only system DLLs"

python3 - "$build/RoleFit-windows-x64.zip" <<'PY' || fail "the download's zip"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = sorted(n for n in z.namelist() if not n.endswith("/"))
assert names == ["RoleFit/LICENSE.txt", "RoleFit/README.txt", "RoleFit/rolefit.exe"], names
readme = z.read("RoleFit/README.txt")
assert b"\r\n" in readme and readme.count(b"\n") == readme.count(b"\r\n"), "README.txt has Unix line ends"
PY
pass "RoleFit-windows-x64.zip holds rolefit.exe, README.txt and LICENSE.txt (CR LF)"

# 2. A company and a folder with non-ASCII names, given as Windows paths.
folder="$work/Zürich Ölbank"
mkdir -p "$folder"
sed 's/^Northgate Savings Bank,/Zürich Ölbank AG,/' "$source_dir/assets/samples/companies.csv" >"$folder/Kunden Ö.csv"
db="$folder/Zürich Ölbank.db"
win import-csv "$(winpath "$folder/Kunden Ö.csv")" --db "$(winpath "$db")" >"$work/import.out" ||
  fail "import-csv into a folder named Zürich Ölbank"
[[ -f "$db" ]] || fail "the database is not at $db"
grep -q "Zürich Ölbank" "$work/import.out" || fail "import-csv does not name the database in UTF-8: $(cat "$work/import.out")"
win list --json --db "$(winpath "$db")" | grep -q '"name":"Zürich Ölbank AG"' || fail "list --json lacks Zürich Ölbank AG"
pass "a company, a CSV and a database named with Ü and Ö, in a folder named so"

# 3. evaluate --json: the same bytes as on Linux, apart from Windows' line ends.
win evaluate --json --db "$(winpath "$db")" >"$work/evaluate-windows.json"
"$linux" evaluate --json --db "$db" >"$work/evaluate-linux.json"
grep -q $'\r$' "$work/evaluate-windows.json" || fail "evaluate --json on Windows does not end its lines in CR LF"
cmp <(without_cr <"$work/evaluate-windows.json") "$work/evaluate-linux.json" ||
  fail "evaluate --json differs between Windows and Linux"
pass "evaluate --json gives the same bytes on Windows and Linux (apart from CR LF)"

# 4. A session Linux -> Windows -> Linux, JSON and binary.
"$linux" import-csv "$source_dir/assets/samples/companies.csv" --db "$work/linux.db" >/dev/null
"$linux" export "$work/from-linux.json" --db "$work/linux.db" >/dev/null
win import "$(winpath "$work/from-linux.json")" --db "$(winpath "$folder/received.db")" >/dev/null ||
  fail "Windows imports the session exported on Linux"
for format in json binary; do
  win export "$(winpath "$folder/back.$format")" --format "$format" --db "$(winpath "$folder/received.db")" >/dev/null ||
    fail "Windows exports a $format session"
  "$linux" import "$folder/back.$format" --db "$work/back-$format.db" >/dev/null ||
    fail "Linux imports the $format session exported on Windows"
  cmp <("$linux" evaluate --json --db "$work/linux.db") <("$linux" evaluate --json --db "$work/back-$format.db") ||
    fail "the profiles changed on their way Linux -> Windows -> Linux ($format)"
done
pass "a session exported on Linux imports on Windows, and back (JSON and binary): the same advice"

# 5. Reports written to files end their lines as Windows programs expect.
for format in csv md html; do
  win report "Zürich Ölbank AG" --format "$format" -o "$(winpath "$folder/report.$format")" --db "$(winpath "$db")" >/dev/null ||
    fail "report --format $format"
  lines=$(wc -l <"$folder/report.$format")
  crlf=$(grep -c $'\r$' "$folder/report.$format" || true)
  ((lines > 3 && crlf == lines)) || fail "report.$format: $crlf of $lines lines end in CR LF"
done
win report "Zürich Ölbank AG" --format csv --db "$(winpath "$db")" >"$work/report-stdout.csv"
lines=$(wc -l <"$work/report-stdout.csv")
crlf=$(grep -c $'[^\r]\r$' "$work/report-stdout.csv" || true)
((lines > 3 && crlf == lines)) || fail "report --format csv printed: $crlf of $lines lines end in one CR and LF"
pass "reports written to files or printed (CSV, Markdown, HTML) end every line in CR LF"

# 6. The per-user database in %APPDATA%\RoleFit (wine's own, in its prefix).
appdata=$(wine cmd /c echo %APPDATA% </dev/null 2>/dev/null | tr -d '\r')
[[ "$appdata" == C:\\* ]] || fail "wine's %APPDATA% is \"$appdata\""
unix_appdata="$WINEPREFIX/drive_c/$(echo "${appdata#C:\\}" | tr '\\' '/')"
user_db="$unix_appdata/RoleFit/rolefit.db"
[[ ! -e "$user_db" ]] || mv "$user_db" "$work/earlier-user.db"
win import-csv "$(winpath "$source_dir/assets/samples/companies.csv")" >/dev/null || fail "import-csv into the per-user database"
[[ -f "$user_db" ]] || fail "no database at $appdata\\RoleFit\\rolefit.db"
rm -f "$user_db"*
[[ ! -e "$work/earlier-user.db" ]] || mv "$work/earlier-user.db" "$user_db"
pass "without --db, the database is in %APPDATA%, RoleFit folder"

# 7. The window on the X display: every view, and a session file opened as
# if dropped, screenshotted through the window's own renderer.
export ROLEFIT_CONFIG_DIR="$work/config"  # the window's settings, not the prefix's
for view in welcome profiles editor compare roles session; do
  win --db "$(winpath "$db")" --screenshot "$(winpath "$shots/$view.png")" --size 1280x800 --view $view ||
    fail "the window's $view view under wine"
done
win --db "$(winpath "$db")" "$(winpath "$folder/back.json")" --screenshot "$(winpath "$shots/import-preview.png")" ||
  fail "a session file opened in the window under wine"
win --db "$(winpath "$db")" --screenshot "$(winpath "$shots/phone.png")" --size 400x800 --view compare ||
  fail "the window at a phone's size under wine"
for shot in welcome profiles editor compare roles session import-preview phone; do
  size=$(stat -c %s "$shots/$shot.png" 2>/dev/null || echo 0)
  ((size > 15000)) || fail "$shots/$shot.png is $size bytes: blank or missing"
done
pass "the window drew each view under wine (screenshots in $shots)"

# The window as a person starts it (no screenshot mode), and Windows' own
# file dialog: File > Export a backup..., a name typed into the dialog,
# Enter: the session is written there. (xdotool types "ö" for "Ö"; wine's
# file names ignore case as Windows' do.)
backup="$folder/Sicherung ö.json"
wine "$exe" --db "$(winpath "$db")" </dev/null >/dev/null 2>&1 &
window=$(timeout 60 xdotool search --sync --name '^RoleFit$' | head -1) || fail "the window did not open under wine"
sleep 3  # its first frames
xdotool mousemove --window "$window" 26 13 click 1
sleep 1
xdotool mousemove --window "$window" 72 143 click 1  # File > Export a backup...
dialog=$(timeout 60 xdotool search --sync --name '^Export a RoleFit session$' | head -1) ||
  fail "File > Export a backup... opened no file dialog"
sleep 3  # the dialog reads its folder
xdotool windowfocus "$dialog"
xdotool key End shift+Home BackSpace
xdotool type --delay 40 "$(winpath "$backup")"
xdotool key Return
for _ in $(seq 60); do [[ -s "$backup" ]] && break; sleep 0.5; done
[[ -s "$backup" ]] || fail "the file dialog's choice was not written: $backup"
pkill -f "rolefit.exe --db" || true
wait || true
"$linux" import "$backup" --db "$work/from-dialog.db" >/dev/null || fail "Linux imports the backup written through the dialog"
[[ $("$linux" list --json --db "$work/from-dialog.db" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))') == 7 ]] ||
  fail "the backup written through the dialog does not hold the 7 profiles"
"$linux" list --db "$db" >/dev/null || fail "the database after the window"
pass "the window opens; Windows' file dialog saves a backup where a name typed into it says"

echo "windows: all $checks checks passed"
