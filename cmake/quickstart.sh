#!/usr/bin/env bash
# The README's two commands:
#   bash cmake/quickstart.sh app [ARGS...]   install what is missing, build, start RoleFit
#   bash cmake/quickstart.sh test            install what is missing, build, run every test
#   bash cmake/quickstart.sh web [--build-only]
#                                            the browser build: install, build build/web/site/,
#                                            serve it at http://127.0.0.1:8080/ until Ctrl+C
#   bash cmake/quickstart.sh windows [--build-only]
#                                            the Windows download: install, build build/windows/rolefit.exe
#                                            and RoleFit-windows-x64.zip, run its tests under wine
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-app}"
shift || true
jobs=$(nproc 2>/dev/null || echo 2)

# Each step of the test command says when it starts, so a slow CI run shows
# which step grew.
step() {
  printf '\n== quickstart %s: %s\n' "$(printf '%dm%02ds' $((SECONDS / 60)) $((SECONDS % 60)))" "$1"
}

# The browser build: Debian's sources of its C and C++ libraries (fetched
# once into a per-user cache), then emscripten through the web preset.
build_web() {
  ROLEFIT_SOURCES=$(bash cmake/sources.sh imgui sqlite3 sqlitecpp libcsv zlib)
  export ROLEFIT_SOURCES
  export NODE_PATH=/usr/share/nodejs  # emscripten 3.1.6 finds acorn there
  cmake --preset web >/dev/null
  cmake --build --preset web -j "$jobs"
}

# The Windows build: Debian's sources of its libraries (as the browser's, and
# GLFW), cross-built with mingw-w64 through the windows preset.
build_windows() {
  ROLEFIT_SOURCES=$(bash cmake/sources.sh imgui sqlite3 sqlitecpp libcsv zlib glfw3)
  export ROLEFIT_SOURCES
  cmake --preset windows -DROLEFIT_BUILD_TESTS=ON -DROLEFIT_WERROR="${1:-OFF}" >/dev/null
  cmake --build --preset windows -j "$jobs"
}

# Its tests under wine on an X display of their own: the engine,
# command-line and view tests through CTest, then the window and the files
# shared with Linux, against the Linux binary `$1` (tests/windows/).
test_windows() {
  xvfb-run -a -s "-screen 0 1600x1000x24" \
    bash tests/windows/test_windows.sh build/windows "$1" build/windows/screenshots
}

case "$mode" in
  app)
    bash cmake/setup.sh
    cmake --preset release -DROLEFIT_BUILD_TESTS=OFF >/dev/null
    cmake --build --preset release -j "$jobs" --target rolefit
    exec build/release/app/rolefit "$@"
    ;;
  test)
    step "installing what is missing"
    bash cmake/setup.sh test
    werror=OFF
    [[ "${CI:-}" == "true" ]] && werror=ON
    # Optimised build: the whole suite, then the benchmarks in a step of
    # their own, one at a time (their ratios only mean something with
    # optimisation on and nothing else running).
    step "optimised build"
    cmake --preset release -DROLEFIT_BUILD_TESTS=ON -DROLEFIT_WERROR="$werror" >/dev/null
    cmake --build --preset release -j "$jobs"
    step "optimised build: the suite"
    ctest --preset release -LE bench
    # The window's libraries load with its module, only for the window: a
    # verb's process maps none of them.
    if ldd build/release/app/rolefit | grep -Ei 'imgui|glfw|libGL|libX11'; then
      echo "quickstart: rolefit links a window library; it belongs in rolefit-window.so" >&2
      exit 1
    fi
    step "benchmarks"
    ctest --preset release -L bench -j 1 --verbose
    # Sanitizer build: the same suite under ASan + UBSan (benchmarks left out:
    # their ratios mean nothing there).
    step "sanitizer build"
    cmake --preset asan -DROLEFIT_BUILD_TESTS=ON -DROLEFIT_WERROR="$werror" >/dev/null
    cmake --build --preset asan -j "$jobs"
    step "sanitizer build: the suite"
    ctest --preset asan -LE bench
    # The command line alone: every verb and its tests, linking no ImGui,
    # GLFW or OpenGL.
    step "command line alone"
    cmake --preset cli -DROLEFIT_WERROR="$werror" >/dev/null
    cmake --build --preset cli -j "$jobs"
    ctest --preset cli
    if ldd build/cli/app/rolefit | grep -Ei 'imgui|glfw|libGL|libX11'; then
      echo "quickstart: the window-less rolefit links a window library" >&2
      exit 1
    fi
    # The browser build, then RoleFit in Debian's headless chromium as a
    # phone (tests/web: puppeteer-core from npm, pinned by its lock file; no
    # browser is downloaded). The desktop binary checks what the page stored.
    step "browser build"
    build_web
    step "browser tests"
    npm ci --prefix tests/web --no-audit --no-fund --loglevel=error
    node tests/web/test_web.mjs build/web/site build/release/app/rolefit build/web/screenshots
    node tests/web/bench_web.mjs build/web
    # The Windows download, cross-built, tested under wine against the
    # window-less Linux binary built above.
    step "Windows build"
    build_windows "$werror"
    step "Windows tests under wine"
    test_windows build/cli/app/rolefit
    # libFuzzer (clang): the session readers and the import path, a bounded
    # run from the seeds in tests/ (ROLEFIT_FUZZ_SECONDS per target).
    step "fuzz build"
    cmake --preset fuzz >/dev/null
    cmake --build --preset fuzz -j "$jobs"
    step "fuzzing"
    bash tests/fuzz/run.sh "${ROLEFIT_FUZZ_SECONDS:-30}"
    step "all passed"
    ;;
  web)
    bash cmake/setup.sh web
    build_web
    if [[ "${1:-}" == "--build-only" ]]; then
      echo "quickstart: the site is in build/web/site/ (static files: any web server can host it)"
      exit 0
    fi
    echo "quickstart: RoleFit is served at http://127.0.0.1:8080/ (Ctrl+C stops it)"
    exec python3 -m http.server 8080 --bind 127.0.0.1 --directory build/web/site
    ;;
  windows)
    bash cmake/setup.sh windows
    build_windows
    if [[ "${1:-}" == "--build-only" ]]; then
      echo "quickstart: build/windows/rolefit.exe and build/windows/RoleFit-windows-x64.zip are built"
      exit 0
    fi
    # The Linux side of the shared-files checks: the window-less binary.
    cmake --preset cli >/dev/null
    cmake --build --preset cli -j "$jobs" --target rolefit
    test_windows build/cli/app/rolefit
    echo "quickstart: the Windows build passed its tests; the download is build/windows/RoleFit-windows-x64.zip"
    ;;
  *)
    echo "usage: bash cmake/quickstart.sh app|test|web|windows [--build-only]" >&2
    exit 2
    ;;
esac
