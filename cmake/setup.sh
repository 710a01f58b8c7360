#!/usr/bin/env bash
# Installs the Debian packages RoleFit needs that are not installed yet, and
# nothing when all are there. Works as root or through sudo; never prompts.
#   cmake/setup.sh          packages to build and run the app
#   cmake/setup.sh test     ... plus what the test suite needs
#   cmake/setup.sh web      ... plus what the browser build needs
#   cmake/setup.sh windows  ... plus what the Windows build and its tests need
set -euo pipefail

build_packages=(
  cmake g++ make pkg-config git
  libimgui-dev libglfw3-dev libgl-dev
  libsqlitecpp-dev libsqlite3-dev sqlite3
  libcereal-dev rapidjson-dev
  libfmt-dev libcli11-dev libstb-dev libcsv-dev zlib1g-dev
  fonts-inter fonts-dejavu-core
  zenity
)
test_packages=(
  catch2 xvfb xauth
  chromium nodejs npm
  clang libclang-rt-14-dev
)

# The browser build: emscripten, and tclsh to make SQLite's amalgamation
# from its source package (cmake/sources.sh).
web_packages=(
  emscripten tcl
)

# The Windows build: mingw-w64's x86-64 compilers (the -posix ones, which
# have std::thread), tclsh for SQLite's amalgamation, and wine (64-bit only)
# with Xvfb to run its tests and open its window here (xdotool clicks and
# types into it).
windows_packages=(
  g++-mingw-w64-x86-64-posix gcc-mingw-w64-x86-64-posix mingw-w64-x86-64-dev
  tcl wine wine64 libwine catch2 xvfb xauth xdotool
)

wanted=("${build_packages[@]}")
case "${1:-}" in
  test) wanted+=("${test_packages[@]}" "${web_packages[@]}" "${windows_packages[@]}") ;;
  web) wanted+=("${web_packages[@]}") ;;
  windows) wanted+=("${windows_packages[@]}") ;;
esac

# Node and npm may come from elsewhere (NodeSource's nodejs carries its own
# npm and conflicts with Debian's): a working command is enough for those.
provided_by_command() {
  case "$1" in
    nodejs) command -v node >/dev/null 2>&1 ;;
    npm) command -v npm >/dev/null 2>&1 ;;
    *) return 1 ;;
  esac
}

missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || provided_by_command "$pkg" || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  echo "setup: all ${#wanted[@]} packages already installed"
  exit 0
fi

echo "setup: installing ${#missing[@]} missing package(s): ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo -n)
else
  echo "setup: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup: done"
